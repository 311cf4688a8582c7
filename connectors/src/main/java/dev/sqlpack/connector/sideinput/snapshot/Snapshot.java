package dev.sqlpack.connector.sideinput.snapshot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.core.memory.MemorySegment;
import org.apache.flink.core.memory.MemorySegmentFactory;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.binary.BinaryRowData;
import org.apache.flink.table.data.binary.BinarySegmentUtils;
import org.apache.flink.table.runtime.typeutils.RowDataSerializer;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;

/**
 * One immutable version of a table: every row in Flink's binary row format, packed into
 * byte pages (no object per row or per field), plus one hash index per looked-up key set.
 */
public final class Snapshot {
    // just under 512 KiB: below half of G1's smallest region (1 MiB), so a page is never a
    // humongous object that would waste the rest of its regions
    static final int PAGE_SIZE = (1 << 19) - 64;

    private final RowType rowType;
    private final int arity;
    private final MemorySegment[] pages;
    private final long[] addresses; // page << 32 | offset
    private final int[] lengths;
    private final int rows;
    private final long dataBytes;
    private final long pageBytes;
    private final String version;
    private final Map<KeySet, KeyIndex> indexes = new ConcurrentHashMap<>();

    private Snapshot(RowType rowType, MemorySegment[] pages, long[] addresses, int[] lengths, int rows,
            long dataBytes, String version) {
        this.rowType = rowType;
        this.arity = rowType.getFieldCount();
        this.pages = pages;
        this.addresses = addresses;
        this.lengths = lengths;
        this.rows = rows;
        this.dataBytes = dataBytes;
        this.version = version;
        long pb = 0;
        for (MemorySegment p : pages) {
            pb += p.size();
        }
        this.pageBytes = pb;
    }

    public int rows() {
        return rows;
    }

    /** Heap bytes held: pages, row addresses and every index. */
    public long bytes() {
        long b = pageBytes + 12L * addresses.length;
        for (KeyIndex i : indexes.values()) {
            b += i.bytes();
        }
        return b;
    }

    /** Bytes of the rows themselves, in binary row format. */
    public long dataBytes() {
        return dataBytes;
    }

    public String version() {
        return version;
    }

    public RowType rowType() {
        return rowType;
    }

    /** A fresh (unshared) view of row {@code i}. */
    public BinaryRowData row(int i) {
        long a = addresses[i];
        BinaryRowData r = new BinaryRowData(arity);
        r.pointTo(pages[(int) (a >>> 32)], (int) a, lengths[i]);
        return r;
    }

    /** The index for {@code keys}, built on first use; build it before lookups start. */
    public KeyIndex index(KeySet keys) {
        return indexes.computeIfAbsent(keys, k -> KeyIndex.build(this, k));
    }

    /** Rows whose key columns equal {@code key}'s fields; empty when any key field is NULL. */
    public Collection<RowData> lookup(KeyIndex index, RowData key) {
        return index.lookup(this, key);
    }

    static Builder builder(RowType rowType) {
        return new Builder(rowType);
    }

    /** Collects rows into pages; not thread-safe. */
    static final class Builder {
        private final RowType rowType;
        private final RowDataSerializer serializer;
        private final List<MemorySegment> pages = new ArrayList<>();
        private byte[] page;
        private int pageUsed;
        private long[] addresses = new long[1024];
        private int[] lengths = new int[1024];
        private int rows;
        private long dataBytes;

        private Builder(RowType rowType) {
            this.rowType = rowType;
            this.serializer = new RowDataSerializer(rowType);
        }

        void add(RowData row) {
            BinaryRowData b = serializer.toBinaryRow(row);
            int len = b.getSizeInBytes();
            if (page == null || pageUsed + len > page.length) {
                page = new byte[Math.max(PAGE_SIZE, len)];
                pages.add(MemorySegmentFactory.wrap(page));
                pageUsed = 0;
            }
            BinarySegmentUtils.copyToBytes(b.getSegments(), b.getOffset(), page, pageUsed, len);
            if (rows == addresses.length) {
                addresses = Arrays.copyOf(addresses, rows * 2);
                lengths = Arrays.copyOf(lengths, rows * 2);
            }
            addresses[rows] = ((long) (pages.size() - 1) << 32) | pageUsed;
            lengths[rows] = len;
            rows++;
            pageUsed += len;
            dataBytes += len;
        }

        int rows() {
            return rows;
        }

        Snapshot build(String version) {
            if (page != null && pageUsed < page.length) {
                // trim the last page so that a small table does not hold a whole page
                byte[] last = Arrays.copyOf(page, pageUsed);
                pages.set(pages.size() - 1, MemorySegmentFactory.wrap(last));
            }
            return new Snapshot(rowType, pages.toArray(new MemorySegment[0]),
                    Arrays.copyOf(addresses, rows), Arrays.copyOf(lengths, rows), rows, dataBytes, version);
        }
    }

    /** Field types of {@code keys}, in key order. */
    LogicalType[] keyTypes(KeySet keys) {
        LogicalType[] t = new LogicalType[keys.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = rowType.getTypeAt(keys.field(i));
        }
        return t;
    }
}
