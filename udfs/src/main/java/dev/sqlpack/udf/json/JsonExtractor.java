package dev.sqlpack.udf.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sqlpack.udf.Text;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pulls the values of several paths out of a JSON document in one streaming pass (Jackson's
 * {@link JsonParser}: no tree is built, values that no path asks for are skipped without being
 * decoded), and stops reading as soon as every path has its value.
 *
 * <p>A value comes back as text: a string unquoted, a number as written in the document, true or
 * false, an object or array as compact JSON; JSON null and a missing path give null. When a key
 * appears twice in an object, the first one counts. Not thread-safe: one per function instance.
 */
public final class JsonExtractor {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final Node root = new Node();
    private final int size;
    private final boolean[] found;
    private int remaining;
    private String doc;

    /** Paths in output order; the same path may be asked for twice. */
    public JsonExtractor(List<JsonPath> paths) {
        this.size = paths.size();
        this.found = new boolean[size];
        for (int i = 0; i < size; i++) {
            Node n = root;
            for (Object step : paths.get(i).steps()) {
                n = n.child(step);
            }
            n.outputs = Arrays.copyOf(n.outputs, n.outputs.length + 1);
            n.outputs[n.outputs.length - 1] = i;
        }
    }

    public int size() {
        return size;
    }

    /**
     * Fills {@code out[i]} with the value of path i (null when missing). Returns false when the
     * document does not parse as far as it was read, or when a value asked for holds half of a
     * surrogate pair (an escape like a lone high surrogate); then every value is null.
     */
    public boolean extract(String doc, String[] out) {
        Arrays.fill(out, 0, size, null);
        Arrays.fill(found, false);
        remaining = size;
        this.doc = doc;
        try (JsonParser p = JSON.createParser(doc)) {
            if (p.nextToken() == null) {
                return false; // empty or blank
            }
            if (!value(p, root, out) && p.nextToken() != null) {
                throw new MalformedJson(); // "{} x": trailing content after the document
            }
            return true;
        } catch (IOException | MalformedJson e) {
            Arrays.fill(out, 0, size, null);
            return false;
        }
    }

    /** Reads the value at the parser's current token for {@code node}; true once every path is found. */
    private boolean value(JsonParser p, Node node, String[] out) throws IOException {
        JsonToken t = p.currentToken();
        if (node.outputs.length > 0) {
            if (t.isScalarValue()) {
                String v = t == JsonToken.VALUE_NULL ? null : p.getText();
                if (t == JsonToken.VALUE_STRING && !Text.isWellFormed(v)) {
                    throw new MalformedJson();
                }
                return put(node, v, out);
            }
            long start = p.currentTokenLocation().getCharOffset();
            String json = compact(p);
            boolean done = put(node, json, out);
            if (!done && (node.keys != null || node.indexes != null)) {
                // a path and a path below it ($.a and $.a.b): read the value's own text again, so
                // numbers below keep their spelling
                String raw = doc.substring((int) start, (int) p.currentLocation().getCharOffset());
                try (JsonParser inner = JSON.createParser(raw)) {
                    inner.nextToken();
                    return children(inner, node, out);
                }
            }
            return done;
        }
        return children(p, node, out);
    }

    private boolean children(JsonParser p, Node node, String[] out) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT && node.keys != null) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                Node child = node.keys.get(p.currentName());
                p.nextToken();
                if (child == null) {
                    p.skipChildren();
                } else if (value(p, child, out)) {
                    return true;
                }
            }
            return false;
        }
        if (t == JsonToken.START_ARRAY && node.indexes != null) {
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                Node child = node.indexes.get(i++);
                if (child == null) {
                    p.skipChildren();
                } else if (value(p, child, out)) {
                    return true;
                }
            }
            return false;
        }
        p.skipChildren();
        return false;
    }

    private boolean put(Node node, String v, String[] out) {
        for (int o : node.outputs) {
            if (!found[o]) {
                found[o] = true;
                out[o] = v;
                remaining--;
            }
        }
        return remaining == 0;
    }

    private static String compact(JsonParser p) throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.copyCurrentStructure(p);
        }
        String json = w.toString();
        if (!Text.isWellFormed(json)) {
            throw new MalformedJson();
        }
        return json;
    }

    /** One step of the paths: children by key and by index, and the outputs that end here. */
    private static final class Node {
        Map<String, Node> keys;
        Map<Integer, Node> indexes;
        int[] outputs = new int[0];

        Node child(Object step) {
            if (step instanceof Integer i) {
                if (indexes == null) {
                    indexes = new HashMap<>();
                }
                return indexes.computeIfAbsent(i, k -> new Node());
            }
            if (keys == null) {
                keys = new HashMap<>();
            }
            return keys.computeIfAbsent((String) step, k -> new Node());
        }
    }

    /** Thrown inside the extractor only: the document is malformed for our purpose. */
    private static final class MalformedJson extends RuntimeException {
        MalformedJson() {
            super(null, null, false, false);
        }
    }
}
