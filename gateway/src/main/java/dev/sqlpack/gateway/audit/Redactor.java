package dev.sqlpack.gateway.audit;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides secrets before anything is logged: the value of every option or configuration key whose
 * name contains {@code password}, {@code secret} or {@code token} (any case) becomes {@code ***}.
 */
public final class Redactor {
    public static final String MASK = "***";
    /** 'key' = 'value' in WITH (...), SET, OPTIONS hints and LOAD MODULE ... WITH; '' escapes a quote. */
    private static final Pattern QUOTED_OPTION = Pattern.compile(
            "('(?:[^']|'')*(?i:password|secret|token)(?:[^']|'')*'\\s*=\\s*)'(?:[^']|'')*'");
    /** SET key = value without quotes (the SQL client accepts it). */
    private static final Pattern BARE_SET = Pattern.compile(
            "(?i)(\\bSET\\s+)([^\\s=']*(?:password|secret|token)[^\\s=']*)(\\s*=\\s*)([^;']\\S*)");

    private Redactor() {}

    public static boolean isSecretKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("token");
    }

    public static String statement(String sql) {
        if (sql == null) {
            return null;
        }
        String s = QUOTED_OPTION.matcher(sql).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "'" + MASK + "'"));
        return BARE_SET.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2) + m.group(3) + MASK));
    }

    public static Map<String, String> config(Map<String, String> config) {
        Map<String, String> out = new LinkedHashMap<>();
        config.forEach((k, v) -> out.put(k, isSecretKey(k) ? MASK : v));
        return out;
    }
}
