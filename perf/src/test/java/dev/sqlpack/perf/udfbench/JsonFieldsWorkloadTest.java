package dev.sqlpack.perf.udfbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlpack.udf.scalar.JsonFieldsFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.JsonValueOnEmptyOrError;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.runtime.functions.SqlJsonUtils;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The UDF benchmark's {@code json_fields} workload ({@code perf/python/udfbench/workloads.py}): its
 * SQL plans the way the fairness rules need (the document built once per row, one extraction per
 * row), and the built-in, Java and Python variants extract the same five values. Planning only, no
 * cluster; needs python3.
 */
class JsonFieldsWorkloadTest {

    private static JsonNode workload;
    private static String[] paths;

    @BeforeAll
    static void workloadFromPython() throws Exception {
        workload = new PythonTwins().module("udfbench.workloads", "json_fields");
        List<String> p = new ArrayList<>();
        workload.get("paths").forEach(n -> p.add(n.asText()));
        paths = p.toArray(String[]::new);
    }

    @ParameterizedTest
    @ValueSource(strings = {"source", "builtin", "java"})
    void buildsTheDocumentOncePerRow(String kind) {
        String plan = optimizedPlan(kind);
        // Flink 2.0 generated code does not share sub-expressions: a CONCAT inlined into each of
        // five JSON_VALUE calls would be built five times and slow the built-in variant down
        assertThat(count(plan, "CONCAT(")).as(plan).isEqualTo(1);
    }

    @Test
    void builtInVariantCallsJsonValueFiveTimesAndJavaVariantJsonFieldsOnce() {
        assertThat(count(optimizedPlan("builtin"), "JSON_VALUE(")).isEqualTo(5);
        String java = optimizedPlan("java");
        assertThat(count(java, "JSON_FIELDS(")).as(java).isEqualTo(1);
        assertThat(java).doesNotContain("JSON_VALUE(");
    }

    @Test
    void everyVariantExtractsTheSameFiveValuesFromTheBenchmarkDocument() throws Exception {
        PythonTwins twins = new PythonTwins();
        for (JsonNode d : workload.get("docs")) {
            Object[] args = new Object[paths.length + 1];
            args[0] = d.get("doc").asText();
            System.arraycopy(paths, 0, args, 1, paths.length);
            twins.call("json_fields", args);
        }
        List<JsonNode> python = twins.run();
        JsonFieldsFunction java = new JsonFieldsFunction();
        int i = 0;
        for (JsonNode d : workload.get("docs")) {
            String doc = d.get("doc").asText();
            String n = d.get("n").asText();
            String m = d.get("m").asText();
            // read off the document's template: user.id and session.duration_ms are the numbers as
            // written, items[1].sku is "s-<m>b", page.url carries m
            List<String> expected = List.of(n, "gold", "s-" + m + "b", "https://shop.example/p/" + m + "?ref=search&q=red+shoes", m);
            assertThat(doc.length()).as("about 1 KB").isBetween(980, 1040);

            Row row = java.eval(doc, paths);
            List<String> fromJava = new ArrayList<>();
            List<String> fromJsonValue = new ArrayList<>();
            List<String> fromTwin = new ArrayList<>();
            for (int f = 0; f < paths.length; f++) {
                fromJava.add((String) row.getField(f));
                // the runtime method behind JSON_VALUE; the SQL function then casts numbers to STRING
                fromJsonValue.add(Objects.toString(SqlJsonUtils.jsonValue(
                        doc, paths[f], JsonValueOnEmptyOrError.NULL, null, JsonValueOnEmptyOrError.NULL, null), null));
                fromTwin.add(python.get(i).get(f).asText());
            }
            assertThat(fromJava).as("JSON_FIELDS").isEqualTo(expected);
            assertThat(fromJsonValue).as("5 x JSON_VALUE").isEqualTo(expected);
            assertThat(fromTwin).as("Python twin").isEqualTo(expected);
            i++;
        }
    }

    private static String optimizedPlan(String kind) {
        JsonNode statements = workload.get("statements").get(kind);
        TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        statements.get("setup").forEach(s -> env.executeSql(s.asText()));
        String plan = env.explainSql(statements.get("insert").asText());
        return plan.substring(plan.indexOf("== Optimized Execution Plan =="));
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
            n++;
        }
        return n;
    }
}
