package dev.sqlpack.perf.functions;

import org.apache.flink.table.functions.ScalarFunction;

/**
 * The ~1 KB event document of the JSON benchmarks, one template for the JMH (Java) and the SQL
 * (CONCAT) side: a checkout event as analysts see them, with the five fields asked for spread over
 * it and the last one near its end.
 */
public final class JsonDoc {
    private static final String TEMPLATE = "{\"event_id\":\"e-{N}\",\"ts\":\"2026-11-24T05:55:10.123Z\",\"type\":\"checkout\","
            + "\"user\":{\"id\":{N},\"name\":\"{NAME}\",\"tier\":\"gold\",\"country\":\"DE\",\"signup\":\"2024-03-01\",\"flags\":[\"beta\",\"newsletter\"]},"
            + "\"device\":{\"os\":\"Android\",\"os_version\":\"14\",\"browser\":\"Chrome\",\"ua\":\"Mozilla/5.0 (Linux; Android 14; Pixel 8) "
            + "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36\",\"screen\":{\"w\":1080,\"h\":2400}},"
            + "\"items\":[{\"sku\":\"s-{M}\",\"qty\":2,\"price\":12.5,\"tags\":[\"sale\",\"red\"]},{\"sku\":\"s-{M}b\",\"qty\":1,\"price\":3.25,\"tags\":[]},"
            + "{\"sku\":\"s-9\",\"qty\":5,\"price\":0.99,\"tags\":[\"bulk\"]}],"
            + "\"page\":{\"url\":\"https://shop.example/p/{M}?ref=search&q=red+shoes\",\"referrer\":\"https://www.example.org/search?q=red+shoes\","
            + "\"title\":\"Red shoes - Example Shop\"},"
            + "\"payment\":{\"method\":\"card\",\"currency\":\"EUR\",\"amount\":28.24,\"card\":{\"brand\":\"visa\",\"last4\":\"4242\"}},"
            + "\"geo\":{\"lat\":52.52,\"lon\":13.405,\"city\":\"Berlin\",\"zip\":\"10115\"},"
            + "\"consent\":{\"analytics\":true,\"marketing\":false,\"version\":3},"
            + "\"session\":{\"id\":\"s-{N}\",\"pages\":7,\"duration_ms\":{M}}}";

    /** The paths asked for, as SQL literals. */
    static final String PATHS = "'$.user.id', '$.user.tier', '$.items[1].sku', '$.page.url', '$.session.duration_ms'";

    static final int LENGTH = java(1234567, 500, "abcdefghij").length();

    private JsonDoc() {}

    static String java(int n, int m, String name) {
        return TEMPLATE.replace("{NAME}", name).replace("{N}", Integer.toString(n)).replace("{M}", Integer.toString(m));
    }

    /**
     * The document as a SQL function, {@code BENCH_DOC(n, m, name)}, for the SQL-level run. It says
     * it is not deterministic so the planner computes it once per row in its own step, as a source
     * column would be read, instead of inlining it into every function call that reads it.
     */
    public static final class Function extends ScalarFunction {
        public String eval(Integer n, Integer m, String name) {
            return java(n, m, name);
        }

        @Override
        public boolean isDeterministic() {
            return false;
        }
    }
}
