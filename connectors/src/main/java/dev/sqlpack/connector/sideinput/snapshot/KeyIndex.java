package dev.sqlpack.connector.sideinput.snapshot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;

/**
 * A hash index over one key set: open addressing on a {@code long} array. Each slot holds a key
 * hash and the first row of a chain of rows with that hash; {@code next} links the chain. The hash
 * sits in the slot (not in a per-row array) because a lookup is bound by dependent cache misses on
 * a table larger than the CPU caches: slot, row address, row; one fewer per lookup (perf/README.md). Rows with a NULL
 * key field are not indexed (NULL never matches).
 *
 * <p>A key of one BIGINT or INT column, the usual dimension key, is hashed and compared as a
 * primitive: in a profile of the enrichment job the generic path ({@link RowData.FieldGetter}
 * calls that box the value, then {@code Objects.deepEquals}) was a fifth of the task thread's time
 * (perf/README.md).
 */
public final class KeyIndex {
    private static final int EMPTY = -1;

    private final KeySet keys;
    private final RowData.FieldGetter[] rowGetters;
    private final RowData.FieldGetter[] keyGetters;
    /** hash << 32 | first row of the chain; 0 = empty (a key's hash is never 0). */
    private final long[] slots;
    private final int[] next;
    private final int capacity;
    /** The primitive key's kind, or null when the key is hashed through the field getters. */
    private final LogicalTypeRoot primitive;
    private final int rowPos;

    private KeyIndex(KeySet keys, LogicalType[] types, int rows) {
        this.keys = keys;
        LogicalTypeRoot root = types.length == 1 ? types[0].getTypeRoot() : null;
        this.primitive = root == LogicalTypeRoot.BIGINT || root == LogicalTypeRoot.INTEGER ? root : null;
        this.rowPos = keys.field(0);
        this.rowGetters = new RowData.FieldGetter[keys.size()];
        this.keyGetters = new RowData.FieldGetter[keys.size()];
        for (int i = 0; i < types.length; i++) {
            rowGetters[i] = RowData.createFieldGetter(types[i], keys.field(i));
            keyGetters[i] = RowData.createFieldGetter(types[i], i);
        }
        // load factor 0.6, any size (not a power of two): slot = fast range reduction of the hash
        this.capacity = (int) Math.min(Integer.MAX_VALUE - 8, rows / 0.6 + 2);
        this.slots = new long[capacity];
        this.next = new int[rows];
    }

    static KeyIndex build(Snapshot snapshot, KeySet keys) {
        KeyIndex index = new KeyIndex(keys, snapshot.keyTypes(keys), snapshot.rows());
        for (int r = snapshot.rows() - 1; r >= 0; r--) {
            index.insert(snapshot, snapshot.row(r), r);
        }
        return index;
    }

    public KeySet keys() {
        return keys;
    }

    long bytes() {
        return 8L * slots.length + 4L * next.length;
    }

    private void insert(Snapshot snapshot, RowData row, int r) {
        int h = primitive != null ? hashPrimitive(row, rowPos) : hash(row, rowGetters);
        if (h == 0) {
            next[r] = EMPTY;
            return;
        }
        int s = slot(h);
        while (slots[s] != 0) {
            int head = (int) slots[s];
            if ((int) (slots[s] >>> 32) == h && sameKey(row, rowPos, rowGetters, snapshot.row(head), rowPos, rowGetters)) {
                // inserted back to front, so chains keep source order
                next[r] = head;
                slots[s] = entry(h, r);
                return;
            }
            s = s + 1 == capacity ? 0 : s + 1;
        }
        slots[s] = entry(h, r);
        next[r] = EMPTY;
    }

    Collection<RowData> lookup(Snapshot snapshot, RowData key) {
        int h = primitive != null ? hashPrimitive(key, 0) : hash(key, keyGetters);
        if (h == 0) {
            return List.of();
        }
        int s = slot(h);
        while (slots[s] != 0) {
            // the hash sits beside the row number: a mismatch costs no read of the row
            if ((int) (slots[s] >>> 32) == h) {
                int head = (int) slots[s];
                RowData first = snapshot.row(head);
                if (sameKey(first, rowPos, rowGetters, key, 0, keyGetters)) {
                    if (next[head] == EMPTY) {
                        return List.of(first);
                    }
                    List<RowData> all = new ArrayList<>(2);
                    all.add(first);
                    for (int r = next[head]; r != EMPTY; r = next[r]) {
                        all.add(snapshot.row(r));
                    }
                    return all;
                }
            }
            s = s + 1 == capacity ? 0 : s + 1;
        }
        return List.of();
    }

    private static long entry(int hash, int row) {
        return (long) hash << 32 | (row & 0xffffffffL);
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
        return mix(h);
    }

    /** Hash of a one-column BIGINT or INT key at {@code pos}, without boxing; 0 for NULL. */
    private int hashPrimitive(RowData row, int pos) {
        if (row.isNullAt(pos)) {
            return 0;
        }
        return mix(Long.hashCode(primitiveValue(row, pos)));
    }

    private long primitiveValue(RowData row, int pos) {
        return primitive == LogicalTypeRoot.BIGINT ? row.getLong(pos) : row.getInt(pos);
    }

    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h == 0 ? 1 : h;
    }

    /** Whether the key fields are equal; neither side is NULL here (NULL keys hash to 0 and stop earlier). */
    private boolean sameKey(RowData a, int pa, RowData.FieldGetter[] ga, RowData b, int pb, RowData.FieldGetter[] gb) {
        if (primitive != null) {
            return primitiveValue(a, pa) == primitiveValue(b, pb);
        }
        for (int i = 0; i < ga.length; i++) {
            if (!Objects.deepEquals(ga[i].getFieldOrNull(a), gb[i].getFieldOrNull(b))) {
                return false;
            }
        }
        return true;
    }
}
