package dev.sqlpack.udf.table;

import dev.sqlpack.udf.FunctionDoc;
import dev.sqlpack.udf.Malformed;
import dev.sqlpack.udf.Text;
import java.nio.charset.CharacterCodingException;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.FunctionHint;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.TableFunction;
import org.apache.flink.types.Row;

/** A URL's query parameters, decoded, one row each. */
@FunctionDoc(
        signature = "URL_QUERY_PARAMS(url STRING)",
        description = "One row per query parameter of the URL (after `?`, before `#`), with key and value URL-decoded (`+` is a space); a repeated key gives several rows. Use with LATERAL TABLE.",
        nullRule = "NULL or a URL without a query give no rows. A parameter with a broken %-escape, or escapes that do not spell UTF-8 (a truncated character, an encoded surrogate), is skipped and counts as malformed; a key without `=` has a NULL value.",
        example = "SELECT t.k, t.v FROM (VALUES ('https://shop.example/search?q=red+shoes&size=42&tag=a%26b#top')) AS x(u), LATERAL TABLE(URL_QUERY_PARAMS(u)) AS t(k, v)",
        exampleResult = "q | red shoes\nsize | 42\ntag | a&b")
@FunctionHint(output = @DataTypeHint("ROW<k STRING, v STRING>"))
public class UrlQueryParamsFunction extends TableFunction<Row> {
    private final Malformed malformed = new Malformed();

    @Override
    public void open(FunctionContext context) {
        malformed.open(context, this);
    }

    public void eval(String url) {
        if (url == null) {
            return;
        }
        int q = url.indexOf('?');
        if (q < 0) {
            return;
        }
        int hash = url.indexOf('#', q);
        String query = url.substring(q + 1, hash < 0 ? url.length() : hash);
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String k = decode(eq < 0 ? pair : pair.substring(0, eq));
                String v = eq < 0 ? null : decode(pair.substring(eq + 1));
                collect(Row.of(k, v));
            } catch (IllegalArgumentException e) {
                malformed.inc();
            }
        }
    }

    /**
     * Percent-decoding with '+' as a space. Unlike URLDecoder, a run of escapes that is not UTF-8
     * (a truncated character, an encoded surrogate) is refused instead of becoming U+FFFD, and
     * only ASCII hex digits make an escape.
     */
    static String decode(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        byte[] bytes = null;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '%') {
                if (bytes == null) {
                    bytes = new byte[s.length() / 3];
                }
                int n = 0;
                while (i < s.length() && s.charAt(i) == '%') {
                    if (i + 2 >= s.length()) {
                        throw new IllegalArgumentException("truncated escape in " + s);
                    }
                    bytes[n++] = (byte) (hex(s.charAt(i + 1)) << 4 | hex(s.charAt(i + 2)));
                    i += 3;
                }
                try {
                    out.append(Text.decodeUtf8Strictly(bytes, n));
                } catch (CharacterCodingException e) {
                    throw new IllegalArgumentException("escapes that are not UTF-8 in " + s, e);
                }
            } else {
                out.append(c == '+' ? ' ' : c);
                i++;
            }
        }
        return out.toString();
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        throw new IllegalArgumentException("not a hex digit: " + c);
    }
}
