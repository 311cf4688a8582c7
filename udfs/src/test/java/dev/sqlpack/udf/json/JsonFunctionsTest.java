package dev.sqlpack.udf.json;

import static dev.sqlpack.udf.CollectingTableFunction.rowsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlpack.udf.TestContext;
import dev.sqlpack.udf.scalar.JsonFieldsFunction;
import dev.sqlpack.udf.table.JsonTupleFunction;
import java.util.List;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** JSON_FIELDS, JSON_TUPLE and the path subset they share, without a cluster. */
class JsonFunctionsTest {
    private static final String DOC = "{\"user\": {\"id\": 42, \"name\": \"Ann \\\"A\\\" \\u00e9\", \"tags\": [\"a\", \"b\"]},"
            + " \"items\": [{\"sku\": \"s-7\", \"price\": 12.50}, {\"sku\": \"s-8\", \"price\": -3e2}],"
            + " \"ok\": true, \"off\": false, \"none\": null, \"user agent\": \"curl\", \"it's\": 1, \"empty\": {}}";
    private static final String GRIN = new String(Character.toChars(0x1F600));
    private final TestContext ctx = new TestContext();
    private final JsonFieldsFunction fields = new JsonFieldsFunction();

    JsonFunctionsTest() {
        fields.open(ctx);
    }

    @Test
    void everyKindOfValueAsText() {
        Row r = fields.eval(DOC, "$.user.id", "$.user.name", "$.items[0].price", "$.items[1].price", "$.ok", "$.off",
                "$.none", "$.user.tags", "$.items[1]", "$.empty", "$['user agent']", "$[\"it's\"]", "$.user.tags[1]");
        assertThat(r).isEqualTo(Row.of("42", "Ann \"A\" é", "12.50", "-3e2", "true", "false", null, "[\"a\",\"b\"]",
                "{\"sku\":\"s-8\",\"price\":-300.0}", "{}", "curl", "1", "b"));
        assertThat(malformed()).isZero();
    }

    @Test
    void missingPathsAreNull() {
        Row r = fields.eval(DOC, "$.nope", "$.user.id.deeper", "$.items[2].sku", "$.items.sku", "$.user[0]", "$.ok");
        assertThat(r).isEqualTo(Row.of(null, null, null, null, null, "true"));
        assertThat(malformed()).isZero();
    }

    @Test
    void aPathAndAPathBelowIt() {
        Row r = fields.eval(DOC, "$.user", "$.user.id", "$.user.tags[0]", "$.user.id");
        assertThat(r.getField(0)).isEqualTo("{\"id\":42,\"name\":\"Ann \\\"A\\\" é\",\"tags\":[\"a\",\"b\"]}");
        assertThat(r.getField(1)).isEqualTo("42");
        assertThat(r.getField(2)).isEqualTo("a");
        assertThat(r.getField(3)).as("the same path twice").isEqualTo("42");
    }

    @Test
    void theFirstOfTwoEqualKeysCounts() {
        assertThat(fields.eval("{\"a\": 1, \"a\": 2}", "$.a")).isEqualTo(Row.of("1"));
    }

    @Test
    void arraysAtTheRootAndLargeIndexes() {
        assertThat(fields.eval("[10, [20, 21]]", "$[0]", "$[1][1]", "$[2147483647]")).isEqualTo(Row.of("10", "21", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "not json", "{\"a\": 1", "{\"a\": }", "{\"a\": 1} trailing", "{'a': 1}", "{\"a\": \"\\ud83d\"}",
            "{\"a\": [\"\\ude00\"]}", "{\"a\": 01}"})
    void malformedDocumentsGiveNullFieldsAndCount(String doc) {
        assertThat(fields.eval(doc, "$.a", "$.b")).isEqualTo(Row.of(null, null));
        assertThat(malformed()).isEqualTo(1);
    }

    @Test
    void readingStopsOnceEveryPathIsFound() {
        // documented: damage after the last value asked for is not seen
        assertThat(fields.eval("{\"a\": 1, \"b\": [oops", "$.a")).isEqualTo(Row.of("1"));
        assertThat(fields.eval("{\"a\": 1, \"b\": [oops", "$.b")).isEqualTo(Row.of((Object) null));
        assertThat(malformed()).isEqualTo(1);
    }

    @Test
    void supplementaryCharactersStayWhole() {
        Row r = fields.eval("{\"" + GRIN + "\": \"" + GRIN + "x\", \"e\": \"\\ud83d\\ude00\"}", "$['" + GRIN + "']", "$.e");
        assertThat(r).isEqualTo(Row.of(GRIN + "x", GRIN));
    }

    @Test
    void nullDocumentIsNull() {
        assertThat(fields.eval(null, "$.a")).isNull();
        assertThat(malformed()).isZero();
    }

    @Test
    void pathsOfTheSubset() {
        assertThat(JsonPath.parse("$.a.b").steps()).containsExactly("a", "b");
        assertThat(JsonPath.parse("$.a[0]").steps()).containsExactly("a", 0);
        assertThat(JsonPath.parse("$['a b'][\"c.d\"]").steps()).containsExactly("a b", "c.d");
        assertThat(JsonPath.parse("$['it\\'s']['back\\\\slash']").steps()).containsExactly("it's", "back\\slash");
        assertThat(JsonPath.parse("$._x9").steps()).containsExactly("_x9");
        assertThat(JsonPath.parse("$[10]").steps()).containsExactly(10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "$", "a.b", "$.", "$..a", "$.a.", "$.*", "$.a[*]", "$.a[-1]", "$.a[01]", "$.a[1:2]", "$.a[?(@.b)]",
            "$['a", "$['a']x", "$['a\\n']", "$.9a", "$.a b", "$ .a", "$.a[0", "$.a[2147483648]", "$.é", "$.user-agent", "lax $.a"})
    void pathsOutsideTheSubsetAreRefusedWithTheirText(String path) {
        assertThatThrownBy(() -> JsonPath.parse(path))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JSON path '" + path + "' is not supported at position")
                .hasMessageContaining("supported: $.key");
    }

    @Test
    void fieldNamesFollowThePaths() {
        List<JsonPath> paths = List.of(JsonPath.parse("$.user.id"), JsonPath.parse("$.items[0].sku"),
                JsonPath.parse("$['user agent']"), JsonPath.parse("$.user_id"), JsonPath.parse("$.user.id"), JsonPath.parse("$['']"));
        assertThat(JsonArguments.fieldNames(paths))
                .containsExactly("user_id", "items_0_sku", "user agent", "user_id_2", "user_id_3", "field");
    }

    @Test
    void jsonTupleIsHiveJsonTuple() {
        JsonTupleFunction f = new JsonTupleFunction();
        f.open(ctx);
        List<Row> rows = rowsOf(f);
        f.eval(DOC, "ok", "user", "none", "missing", null, "user agent", "items");
        f.eval(null, "ok", "user");
        f.eval("[1, 2]", "ok", "user");
        f.eval("not json", "ok", "user");
        f.eval("  {\"ok\": 1}", "ok", "user.id");
        assertThat(rows).containsExactly(
                Row.of("true", "{\"id\":42,\"name\":\"Ann \\\"A\\\" é\",\"tags\":[\"a\",\"b\"]}", null, null, null, "curl",
                        "[{\"sku\":\"s-7\",\"price\":12.5},{\"sku\":\"s-8\",\"price\":-300.0}]"),
                Row.of(null, null),
                Row.of(null, null),
                Row.of(null, null),
                Row.of("1", null));
        assertThat(ctx.count("sqlpack_json_tuple_malformed")).as("an array and a non-JSON string").isEqualTo(2);
    }

    private long malformed() {
        return ctx.count("sqlpack_json_fields_malformed");
    }
}
