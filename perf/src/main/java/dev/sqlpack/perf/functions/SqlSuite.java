package dev.sqlpack.perf.functions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A set of SQL variants measured side by side by {@link SqlSuiteBenchmark}. */
enum SqlSuite {
    /** JSON_FIELDS against five JSON_VALUE calls: five fields of a ~1 KB document. */
    JSON("Five fields of a ~1 KB JSON document") {
        @Override
        List<String> setup(long rows) {
            return List.of(
                    "CREATE TABLE gen (n INT, m INT, name STRING) WITH ('connector' = 'datagen', 'number-of-rows' = '" + rows
                            + "', 'rows-per-second' = '1000000000', 'fields.n.min' = '0', 'fields.n.max' = '9999999',"
                            + " 'fields.m.min' = '0', 'fields.m.max' = '999', 'fields.name.length' = '10')",
                    "CREATE TEMPORARY FUNCTION bench_doc AS '" + JsonDoc.Function.class.getName() + "'",
                    "CREATE VIEW src AS SELECT bench_doc(n, m, name) AS doc FROM gen",
                    "CREATE TABLE sink (a STRING, b STRING, c STRING, d STRING, e STRING) WITH ('connector' = 'blackhole')");
        }

        @Override
        Map<String, String> variants() {
            Map<String, String> v = new LinkedHashMap<>();
            v.put("source only (document built, its length written)",
                    "INSERT INTO sink SELECT n, n, n, n, n FROM (SELECT CAST(CHAR_LENGTH(doc) AS STRING) AS n FROM src)");
            v.put("JSON_FIELDS (5 paths, one parse)", "INSERT INTO sink SELECT f.user_id, f.user_tier, f.items_1_sku, f.page_url,"
                    + " f.session_duration_ms FROM (SELECT JSON_FIELDS(doc, " + JsonDoc.PATHS + ") AS f FROM src)");
            StringBuilder five = new StringBuilder("INSERT INTO sink SELECT ");
            String[] paths = JsonDoc.PATHS.split(", ");
            for (int i = 0; i < paths.length; i++) {
                five.append(i == 0 ? "" : ", ").append("JSON_VALUE(doc, ").append(paths[i]).append(")");
            }
            v.put("5 x JSON_VALUE (built-in)", five.append(" FROM src").toString());
            return v;
        }

        @Override
        List<String[]> ratios() {
            return List.<String[]>of(new String[] {"JSON_FIELDS (5 paths, one parse)", "5 x JSON_VALUE (built-in)"});
        }

        @Override
        String baseline() {
            return "source only (document built, its length written)";
        }

        @Override
        String setupNote() {
            return "Documents of about " + JsonDoc.LENGTH + " characters built per row from random numbers and a "
                    + "10-character string by a Java function declared non-deterministic (so the planner computes it once per "
                    + "row, as a source column would be read, instead of inlining it into each call); the paths are spread over "
                    + "the document, the last one near its end.";
        }
    },

    /** STATS with several accumulator shapes against the built-in aggregates it replaces. */
    STATS("STATS accumulator shapes vs built-ins, 1 s TUMBLE window, 100 keys") {
        private static final String CANDIDATES = "dev.sqlpack.perf.functions.StatsCandidates$";

        @Override
        List<String> setup(long rows) {
            return List.of(
                    "CREATE TABLE src (g INT, x DOUBLE, pt AS PROCTIME()) WITH ('connector' = 'datagen', 'number-of-rows' = '" + rows
                            + "', 'rows-per-second' = '1000000000', 'fields.g.min' = '0', 'fields.g.max' = '99',"
                            + " 'fields.x.min' = '0', 'fields.x.max' = '1000')",
                    "CREATE TEMPORARY FUNCTION stats_raw AS '" + CANDIDATES + "RawAcc'",
                    "CREATE TEMPORARY FUNCTION stats_pojo AS '" + CANDIDATES + "PojoAcc'",
                    "CREATE TABLE sink (g INT, w TIMESTAMP(3), st ROW<cnt BIGINT, mean DOUBLE, stddev DOUBLE, mn DOUBLE, mx DOUBLE>)"
                            + " WITH ('connector' = 'blackhole')");
        }

        @Override
        Map<String, String> variants() {
            Map<String, String> v = new LinkedHashMap<>();
            v.put("built-ins COUNT/AVG/STDDEV_SAMP/MIN/MAX", query("ROW(COUNT(x), AVG(x), STDDEV_SAMP(x), MIN(x), MAX(x))"));
            v.put("STATS, POJO accumulator (structured type)", query("stats_pojo(x)"));
            v.put("STATS, RAW accumulator", query("stats_raw(x)"));
            v.put("STATS, RowData accumulator (GenericRowData)", query("STATS(x)"));
            return v;
        }

        private String query(String expr) {
            return "INSERT INTO sink SELECT g, TUMBLE_END(pt, INTERVAL '1' SECOND), " + expr
                    + " FROM src GROUP BY g, TUMBLE(pt, INTERVAL '1' SECOND)";
        }

        @Override
        List<String[]> ratios() {
            String builtIn = "built-ins COUNT/AVG/STDDEV_SAMP/MIN/MAX";
            return List.of(new String[] {"STATS, POJO accumulator (structured type)", builtIn},
                    new String[] {"STATS, RAW accumulator", builtIn},
                    new String[] {"STATS, RowData accumulator (GenericRowData)", builtIn});
        }

        @Override
        String setupNote() {
            return "The udf benchmark's stats_window shape: random doubles, 100 keys, GROUP BY g, TUMBLE(proctime, 1 s).";
        }
    },

    /** OHLC and VWAP accumulator shapes: POJO (structured type), RAW, and for VWAP the RowData it ships. */
    TRADES("OHLC and VWAP accumulator shapes, 1 s TUMBLE window, 100 keys") {
        private static final String CANDIDATES = "dev.sqlpack.perf.functions.StatsCandidates$";

        @Override
        List<String> setup(long rows) {
            return List.of(
                    "CREATE TABLE src (g INT, price DOUBLE, qty DOUBLE, ts TIMESTAMP(3), pt AS PROCTIME()) WITH ('connector' = 'datagen',"
                            + " 'number-of-rows' = '" + rows + "', 'rows-per-second' = '1000000000', 'fields.g.min' = '0',"
                            + " 'fields.g.max' = '99', 'fields.price.min' = '90', 'fields.price.max' = '110', 'fields.qty.min' = '1',"
                            + " 'fields.qty.max' = '100')",
                    "CREATE TEMPORARY FUNCTION vwap_raw AS '" + CANDIDATES + "VwapRawAcc'",
                    "CREATE TEMPORARY FUNCTION ohlc_raw AS '" + CANDIDATES + "OhlcRawAcc'",
                    "CREATE TEMPORARY FUNCTION vwap_row_double AS '" + CANDIDATES + "VwapRowDataDoubleArgs'",
                    "CREATE TEMPORARY FUNCTION vwap_pojo AS '" + CANDIDATES + "VwapPojoAcc'",
                    "CREATE TABLE vsink (g INT, w TIMESTAMP(3), v DOUBLE) WITH ('connector' = 'blackhole')",
                    "CREATE TABLE osink (g INT, w TIMESTAMP(3), b ROW<o DOUBLE, h DOUBLE, l DOUBLE, c DOUBLE>) WITH ('connector' = 'blackhole')");
        }

        @Override
        Map<String, String> variants() {
            Map<String, String> v = new LinkedHashMap<>();
            v.put("built-ins SUM(price * qty) / SUM(qty)", query("vsink", "SUM(price * qty) / SUM(qty)"));
            v.put("VWAP, POJO accumulator (structured type)", query("vsink", "vwap_pojo(price, qty)"));
            v.put("VWAP, RAW accumulator", query("vsink", "vwap_raw(price, qty)"));
            v.put("VWAP, RowData accumulator, ANY arguments (shipped)", query("vsink", "VWAP(price, qty)"));
            v.put("VWAP, RowData accumulator, DOUBLE arguments", query("vsink", "vwap_row_double(price, qty)"));
            v.put("OHLC, POJO accumulator (structured type)", query("osink", "OHLC(price, ts)"));
            v.put("OHLC, RAW accumulator", query("osink", "ohlc_raw(price, ts)"));
            return v;
        }

        private String query(String sink, String expr) {
            return "INSERT INTO " + sink + " SELECT g, TUMBLE_END(pt, INTERVAL '1' SECOND), " + expr
                    + " FROM src GROUP BY g, TUMBLE(pt, INTERVAL '1' SECOND)";
        }

        @Override
        List<String[]> ratios() {
            return List.of(new String[] {"VWAP, POJO accumulator (structured type)", "built-ins SUM(price * qty) / SUM(qty)"},
                    new String[] {"VWAP, RAW accumulator", "built-ins SUM(price * qty) / SUM(qty)"},
                    new String[] {"VWAP, RowData accumulator, ANY arguments (shipped)", "built-ins SUM(price * qty) / SUM(qty)"},
                    new String[] {"VWAP, RowData accumulator, DOUBLE arguments", "built-ins SUM(price * qty) / SUM(qty)"},
                    new String[] {"OHLC, RAW accumulator", "OHLC, POJO accumulator (structured type)"});
        }

        @Override
        String setupNote() {
            return "Random prices 90-110, quantities 1-100, random timestamps, 100 keys, GROUP BY g, TUMBLE(proctime, 1 s).";
        }
    };

    static final String ALL = "json, stats, trades";

    private final String title;

    SqlSuite(String title) {
        this.title = title;
    }

    static SqlSuite named(String name) {
        try {
            return valueOf(name.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("no SQL suite '" + name + "'; suites: " + ALL, e);
        }
    }

    String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    String title() {
        return title;
    }

    abstract List<String> setup(long rows);

    abstract Map<String, String> variants();

    abstract List<String[]> ratios();

    abstract String setupNote();

    /** The variant whose time per row is the source's and the sink's share, or null. */
    String baseline() {
        return null;
    }
}
