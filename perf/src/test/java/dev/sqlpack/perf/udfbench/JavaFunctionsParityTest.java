package dev.sqlpack.perf.udfbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlpack.udf.aggregate.StatsAggFunction;
import dev.sqlpack.udf.scalar.GeoDistanceKmFunction;
import dev.sqlpack.udf.scalar.JsonFieldsFunction;
import dev.sqlpack.udf.scalar.MaskEmailFunction;
import dev.sqlpack.udf.table.JsonTupleFunction;
import dev.sqlpack.udf.table.SplitKvFunction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.table.data.RowData;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

/** The Python twins return what the pack's Java functions return, called directly in the JVM. */
class JavaFunctionsParityTest {

    @Test
    void geoDistanceKmTwinMatchesJava() throws Exception {
        Double[][] cases = {
            {52.52, 13.405, 48.8566, 2.3522}, {0.0, 0.0, 0.0, 0.0}, {90.0, 0.0, -90.0, 0.0},
            {-33.8688, 151.2093, 51.5074, -0.1278}, {10.0, 179.9, 10.0, -179.9}, {1.0, null, 2.0, 3.0},
            {90.0, 180.0, -90.0, -180.0}, // the edges are in range
            {91.0, 0.0, 0.0, 0.0}, {0.0, 0.0, -90.5, 0.0}, {0.0, 180.1, 0.0, 0.0}, {0.0, 0.0, 0.0, -181.0}, // out of range
        };
        PythonTwins twins = new PythonTwins();
        for (Double[] c : cases) {
            twins.call("geo_distance_km", (Object[]) c);
        }
        List<JsonNode> python = twins.run();
        GeoDistanceKmFunction java = new GeoDistanceKmFunction();
        int outOfRange = 0;
        for (int i = 0; i < cases.length; i++) {
            Double[] c = cases[i];
            Double expected = java.eval(c[0], c[1], c[2], c[3]);
            if (expected == null) {
                assertThat(python.get(i).isNull()).as("geo_distance_km%s", Arrays.toString(c)).isTrue();
                outOfRange += Arrays.asList(c).contains(null) ? 0 : 1;
            } else {
                assertThat(python.get(i).asDouble()).as("geo_distance_km%s", Arrays.toString(c))
                        .isCloseTo(expected, within(1e-9 * Math.max(1, expected)));
            }
        }
        assertThat(outOfRange).as("the cases out of range are NULL on both sides").isEqualTo(4);
    }

    @Test
    void maskEmailTwinMatchesJava() throws Exception {
        List<String> cases = Arrays.asList("john.doe@example.com", "a@b.c", "user.42@mail.example.org",
                "@example.com", "no-at-sign", "two@at@signs.com", "trailing@", "", null,
                "\uD83D\uDE00smile@example.com", "\uD840\uDC00@x.jp", "e\u0301milie@x.fr", "a\u0301\u0302b@x");
        PythonTwins twins = new PythonTwins();
        cases.forEach(e -> twins.call("mask_email", e));
        List<JsonNode> python = twins.run();
        MaskEmailFunction java = new MaskEmailFunction();
        for (int i = 0; i < cases.size(); i++) {
            assertThat(text(python.get(i))).as("mask_email(%s)", cases.get(i)).isEqualTo(java.eval(cases.get(i)));
        }
    }

    @Test
    void splitKvTwinMatchesJava() throws Exception {
        String[][] cases = {
            {"user=u1;page=/p/7;ref=search;lang=en", ";", "="}, {"a=1;;b=;flag;c=x=y", ";", "="},
            {"", ";", "="}, {"k:v||k2:v2", "||", ":"}, {null, ";", "="},
        };
        PythonTwins twins = new PythonTwins();
        for (String[] c : cases) {
            twins.call("split_kv", (Object[]) c);
        }
        List<JsonNode> python = twins.run();
        for (int i = 0; i < cases.length; i++) {
            List<List<String>> java = new ArrayList<>();
            SplitKvFunction fn = new SplitKvFunction();
            fn.setCollector(new Collector<>() {
                @Override
                public void collect(Row row) {
                    java.add(Arrays.asList((String) row.getField(0), (String) row.getField(1)));
                }

                @Override
                public void close() {}
            });
            fn.eval(cases[i][0], cases[i][1], cases[i][2]);
            List<List<String>> py = new ArrayList<>();
            python.get(i).forEach(row -> py.add(Arrays.asList(text(row.get(0)), text(row.get(1)))));
            assertThat(py).as("split_kv%s", Arrays.toString(cases[i])).isEqualTo(java);
        }
    }

    @Test
    void statsTwinMatchesJava() throws Exception {
        List<List<Double>> groups = List.of(List.of(1.0, 2.0, 4.0), Arrays.asList(3.5, null, -1.25, 8.0, 8.0),
                List.of(42.0), new ArrayList<>());
        PythonTwins twins = new PythonTwins();
        groups.forEach(g -> twins.call("stats", g));
        List<JsonNode> python = twins.run();
        StatsAggFunction java = new StatsAggFunction();
        for (int i = 0; i < groups.size(); i++) {
            RowData acc = java.createAccumulator();
            groups.get(i).forEach(x -> java.accumulate(acc, x));
            Row expected = java.getValue(acc);
            JsonNode got = python.get(i);
            if (expected == null) {
                assertThat(got.isNull()).as("stats(%s)", groups.get(i)).isTrue();
                continue;
            }
            assertThat(got.get(0).asLong()).as("count of %s", groups.get(i)).isEqualTo(((Number) expected.getField(0)).longValue());
            for (int f = 1; f < 5; f++) {
                Double e = (Double) expected.getField(f);
                if (e == null) {
                    assertThat(got.get(f).isNull()).as("field %d of stats(%s)", f, groups.get(i)).isTrue();
                } else {
                    assertThat(got.get(f).asDouble()).as("field %d of stats(%s)", f, groups.get(i))
                            .isCloseTo(e, within(1e-9 * Math.max(1, Math.abs(e))));
                }
            }
        }
    }

    /** Documents for JSON_FIELDS and JSON_TUPLE: every kind of value, and the malformed classes. */
    private static final List<String> JSON_DOCS = Arrays.asList(
            "{\"user\":{\"id\":42,\"name\":\"Ann \\\"A\\\" \\u00e9\",\"tags\":[\"a\",\"b\"]},\"items\":[{\"sku\":\"s-7\",\"price\":12.50},"
                    + "{\"sku\":\"s-8\",\"price\":-3e2,\"n\":null}],\"ok\":true,\"off\":false,\"none\":null,\"user agent\":\"curl\",\"empty\":{}}",
            "{\"a\": 1, \"a\": 2, \"user\": {\"id\": \"\\ud83d\\ude00\"}}",
            "{\"user\": {\"id\": \"\\ud83d\"}}",
            "[{\"id\": 1}, [2, 3]]",
            "{\"user\": [1, 2], \"items\": \"not an array\"}",
            "{\"big\": 123456789012345678901234567890, \"e\": 1E+2, \"neg\": -0.5}",
            // non-ASCII as raw UTF-8, in values and in a key: accents, CJK, an emoji (a surrogate pair in Java)
            "{\"user\": {\"id\": \"Zoë 北京 😀\", \"name\": [\"ñ\", {\"k\": \"€\"}]}, \"clé\": \"väl\"}",
            "", "   ", "not json", "{\"a\": 01}", "{\"a\": NaN}", "{\"a\": 1} {\"b\": 2}", "{'a': 1}", null);
    private static final String[] JSON_PATHS = {"$.user.id", "$.user.name", "$.items[0].price", "$.items[1]", "$.ok", "$.off",
        "$.none", "$.user.tags", "$.empty", "$['user agent']", "$[1][0]", "$[0].id", "$.a", "$.big", "$.e", "$.neg", "$.items[1].n",
        "$.missing", "$.items[5]", "$.user.id.deeper", "$['clé']"};

    @Test
    void jsonFieldsTwinMatchesJava() throws Exception {
        PythonTwins twins = new PythonTwins();
        JSON_DOCS.forEach(doc -> {
            Object[] args = new Object[JSON_PATHS.length + 1];
            args[0] = doc;
            System.arraycopy(JSON_PATHS, 0, args, 1, JSON_PATHS.length);
            twins.call("json_fields", args);
        });
        List<JsonNode> python = twins.run();
        JsonFieldsFunction java = new JsonFieldsFunction();
        for (int i = 0; i < JSON_DOCS.size(); i++) {
            Row expected = java.eval(JSON_DOCS.get(i), JSON_PATHS);
            assertThat(row(python.get(i))).as("json_fields(%s)", JSON_DOCS.get(i)).isEqualTo(fields(expected));
        }
    }

    @Test
    void jsonFieldsTwinReadsTheWholeDocumentWhereJavaStopsEarly() throws Exception {
        // the one documented difference (sqlpack_twins/functions.py, json_fields): the Java parser
        // stops once every path has its value, json.loads reads to the end
        String brokenAfterTheValue = "{\"user\": {\"id\": 7}, \"rest\": [1, 2";
        PythonTwins twins = new PythonTwins();
        twins.call("json_fields", brokenAfterTheValue, "$.user.id");
        twins.call("json_fields", brokenAfterTheValue, "$.user.id", "$.missing");
        List<JsonNode> python = twins.run();
        JsonFieldsFunction java = new JsonFieldsFunction();
        assertThat(fields(java.eval(brokenAfterTheValue, "$.user.id"))).containsExactly("7");
        assertThat(row(python.get(0))).containsExactly((String) null);
        // with a path that is not there, both read to the end and both see a malformed document
        assertThat(fields(java.eval(brokenAfterTheValue, "$.user.id", "$.missing"))).containsExactly(null, null);
        assertThat(row(python.get(1))).containsExactly(null, null);
    }

    @Test
    void jsonTupleTwinMatchesJava() throws Exception {
        String[] keys = {"user", "items", "ok", "none", "missing", "user agent", "a", "big", "e", "clé"};
        PythonTwins twins = new PythonTwins();
        JSON_DOCS.forEach(doc -> {
            Object[] args = new Object[keys.length + 1];
            args[0] = doc;
            System.arraycopy(keys, 0, args, 1, keys.length);
            twins.call("json_tuple", args);
        });
        List<JsonNode> python = twins.run();
        JsonTupleFunction java = new JsonTupleFunction();
        List<Row> rows = new ArrayList<>();
        java.setCollector(new Collector<>() {
            @Override
            public void collect(Row row) {
                rows.add(row);
            }

            @Override
            public void close() {}
        });
        for (int i = 0; i < JSON_DOCS.size(); i++) {
            java.eval(JSON_DOCS.get(i), keys);
            assertThat(rows).as("one row, always").hasSize(i + 1);
            assertThat(row(python.get(i))).as("json_tuple(%s)", JSON_DOCS.get(i)).isEqualTo(fields(rows.get(i)));
        }
    }

    private static List<String> row(JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        node.forEach(v -> out.add(text(v)));
        return out;
    }

    private static List<String> fields(Row row) {
        if (row == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int f = 0; f < row.getArity(); f++) {
            out.add((String) row.getField(f));
        }
        return out;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
