package dev.sqlpack.udf.json;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The compiled form of a call's path (or key) arguments, kept while the arguments stay the same
 * (they are literals for JSON_FIELDS, so it is built once per task).
 */
public final class JsonPaths {
    private final String[] args;
    private final JsonExtractor extractor;
    private final int[] slot; // argument -> extractor output, -1 for a NULL key
    private final String[] values;

    private JsonPaths(String[] args, JsonExtractor extractor, int[] slot) {
        this.args = args.clone();
        this.extractor = extractor;
        this.slot = slot;
        this.values = new String[extractor.size()];
    }

    /** Paths ({@code keys == false}, parsed by {@link JsonPath#parse}) or top-level keys (NULL allowed). */
    public static JsonPaths of(String[] args, boolean keys) {
        List<JsonPath> paths = new ArrayList<>();
        int[] slot = new int[args.length];
        for (int i = 0; i < args.length; i++) {
            if (keys && args[i] == null) {
                slot[i] = -1;
                continue;
            }
            slot[i] = paths.size();
            paths.add(keys ? JsonPath.key(args[i]) : JsonPath.parse(args[i]));
        }
        return new JsonPaths(args, new JsonExtractor(paths), slot);
    }

    public boolean sameAs(String[] other) {
        return Arrays.equals(args, other);
    }

    /** The value of each argument's path, in argument order; null when the document is malformed. */
    public Object[] extract(String doc) {
        if (!extractor.extract(doc, values)) {
            return null;
        }
        Object[] out = new Object[slot.length];
        for (int i = 0; i < slot.length; i++) {
            out[i] = slot[i] < 0 ? null : values[slot[i]];
        }
        return out;
    }
}
