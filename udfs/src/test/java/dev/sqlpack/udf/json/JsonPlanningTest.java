package dev.sqlpack.udf.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.ValidationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** JSON_FIELDS and JSON_TUPLE are typed while a query is planned; bad paths fail there (no job runs). */
class JsonPlanningTest {
    private static TableEnvironment env;

    @BeforeAll
    static void tableEnvironmentWithTheModule() {
        env = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        env.executeSql("LOAD MODULE sqlpack");
        env.executeSql("CREATE TEMPORARY VIEW docs AS SELECT * FROM (VALUES ('{\"a\": 1}', 'k')) AS t(doc, key_col)");
    }

    @Test
    void jsonFieldsIsARowNamedAfterItsPaths() {
        var schema = env.sqlQuery("SELECT JSON_FIELDS(doc, '$.user.id', '$.items[0].sku', '$[''user agent'']', '$.user_id') AS f FROM docs")
                .getResolvedSchema();
        assertThat(schema.getColumnDataTypes().get(0).toString())
                .isEqualTo("ROW<`user_id` STRING, `items_0_sku` STRING, `user agent` STRING, `user_id_2` STRING>");
    }

    @Test
    void aPathOutsideTheSubsetFailsTheStatementNamingIt() {
        assertThatThrownBy(() -> env.sqlQuery("SELECT JSON_FIELDS(doc, '$.a', '$.items[*].sku') FROM docs"))
                .isInstanceOf(ValidationException.class)
                .hasStackTraceContaining("JSON_FIELDS: path argument 2: JSON path '$.items[*].sku' is not supported at position 8");
    }

    @Test
    void pathsMustBeLiterals() {
        assertThatThrownBy(() -> env.sqlQuery("SELECT JSON_FIELDS(doc, key_col) FROM docs"))
                .isInstanceOf(ValidationException.class)
                .hasStackTraceContaining("JSON_FIELDS: path argument 1 must be a string literal");
        assertThatThrownBy(() -> env.sqlQuery("SELECT JSON_FIELDS(doc, CAST(NULL AS STRING)) FROM docs"))
                .isInstanceOf(ValidationException.class)
                .hasStackTraceContaining("must be a string literal");
        assertThatThrownBy(() -> env.sqlQuery("SELECT JSON_FIELDS(doc) FROM docs"))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> env.sqlQuery("SELECT JSON_FIELDS(doc, 42) FROM docs"))
                .isInstanceOf(ValidationException.class)
                .hasStackTraceContaining("argument 2 must be a string");
    }

    @Test
    void jsonTupleColumnsAreC0ToCnAndKeysMayBeColumns() {
        var schema = env.sqlQuery("SELECT t.* FROM docs, LATERAL TABLE(JSON_TUPLE(doc, 'a', key_col, 'c'))  AS t").getResolvedSchema();
        assertThat(schema.getColumnNames()).containsExactly("c0", "c1", "c2");
    }
}
