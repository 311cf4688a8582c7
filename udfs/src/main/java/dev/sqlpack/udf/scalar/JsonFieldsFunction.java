package dev.sqlpack.udf.scalar;

import dev.sqlpack.udf.FunctionDoc;
import dev.sqlpack.udf.FunctionRegistry;
import dev.sqlpack.udf.Malformed;
import dev.sqlpack.udf.json.JsonArguments;
import dev.sqlpack.udf.json.JsonPaths;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.table.types.inference.TypeInference;
import org.apache.flink.types.Row;

/** Several values of a JSON document from one parse, as a ROW of strings. */
@FunctionDoc(
        signature = "JSON_FIELDS(doc STRING, path1 STRING, path2 STRING, ...) -> ROW<name1 STRING, name2 STRING, ...>",
        description = "Reads the document once, with a streaming parser that stops as soon as every path has its value, and returns one STRING field per path (CAST them as needed): a string unquoted, a number as written, `true`/`false`, an object or array as compact JSON. "
                + "Paths are string literals of the subset `$.key`, `$['any key']` or `$[\"any key\"]`, and `$[index]`, chained (`$.items[0].sku`); a path outside it fails the statement while it is planned, with a message naming the path. "
                + "A field is named after its path: the steps joined with `_` (`$.user.id` gives `user_id`, `$.items[0].sku` gives `items_0_sku`, `$['user agent']` gives `user agent`); a name taken by an earlier path gets `_2`, `_3`, ... Where a key appears twice in an object, the first counts.",
        nullRule = "NULL if the document is NULL. A missing path, or a JSON null, gives a NULL field. A document that does not parse (as far as it is read: reading stops once every path is found), or a value asked for that escapes half of a surrogate pair, gives a row of NULL fields and counts as malformed (the same document in consecutive calls is parsed, and counted, once).",
        example = "SELECT f.user_id, f.items_0_sku, f.ok, f.`user agent`, f.missing FROM (SELECT JSON_FIELDS('{\"user\":{\"id\":42},\"items\":[{\"sku\":\"s-7\"}],\"ok\":true,\"user agent\":\"curl\"}', '$.user.id', '$.items[0].sku', '$.ok', '$[''user agent'']', '$.missing') AS f)",
        exampleResult = "42 | s-7 | true | curl | NULL")
public class JsonFieldsFunction extends ScalarFunction {
    private final Malformed malformed = new Malformed();
    private transient JsonPaths paths;
    // The planner inlines f.a, f.b, ... of one JSON_FIELDS call into one call per field (Flink
    // 2.0 does not share common sub-expressions), so the same document arrives several times in a row.
    private transient String lastDoc;
    private transient Row lastRow;

    @Override
    public void open(FunctionContext context) {
        malformed.open(context, this);
    }

    public Row eval(String doc, String... pathArgs) {
        if (doc == null) {
            return null;
        }
        if (paths == null || !paths.sameAs(pathArgs)) {
            paths = JsonPaths.of(pathArgs, false); // literals: compiled once per task
            lastDoc = null;
        } else if (doc == lastDoc || doc.equals(lastDoc)) {
            return lastRow;
        }
        Object[] values = paths.extract(doc);
        if (values == null) {
            malformed.inc();
            values = new Object[pathArgs.length];
        }
        lastDoc = doc;
        lastRow = Row.of(values);
        return lastRow;
    }

    @Override
    public TypeInference getTypeInference(DataTypeFactory typeFactory) {
        return JsonArguments.paths(FunctionRegistry.nameOf(getClass()));
    }
}
