package dev.sqlpack.udf.json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A JSON path of the pack's subset: {@code $} followed by one or more steps, each {@code .key}
 * (a key of letters, digits and '_', not starting with a digit), {@code ['any key']} or
 * {@code ["any key"]} (a backslash escapes the quote or a backslash), or {@code [index]} (a
 * decimal array index from 0). Examples: {@code $.user.id}, {@code $.items[0].sku},
 * {@code $['user agent']}. No wildcards, filters, slices or recursive descent: each path names
 * exactly one value, so a document is read once for all of them.
 */
public final class JsonPath {
    static final String SUBSET = "supported: $.key, $['any key'], $[\"any key\"] and $[0], chained, e.g. $.items[0].sku";

    private final String text;
    private final List<Object> steps; // String key or Integer index

    private JsonPath(String text, List<Object> steps) {
        this.text = text;
        this.steps = Collections.unmodifiableList(steps);
    }

    /** Parses a path; the exception's message names the path, the position and the subset. */
    public static JsonPath parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a JSON path must not be NULL; " + SUBSET);
        }
        if (!text.startsWith("$")) {
            throw bad(text, 0, "a path starts with '$'");
        }
        List<Object> steps = new ArrayList<>();
        int i = 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.') {
                int start = ++i;
                while (i < text.length() && isKeyChar(text.charAt(i), i == start)) {
                    i++;
                }
                if (i == start) {
                    throw bad(text, start, "expected a key after '.' (quote other keys: $['a key'])");
                }
                steps.add(text.substring(start, i));
            } else if (c == '[') {
                i++;
                if (i < text.length() && (text.charAt(i) == '\'' || text.charAt(i) == '"')) {
                    char quote = text.charAt(i++);
                    StringBuilder key = new StringBuilder();
                    while (i < text.length() && text.charAt(i) != quote) {
                        char k = text.charAt(i);
                        if (k == '\\') {
                            if (i + 1 < text.length() && (text.charAt(i + 1) == quote || text.charAt(i + 1) == '\\')) {
                                key.append(text.charAt(i + 1));
                                i += 2;
                                continue;
                            }
                            throw bad(text, i, "a backslash in a quoted key escapes only the quote or a backslash");
                        }
                        key.append(k);
                        i++;
                    }
                    if (i + 1 >= text.length() || text.charAt(i + 1) != ']') {
                        throw bad(text, i, "unterminated quoted key (expected " + quote + "])");
                    }
                    steps.add(key.toString());
                    i += 2;
                } else {
                    int start = i;
                    while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                        i++;
                    }
                    if (i == start || i >= text.length() || text.charAt(i) != ']') {
                        throw bad(text, start, "expected an array index (digits) or a quoted key, then ']'");
                    }
                    if (i - start > 1 && text.charAt(start) == '0' || i - start > 10
                            || Long.parseLong(text.substring(start, i)) > Integer.MAX_VALUE) {
                        throw bad(text, start, "an array index is 0 or a number without leading zeros, at most " + Integer.MAX_VALUE);
                    }
                    steps.add(Integer.parseInt(text.substring(start, i)));
                    i++;
                }
            } else {
                throw bad(text, i, "expected '.' or '['");
            }
        }
        if (steps.isEmpty()) {
            throw bad(text, 1, "a path names a value inside the document, e.g. $.id");
        }
        return new JsonPath(text, steps);
    }

    /** The path of one top-level key, whatever its characters (JSON_TUPLE's keys). */
    public static JsonPath key(String key) {
        return new JsonPath("$['" + key.replace("\\", "\\\\").replace("'", "\\'") + "']", new ArrayList<>(List.of(key)));
    }

    private static boolean isKeyChar(char c, boolean first) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || !first && c >= '0' && c <= '9';
    }

    private static IllegalArgumentException bad(String text, int position, String reason) {
        return new IllegalArgumentException(
                "JSON path '" + text + "' is not supported at position " + position + ": " + reason + "; " + SUBSET);
    }

    /** Keys (String) and array indexes (Integer), from the root. */
    public List<Object> steps() {
        return steps;
    }

    /**
     * The field name JSON_FIELDS gives the value: the steps joined with '_', keys as they are and
     * indexes as numbers ({@code $.items[0].sku} gives {@code items_0_sku}, {@code $['user agent']}
     * gives {@code user agent}).
     */
    public String fieldName() {
        StringBuilder b = new StringBuilder();
        for (Object s : steps) {
            if (b.length() > 0) {
                b.append('_');
            }
            b.append(s);
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
