package dev.sqlpack.connector.sideinput.snapshot;

import java.io.Serializable;
import java.util.Arrays;

/** The top-level field positions a lookup join matches on, in the order of its key row. */
public final class KeySet implements Serializable {
    private final int[] fields;

    public KeySet(int... fields) {
        this.fields = fields.clone();
    }

    public int size() {
        return fields.length;
    }

    public int field(int i) {
        return fields[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeySet k && Arrays.equals(fields, k.fields);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(fields);
    }

    @Override
    public String toString() {
        return Arrays.toString(fields);
    }
}
