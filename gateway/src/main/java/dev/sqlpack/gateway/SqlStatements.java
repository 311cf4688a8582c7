package dev.sqlpack.gateway;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a SQL script into statements at semicolons outside quotes and comments (a statement set
 * EXECUTE STATEMENT SET BEGIN ... END stays whole). Shared by the endpoint (session-init file) and
 * the stack's clients.
 */
public final class SqlStatements {
    private SqlStatements() {}

    public static List<String> split(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean hasCode = false;
        int i = 0;
        int n = script.length();
        while (i < n) {
            char c = script.charAt(i);
            if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
                int end = script.indexOf('\n', i);
                end = end < 0 ? n : end;
                cur.append(script, i, end);
                i = end;
            } else if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
                int end = script.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                cur.append(script, i, end);
                i = end;
            } else if (c == '\'' || c == '"' || c == '`') {
                int j = i + 1;
                while (j < n) {
                    if (script.charAt(j) == c) {
                        if (j + 1 < n && script.charAt(j + 1) == c) {
                            j += 2; // doubled quote inside a literal
                            continue;
                        }
                        break;
                    }
                    j++;
                }
                int end = Math.min(n, j + 1);
                cur.append(script, i, end);
                hasCode = true;
                i = end;
            } else if (c == ';' && inStatementSet(cur) && !endsWithEnd(cur)) {
                cur.append(c); // a statement inside EXECUTE STATEMENT SET BEGIN ... END
                i++;
            } else if (c == ';') {
                if (hasCode) {
                    out.add(cur.toString().trim());
                }
                cur.setLength(0);
                hasCode = false;
                i++;
            } else {
                if (!Character.isWhitespace(c)) {
                    hasCode = true;
                }
                cur.append(c);
                i++;
            }
        }
        if (hasCode) {
            out.add(cur.toString().trim());
        }
        return out;
    }

    private static final java.util.regex.Pattern STATEMENT_SET = java.util.regex.Pattern.compile(
            "^(?:\\s|--[^\\n]*\\n|/\\*.*?\\*/)*EXECUTE\\s+STATEMENT\\s+SET\\s+BEGIN\\b",
            java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.DOTALL);
    private static final java.util.regex.Pattern ENDS_WITH_END = java.util.regex.Pattern.compile(
            "\\bEND\\s*$", java.util.regex.Pattern.CASE_INSENSITIVE);

    private static boolean inStatementSet(CharSequence statement) {
        return STATEMENT_SET.matcher(statement).find();
    }

    private static boolean endsWithEnd(CharSequence statement) {
        return ENDS_WITH_END.matcher(statement).find();
    }
}
