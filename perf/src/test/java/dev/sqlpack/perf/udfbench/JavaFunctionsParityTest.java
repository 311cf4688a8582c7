package dev.sqlpack.perf.udfbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlpack.udf.aggregate.StatsAggFunction;
import dev.sqlpack.udf.scalar.GeoDistanceKmFunction;
import dev.sqlpack.udf.scalar.MaskEmailFunction;
import dev.sqlpack.udf.table.SplitKvFunction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
        };
        PythonTwins twins = new PythonTwins();
        for (Double[] c : cases) {
            twins.call("geo_distance_km", (Object[]) c);
        }
        List<JsonNode> python = twins.run();
        GeoDistanceKmFunction java = new GeoDistanceKmFunction();
        for (int i = 0; i < cases.length; i++) {
            Double[] c = cases[i];
            Double expected = java.eval(c[0], c[1], c[2], c[3]);
            if (expected == null) {
                assertThat(python.get(i).isNull()).as("geo_distance_km%s", Arrays.toString(c)).isTrue();
            } else {
                assertThat(python.get(i).asDouble()).as("geo_distance_km%s", Arrays.toString(c))
                        .isCloseTo(expected, within(1e-9 * Math.max(1, expected)));
            }
        }
    }

    @Test
    void maskEmailTwinMatchesJava() throws Exception {
        List<String> cases = Arrays.asList("john.doe@example.com", "a@b.c", "user.42@mail.example.org",
                "@example.com", "no-at-sign", "two@at@signs.com", "trailing@", "", null);
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
            StatsAggFunction.Acc acc = java.createAccumulator();
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

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
