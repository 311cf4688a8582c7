package dev.sqlpack.perf.udfbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Python twins of the UDF benchmark ({@code perf/python/sqlpack_twins/functions.py}) return
 * what the JVM side returns, on a small data set with the edge cases. Needs only {@code python3}.
 */
class PythonTwinsParityTest {

    private static TableEnvironment tableEnv;

    @BeforeAll
    static void batchTableEnvironment() {
        tableEnv = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        tableEnv.getConfig().set("parallelism.default", "1");
    }

    /** Documents of the shape the benchmark generates, plus the cases JSON_VALUE answers NULL. */
    private static final List<String> DOCS = List.of(
            "{\"user\":{\"id\":42,\"name\":\"user.42\",\"tier\":\"gold\"},\"items\":[{\"sku\":\"s-7\",\"qty\":3,"
                    + "\"price\":12.5},{\"sku\":\"s-8\",\"qty\":1,\"price\":3.25}],\"page\":\"/p/7\",\"ref\":\"search\",\"ok\":true}",
            "{\"items\":[{\"sku\":\"a\"}]}",
            "{\"items\":[{\"sku\":\"a\"},{\"sku\":\"b\\u00e9\\\"q\"}]}",
            "{\"items\":[{\"sku\":\"a\"},{\"sku\":null}]}",
            "{\"items\":[{\"sku\":\"a\"},{\"sku\":{\"nested\":1}}]}",
            "{\"items\":[{\"sku\":\"a\"},{\"sku\":17}]}",
            "{\"items\":[{\"sku\":\"a\"},{\"sku\":false}]}",
            "{\"items\":{\"sku\":\"not an array\"}}",
            "not json",
            "[]");

    @Test
    void jsonValueTwinMatchesFlinkJsonValue() throws Exception {
        String path = "$.items[1].sku";
        List<String> jvm = new ArrayList<>();
        for (String doc : DOCS) {
            jvm.add((String) single("SELECT JSON_VALUE(" + literal(doc) + ", '" + path + "')").getField(0));
        }
        PythonTwins twins = new PythonTwins();
        DOCS.forEach(doc -> twins.call("json_value", doc, path));
        twins.call("json_value", null, path);
        List<JsonNode> python = twins.run();

        for (int i = 0; i < DOCS.size(); i++) {
            assertThat(text(python.get(i))).as("json_value(%s)", DOCS.get(i)).isEqualTo(jvm.get(i));
        }
        assertThat(python.get(DOCS.size()).isNull()).as("NULL in, NULL out").isTrue();
    }

    @Test
    void geoDistanceTwinMatchesTheBuiltInHaversineOfTheBenchmark() throws Exception {
        double[][] points = {
            {52.52, 13.405, 48.8566, 2.3522}, // Berlin - Paris
            {0, 0, 0, 0},
            {90, 0, -90, 0}, // pole to pole
            {-33.8688, 151.2093, 51.5074, -0.1278}, // Sydney - London
            {10, 179.9, 10, -179.9}, // across the antimeridian
            {-89.9, -180, 89.9, 180},
        };
        PythonTwins twins = new PythonTwins();
        for (double[] p : points) {
            twins.call("geo_distance_km", p[0], p[1], p[2], p[3]);
        }
        twins.call("geo_distance_km", 1.0, null, 2.0, 3.0);
        List<JsonNode> python = twins.run();

        for (int i = 0; i < points.length; i++) {
            double[] p = points[i];
            // the expression of the benchmark's built-in variant (workloads.py)
            String sql = String.format(
                    "SELECT 2 * 6371.0088 * ASIN(SQRT(POWER(SIN(RADIANS(lat2 - lat1) / 2), 2) + "
                            + "COS(RADIANS(lat1)) * COS(RADIANS(lat2)) * POWER(SIN(RADIANS(lon2 - lon1) / 2), 2))) "
                            + "FROM (VALUES (CAST(%s AS DOUBLE), CAST(%s AS DOUBLE), CAST(%s AS DOUBLE), CAST(%s AS DOUBLE))) "
                            + "AS t(lat1, lon1, lat2, lon2)",
                    p[0], p[1], p[2], p[3]);
            double jvm = (Double) single(sql).getField(0);
            assertThat(python.get(i).asDouble()).as("geo_distance_km%s", java.util.Arrays.toString(p))
                    .isCloseTo(jvm, within(1e-9 * Math.max(1, jvm)));
        }
        assertThat(python.get(points.length).isNull()).as("NULL in, NULL out").isTrue();
    }

    private static Row single(String sql) throws Exception {
        try (CloseableIterator<Row> rows = tableEnv.executeSql(sql).collect()) {
            Row row = rows.next();
            assertThat(rows.hasNext()).as("one row from %s", sql).isFalse();
            return row;
        }
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
