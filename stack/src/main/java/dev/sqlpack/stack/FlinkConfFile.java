package dev.sqlpack.stack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Line-level edits of a flat-key Flink {@code config.yaml}, keeping its comments. */
final class FlinkConfFile {
    private FlinkConfFile() {}

    static String render(String template, Map<String, String> overrides) {
        Map<String, String> pending = new LinkedHashMap<>(overrides);
        List<String> out = new ArrayList<>();
        for (String line : template.split("\n", -1)) {
            String key = keyOf(line);
            if (key != null && pending.containsKey(key)) {
                out.add(key + ": " + quote(pending.remove(key)));
            } else {
                out.add(line);
            }
        }
        if (!pending.isEmpty()) {
            out.add("# added by ./sqlpack");
            pending.forEach((k, v) -> out.add(k + ": " + quote(v)));
        }
        return String.join("\n", out);
    }

    static String read(String text, String key) {
        for (String line : text.split("\n")) {
            if (key.equals(keyOf(line))) {
                String v = line.substring(line.indexOf(':') + 1).trim();
                if (v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2) {
                    v = v.substring(1, v.length() - 1);
                }
                return v;
            }
        }
        return null;
    }

    private static String keyOf(String line) {
        if (line.isBlank() || line.startsWith("#") || line.startsWith(" ")) {
            return null;
        }
        int colon = line.indexOf(':');
        return colon < 0 ? null : line.substring(0, colon).trim();
    }

    private static String quote(String v) {
        return v.matches("[A-Za-z0-9_./:-]+") ? v : "\"" + v.replace("\"", "\\\"") + "\"";
    }
}
