package dev.sqlpack.udf.table;

import dev.sqlpack.udf.FunctionDoc;
import dev.sqlpack.udf.FunctionRegistry;
import dev.sqlpack.udf.Malformed;
import dev.sqlpack.udf.json.JsonArguments;
import dev.sqlpack.udf.json.JsonPaths;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.TableFunction;
import org.apache.flink.table.types.inference.TypeInference;
import org.apache.flink.types.Row;

/** Hive's json_tuple: top-level values of a JSON object by key, from one parse. */
@FunctionDoc(
        signature = "JSON_TUPLE(json STRING, key1 STRING, key2 STRING, ...) -> TABLE(c0 STRING, c1 STRING, ...)",
        description = "Hive's and Spark's `json_tuple`, for queries that come from there: one row with the values of the given top-level keys of a JSON object, read in one pass (reading stops once every key is found). Keys are plain names, not paths, and may be any string expression. A value comes as text: a string unquoted, a number as written in the document (Hive re-formats it), `true`/`false`, an object or array as compact JSON. Use with LATERAL TABLE, naming the columns: `AS t(a, b)`.",
        nullRule = "Always one row, as in Hive: a NULL document, or a NULL key, gives NULL; so does a missing key or a JSON null. A document that is not a JSON object (or not JSON, or a value that escapes half of a surrogate pair) gives a row of NULLs and counts as malformed.",
        example = "SELECT t.a, t.b, t.c FROM (VALUES ('{\"a\": \"x\", \"b\": 2.50, \"c\": [1, 2]}'), ('not json')) AS v(j), LATERAL TABLE(JSON_TUPLE(j, 'a', 'b', 'c')) AS t(a, b, c)",
        exampleResult = "x | 2.50 | [1,2]\nNULL | NULL | NULL")
public class JsonTupleFunction extends TableFunction<Row> {
    private final Malformed malformed = new Malformed();
    private transient JsonPaths keys;

    @Override
    public void open(FunctionContext context) {
        malformed.open(context, this);
    }

    public void eval(String json, String... keyArgs) {
        if (json == null) {
            collect(Row.of(new Object[keyArgs.length]));
            return;
        }
        if (keys == null || !keys.sameAs(keyArgs)) {
            keys = JsonPaths.of(keyArgs, true);
        }
        Object[] values = isObject(json) ? keys.extract(json) : null;
        if (values == null) {
            malformed.inc();
            values = new Object[keyArgs.length];
        }
        collect(Row.of(values));
    }

    /** Whether the text starts, after JSON whitespace, with '{' (Hive reads the document as a map). */
    private static boolean isObject(String json) {
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return c == '{';
            }
        }
        return false;
    }

    @Override
    public TypeInference getTypeInference(DataTypeFactory typeFactory) {
        return JsonArguments.keys(FunctionRegistry.nameOf(getClass()));
    }
}
