package dev.sqlpack.connector.sideinput.snapshot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.LogicalType;

/**
 * The committed KeyIndex before the primitive-key fast path (commit 99f690b), kept in the benchmark
 * only so that SideInputBenchmark measures before and after in one run. A hash index over one key set: open addressing on {@code int} arrays. Each slot holds the first
 * row of a chain of rows with the same key hash; {@code next} links the chain. Rows with a NULL
 * key field are not indexed (NULL never matches).
 */
public final class KeyIndexBefore {
    private static final int EMPTY = -1;

    private final KeySet keys;
    private final RowData.FieldGetter[] rowGetters;
    private final RowData.FieldGetter[] keyGetters;
    private final int[] slots;
    private final int[] hashes;
    private final int[] next;
    private final int capacity;

    private KeyIndexBefore(KeySet keys, LogicalType[] types, int rows) {
        this.keys = keys;
        this.rowGetters = new RowData.FieldGetter[keys.size()];
        this.keyGetters = new RowData.FieldGetter[keys.size()];
        for (int i = 0; i < types.length; i++) {
            rowGetters[i] = RowData.createFieldGetter(types[i], keys.field(i));
            keyGetters[i] = RowData.createFieldGetter(types[i], i);
        }
        // load factor 0.6, any size (not a power of two): slot = fast range reduction of the hash
        this.capacity = (int) Math.min(Integer.MAX_VALUE - 8, rows / 0.6 + 2);
        this.slots = new int[capacity];
        this.hashes = new int[rows];
        this.next = new int[rows];
        Arrays.fill(slots, EMPTY);
    }

    public static KeyIndexBefore build(Snapshot snapshot, KeySet keys) {
        KeyIndexBefore index = new KeyIndexBefore(keys, snapshot.keyTypes(keys), snapshot.rows());
        for (int r = snapshot.rows() - 1; r >= 0; r--) {
            index.insert(snapshot, snapshot.row(r), r);
        }
        return index;
    }

    public KeySet keys() {
        return keys;
    }

    long bytes() {
        return 4L * (slots.length + hashes.length + next.length);
    }

    private void insert(Snapshot snapshot, RowData row, int r) {
        int h = hash(row, rowGetters);
        if (h == 0) {
            next[r] = EMPTY;
            return;
        }
        hashes[r] = h;
        int s = slot(h);
        while (slots[s] != EMPTY) {
            if (hashes[slots[s]] == h && sameKey(row, rowGetters, snapshot.row(slots[s]), rowGetters)) {
                // inserted back to front, so chains keep source order
                next[r] = slots[s];
                slots[s] = r;
                return;
            }
            s = s + 1 == capacity ? 0 : s + 1;
        }
        slots[s] = r;
        next[r] = EMPTY;
    }

    public Collection<RowData> lookup(Snapshot snapshot, RowData key) {
        int h = hash(key, keyGetters);
        if (h == 0) {
            return List.of();
        }
        int s = slot(h);
        while (slots[s] != EMPTY) {
            if (hashes[slots[s]] == h) {
                RowData first = snapshot.row(slots[s]);
                if (sameKey(first, rowGetters, key, keyGetters)) {
                    if (next[slots[s]] == EMPTY) {
                        return List.of(first);
                    }
                    List<RowData> all = new ArrayList<>(2);
                    all.add(first);
                    for (int r = next[slots[s]]; r != EMPTY; r = next[r]) {
                        all.add(snapshot.row(r));
                    }
                    return all;
                }
            }
            s = s + 1 == capacity ? 0 : s + 1;
        }
        return List.of();
    }

    private int slot(int hash) {
        return (int) (((hash & 0xffffffffL) * capacity) >>> 32);
    }

    /** Hash of the key fields; 0 is reserved for "some key field is NULL". */
    private static int hash(RowData row, RowData.FieldGetter[] getters) {
        int h = 1;
        for (RowData.FieldGetter g : getters) {
            Object v = g.getFieldOrNull(row);
            if (v == null) {
                return 0;
            }
            h = 31 * h + (v instanceof byte[] b ? Arrays.hashCode(b) : v.hashCode());
        }
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h == 0 ? 1 : h;
    }

    private static boolean sameKey(RowData a, RowData.FieldGetter[] ga, RowData b, RowData.FieldGetter[] gb) {
        for (int i = 0; i < ga.length; i++) {
            if (!Objects.deepEquals(ga[i].getFieldOrNull(a), gb[i].getFieldOrNull(b))) {
                return false;
            }
        }
        return true;
    }
}
