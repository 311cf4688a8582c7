package dev.sqlpack.udf.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sqlpack.udf.FunctionDoc;
import dev.sqlpack.udf.Malformed;
import dev.sqlpack.udf.Text;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.FunctionHint;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.TableFunction;
import org.apache.flink.types.Row;

/** The elements of a JSON array, one row each. */
@FunctionDoc(
        signature = "EXPLODE_JSON_ARRAY(json STRING)",
        description = "One row per element of a JSON array, with its position (from 0); a string element comes unquoted, any other element as JSON text. Use with LATERAL TABLE. `element` is an SQL keyword: quote it with backticks.",
        nullRule = "NULL gives no rows. A string that is not a JSON array, or one whose strings escape half a surrogate pair (`\\ud83d` alone), gives no rows and counts as malformed.",
        example = "SELECT t.pos, t.`element` FROM (VALUES ('[\"a\", 2, {\"b\": true}]')) AS v(j), LATERAL TABLE(EXPLODE_JSON_ARRAY(j)) AS t(pos, `element`)",
        exampleResult = "0 | a\n1 | 2\n2 | {\"b\":true}")
@FunctionHint(output = @DataTypeHint("ROW<pos INT, element STRING>"))
public class ExplodeJsonArrayFunction extends TableFunction<Row> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Malformed malformed = new Malformed();

    @Override
    public void open(FunctionContext context) {
        malformed.open(context, this);
    }

    public void eval(String json) {
        if (json == null) {
            return;
        }
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (java.io.IOException e) {
            malformed.inc();
            return;
        }
        if (node == null || !node.isArray()) {
            malformed.inc();
            return;
        }
        // JSON may escape half a surrogate pair (a lone high-surrogate escape); such text is not a string of
        // characters, so the document is malformed rather than emitted broken.
        List<String> elements = new ArrayList<>(node.size());
        for (JsonNode element : node) {
            String text = element.isTextual() ? element.asText() : element.toString();
            if (!Text.isWellFormed(text)) {
                malformed.inc();
                return;
            }
            elements.add(text);
        }
        for (int pos = 0; pos < elements.size(); pos++) {
            collect(Row.of(pos, elements.get(pos)));
        }
    }
}
