package dev.sqlpack.udf.table;

import dev.sqlpack.udf.FunctionDoc;
import dev.sqlpack.udf.Text;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.FunctionHint;
import org.apache.flink.table.functions.TableFunction;
import org.apache.flink.types.Row;

/** Key-value pairs of a string, one row each. */
@FunctionDoc(
        signature = "SPLIT_KV(text STRING, pair_sep STRING, kv_sep STRING)",
        description = "Splits `text` into pairs at `pair_sep` and each pair into key and value at the first `kv_sep` (literal separators, not regular expressions, matched as whole characters, so an emoji key, value or separator stays whole). Use with LATERAL TABLE.",
        nullRule = "NULL text or separators give no rows. A pair without `kv_sep` gives its key with a NULL value; empty pairs are skipped.",
        example = "SELECT t.k, t.v FROM (VALUES ('a=1;b=2;flag')) AS x(s), LATERAL TABLE(SPLIT_KV(s, ';', '=')) AS t(k, v)",
        exampleResult = "a | 1\nb | 2\nflag | NULL")
@FunctionHint(output = @DataTypeHint("ROW<k STRING, v STRING>"))
public class SplitKvFunction extends TableFunction<Row> {

    public void eval(String text, String pairSep, String kvSep) {
        if (text == null || pairSep == null || kvSep == null || pairSep.isEmpty() || kvSep.isEmpty()) {
            return;
        }
        // A well-formed separator can only match between whole code points of well-formed text;
        // half a surrogate pair (possible from Java, never from SQL) could cut a character in two.
        if (!Text.isWellFormed(pairSep) || !Text.isWellFormed(kvSep)) {
            return;
        }
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf(pairSep, start);
            if (end < 0) {
                end = text.length();
            }
            if (end > start) {
                String pair = text.substring(start, end);
                int eq = pair.indexOf(kvSep);
                collect(eq < 0 ? Row.of(pair, null) : Row.of(pair.substring(0, eq), pair.substring(eq + kvSep.length())));
            }
            start = end + pairSep.length();
        }
    }
}
