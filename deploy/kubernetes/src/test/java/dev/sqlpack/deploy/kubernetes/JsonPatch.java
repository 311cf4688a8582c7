package dev.sqlpack.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/** RFC 6902 add, replace and remove on a Jackson tree (what kustomize's JSON 6902 patches use here). */
final class JsonPatch {
    private JsonPatch() {}

    static void apply(ObjectNode doc, JsonNode op, Path source) {
        String kind = op.path("op").asText();
        String path = op.path("path").asText();
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException(source + ": path '" + path + "' must start with '/'");
        }
        String[] parts = path.substring(1).split("/", -1);
        JsonNode parent = doc;
        for (int i = 0; i < parts.length - 1; i++) {
            parent = child(parent, unescape(parts[i]));
            if (parent == null) {
                throw new IllegalArgumentException(source + ": path '" + path + "' does not exist in " + Yaml.id(doc));
            }
        }
        String last = unescape(parts[parts.length - 1]);
        switch (kind) {
            case "add", "replace" -> {
                JsonNode value = op.get("value");
                if (value == null) {
                    throw new IllegalArgumentException(source + ": '" + kind + "' of '" + path + "' has no value");
                }
                if (kind.equals("replace") && child(parent, last) == null) {
                    throw new IllegalArgumentException(source + ": cannot replace missing '" + path + "' in " + Yaml.id(doc));
                }
                set(parent, last, value.deepCopy(), kind.equals("add"));
            }
            case "remove" -> {
                if (child(parent, last) == null) {
                    throw new IllegalArgumentException(source + ": cannot remove missing '" + path + "' in " + Yaml.id(doc));
                }
                if (parent instanceof ArrayNode a) {
                    a.remove(Integer.parseInt(last));
                } else {
                    ((ObjectNode) parent).remove(last);
                }
            }
            default -> throw new UnsupportedOperationException(source + ": op '" + kind + "' is not rendered (add, replace, remove)");
        }
    }

    private static JsonNode child(JsonNode node, String key) {
        if (node instanceof ArrayNode a) {
            int i = key.matches("\\d+") ? Integer.parseInt(key) : -1;
            return i >= 0 && i < a.size() ? a.get(i) : null;
        }
        return node instanceof ObjectNode o ? o.get(key) : null;
    }

    private static void set(JsonNode parent, String key, JsonNode value, boolean insert) {
        if (parent instanceof ArrayNode a) {
            if (key.equals("-")) {
                a.add(value);
            } else if (insert) {
                a.insert(Integer.parseInt(key), value);
            } else {
                a.set(Integer.parseInt(key), value);
            }
        } else {
            ((ObjectNode) parent).set(key, value);
        }
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }
}
