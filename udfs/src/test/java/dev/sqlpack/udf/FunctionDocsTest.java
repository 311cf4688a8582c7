package dev.sqlpack.udf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.functions.UserDefinedFunction;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * docs/functions.md is generated from the registry and each function's {@link FunctionDoc}; this
 * test fails when the committed file is stale, and runs every documented example.
 * Regenerate with: mvn -pl udfs test -Dtest=FunctionDocsTest -Dsqlpack.updateDocs=true
 */
class FunctionDocsTest {
    private static final Path DOC = Path.of("..", "docs", "functions.md");
    private static TableEnvironment env;

    @BeforeAll
    static void tableEnvironmentWithTheModule() {
        env = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        env.getConfig().set("table.local-time-zone", "UTC");
        env.executeSql("LOAD MODULE sqlpack");
    }

    @Test
    void theReferenceIsUpToDate() throws Exception {
        String generated = render();
        if (Boolean.getBoolean("sqlpack.updateDocs")) {
            Files.writeString(DOC, generated);
        }
        assertThat(Files.exists(DOC)).as("docs/functions.md exists").isTrue();
        assertThat(Files.readString(DOC))
                .as("docs/functions.md is stale; regenerate: mvn -pl udfs test -Dtest=FunctionDocsTest -Dsqlpack.updateDocs=true")
                .isEqualTo(generated);
    }

    @Test
    void everyFunctionIsDocumented() {
        for (Map.Entry<String, Class<? extends UserDefinedFunction>> e : FunctionRegistry.functions().entrySet()) {
            FunctionDoc doc = e.getValue().getAnnotation(FunctionDoc.class);
            assertThat(doc).as(e.getKey() + " has a @FunctionDoc").isNotNull();
            assertThat(doc.signature()).as(e.getKey()).startsWith(e.getKey() + "(");
            if (FunctionRegistry.declaredOutput(e.getValue()) != null) {
                assertThat(doc.signature()).as(e.getKey() + "'s output type is in its @DataTypeHint; write it once").doesNotContain("->");
            }
            assertThat(doc.example()).as(e.getKey() + "'s example uses it").containsIgnoringCase(e.getKey() + "(");
        }
    }

    @TestFactory
    Stream<DynamicTest> everyExampleGivesItsDocumentedResult() {
        return FunctionRegistry.functions().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            FunctionDoc doc = e.getValue().getAnnotation(FunctionDoc.class);
            assertThat(run(doc.example())).as(doc.example()).isEqualTo(List.of(doc.exampleResult().split("\n")));
        }));
    }

    /** Rows of a query as "a | b" text; final results only (retractions applied). */
    static List<String> run(String sql) throws Exception {
        TableResult r = env.executeSql(sql);
        List<String> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = r.collect()) {
            while (it.hasNext()) {
                Row row = it.next();
                String text = text(row);
                switch (row.getKind()) {
                    case INSERT, UPDATE_AFTER -> rows.add(text);
                    default -> rows.remove(text);
                }
            }
        }
        return rows;
    }

    static String text(Row row) {
        List<String> f = new ArrayList<>();
        for (int i = 0; i < row.getArity(); i++) {
            Object v = row.getField(i);
            f.add(v == null ? "NULL" : v instanceof Object[] a ? json(a) : v.toString());
        }
        return String.join(" | ", f);
    }

    private static String json(Object[] a) {
        List<String> parts = new ArrayList<>();
        for (Object o : a) {
            parts.add(o instanceof String s ? "\"" + s + "\"" : String.valueOf(o));
        }
        return "[" + String.join(",", parts) + "]";
    }

    static String render() {
        StringBuilder b = new StringBuilder();
        b.append("# Function reference\n\n");
        b.append("Generated from `dev.sqlpack.udf.FunctionRegistry` and each function's `@FunctionDoc` by\n");
        b.append("`FunctionDocsTest`, which also runs every example below and checks its result; regenerate with\n");
        b.append("`mvn -pl udfs test -Dtest=FunctionDocsTest -Dsqlpack.updateDocs=true`.\n\n");
        b.append("Load them all with `LOAD MODULE sqlpack;` (the local stack's init script does), or one at a time:\n");
        b.append("`ADD JAR '<path>/sqlpack-udfs.jar'; CREATE TEMPORARY FUNCTION geo_distance_km AS\n");
        b.append("'dev.sqlpack.udf.scalar.GeoDistanceKmFunction';`. Malformed input never fails a job: it gives NULL\n");
        b.append("(or no rows) and increments the function's counter `sqlpack_<function>_malformed` in the\n");
        b.append("operator's metric group. Every function is deterministic.\n\n");
        b.append("| function | kind | class |\n|---|---|---|\n");
        for (Map.Entry<String, Class<? extends UserDefinedFunction>> e : FunctionRegistry.functions().entrySet()) {
            b.append("| [`").append(e.getKey()).append("`](#").append(e.getKey().toLowerCase(java.util.Locale.ROOT))
                    .append(") | ").append(kind(e.getValue())).append(" | `").append(e.getValue().getName()).append("` |\n");
        }
        for (Map.Entry<String, Class<? extends UserDefinedFunction>> e : FunctionRegistry.functions().entrySet()) {
            FunctionDoc d = e.getValue().getAnnotation(FunctionDoc.class);
            b.append("\n## ").append(e.getKey()).append("\n\n");
            b.append("`").append(FunctionRegistry.signature(e.getValue())).append("`\n\n");
            b.append(d.description()).append("\n\n");
            b.append("**NULL and bad input:** ").append(d.nullRule()).append("\n\n");
            b.append("```sql\n").append(d.example()).append(";\n```\n\n");
            b.append("Result:\n\n```\n").append(d.exampleResult()).append("\n```\n");
        }
        return b.toString();
    }

    private static String kind(Class<?> c) {
        if (org.apache.flink.table.functions.AggregateFunction.class.isAssignableFrom(c)) {
            return "aggregate";
        }
        if (org.apache.flink.table.functions.TableFunction.class.isAssignableFrom(c)) {
            return "table";
        }
        return "scalar";
    }
}
