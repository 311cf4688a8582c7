package dev.sqlpack.connector.sideinput.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.RowType;
import org.junit.jupiter.api.Test;

class SnapshotTest {
    private static final RowType TYPES = (RowType) DataTypes.ROW(
            DataTypes.FIELD("b", DataTypes.BOOLEAN()),
            DataTypes.FIELD("ti", DataTypes.TINYINT()),
            DataTypes.FIELD("si", DataTypes.SMALLINT()),
            DataTypes.FIELD("i", DataTypes.INT()),
            DataTypes.FIELD("l", DataTypes.BIGINT()),
            DataTypes.FIELD("f", DataTypes.FLOAT()),
            DataTypes.FIELD("d", DataTypes.DOUBLE()),
            DataTypes.FIELD("dec", DataTypes.DECIMAL(20, 4)),
            DataTypes.FIELD("s", DataTypes.STRING()),
            DataTypes.FIELD("bin", DataTypes.BYTES()),
            DataTypes.FIELD("dt", DataTypes.DATE()),
            DataTypes.FIELD("tm", DataTypes.TIME(3)),
            DataTypes.FIELD("ts", DataTypes.TIMESTAMP(3)),
            DataTypes.FIELD("ts9", DataTypes.TIMESTAMP(9)),
            DataTypes.FIELD("ltz", DataTypes.TIMESTAMP_LTZ(3))).getLogicalType();

    private static GenericRowData row(int n) {
        return GenericRowData.of(n % 2 == 0, (byte) n, (short) n, n, (long) n * 1_000_000_007L, n / 2f, n / 3d,
                DecimalData.fromBigDecimal(new BigDecimal(n + ".1234"), 20, 4),
                StringData.fromString("name-" + n + "-a-string-longer-than-seven-bytes"), new byte[] {(byte) n, 7},
                n, n * 1000, TimestampData.fromLocalDateTime(LocalDateTime.of(2026, 1, 1, 0, 0).plusSeconds(n)),
                TimestampData.fromLocalDateTime(LocalDateTime.of(2026, 1, 1, 0, 0).plusNanos(n)),
                TimestampData.fromEpochMillis(n * 1000L));
    }

    private static Snapshot snapshot(List<RowData> rows, RowType type) {
        Snapshot.Builder b = Snapshot.builder(type);
        rows.forEach(b::add);
        return b.build("v");
    }

    private static Collection<RowData> lookup(Snapshot s, KeySet keys, RowData key) {
        return s.lookup(s.index(keys), key);
    }

    @Test
    void findsEveryRowByAKeyOfEachCommonType() {
        List<RowData> rows = new ArrayList<>();
        for (int n = 0; n < 50; n++) {
            rows.add(row(n));
        }
        Snapshot s = snapshot(rows, TYPES);
        for (int field = 1; field < TYPES.getFieldCount(); field++) {
            RowData.FieldGetter getter = RowData.createFieldGetter(TYPES.getTypeAt(field), field);
            for (int n : new int[] {0, 17, 49}) {
                GenericRowData key = GenericRowData.of(getter.getFieldOrNull(row(n)));
                assertThat(lookup(s, new KeySet(field), key))
                        .as("field %s row %s", TYPES.getFieldNames().get(field), n)
                        .singleElement()
                        .satisfies(r -> assertThat(r.getInt(3)).isEqualTo(n));
            }
        }
    }

    @Test
    void keepsEveryFieldValueOfTheRow() {
        Snapshot s = snapshot(List.of(row(42)), TYPES);
        RowData stored = s.row(0);
        GenericRowData expected = row(42);
        for (int field = 0; field < TYPES.getFieldCount(); field++) {
            RowData.FieldGetter g = RowData.createFieldGetter(TYPES.getTypeAt(field), field);
            assertThat(g.getFieldOrNull(stored)).isEqualTo(g.getFieldOrNull(expected));
        }
    }

    @Test
    void returnsEveryMatchOfANonUniqueKeyInSourceOrder() {
        List<RowData> rows = new ArrayList<>();
        for (long id = 1; id <= 9; id++) {
            rows.add(GenericRowData.of(id, StringData.fromString(id % 3 == 0 ? "gold" : "silver")));
        }
        Snapshot s = snapshot(rows, FakeLoader.ROW_TYPE);
        assertThat(lookup(s, new KeySet(1), GenericRowData.of(StringData.fromString("gold"))))
                .extracting(r -> r.getLong(0)).containsExactly(3L, 6L, 9L);
        assertThat(lookup(s, new KeySet(1), GenericRowData.of(StringData.fromString("bronze")))).isEmpty();
    }

    @Test
    void matchesOnSeveralColumnsInTheJoinsKeyOrder() {
        Snapshot s = snapshot(List.of(GenericRowData.of(1L, StringData.fromString("gold")),
                GenericRowData.of(2L, StringData.fromString("gold"))), FakeLoader.ROW_TYPE);
        assertThat(lookup(s, new KeySet(1, 0), GenericRowData.of(StringData.fromString("gold"), 2L)))
                .extracting(r -> r.getLong(0)).containsExactly(2L);
        assertThat(lookup(s, new KeySet(1, 0), GenericRowData.of(StringData.fromString("gold"), 3L))).isEmpty();
    }

    @Test
    void tellsApartPrimitiveKeysWhoseHashesCollideAndFindsTheExtremes() {
        // Long.hashCode(0) == Long.hashCode(0x1_0000_0001) == 0: same hash, different keys
        long[] ids = {0L, 0x1_0000_0001L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 0x7fff_ffffL};
        List<RowData> rows = new ArrayList<>();
        for (long id : ids) {
            rows.add(GenericRowData.of(id, StringData.fromString("row " + id)));
        }
        rows.add(GenericRowData.of(null, StringData.fromString("null id")));
        Snapshot s = snapshot(rows, FakeLoader.ROW_TYPE);
        for (long id : ids) {
            assertThat(lookup(s, new KeySet(0), GenericRowData.of(id)))
                    .extracting(r -> r.getString(1).toString()).containsExactly("row " + id);
        }
        assertThat(lookup(s, new KeySet(0), GenericRowData.of(1L))).isEmpty();
        assertThat(lookup(s, new KeySet(0), GenericRowData.of((Object) null))).isEmpty();
    }

    @Test
    void findsIntKeysAcrossTheWholeRange() {
        RowType type = (RowType) DataTypes.ROW(DataTypes.FIELD("name", DataTypes.STRING()),
                DataTypes.FIELD("k", DataTypes.INT())).getLogicalType();
        int[] keys = {Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE};
        List<RowData> rows = new ArrayList<>();
        for (int k : keys) {
            rows.add(GenericRowData.of(StringData.fromString("k" + k), k));
            rows.add(GenericRowData.of(StringData.fromString("k" + k + " again"), k));
        }
        Snapshot s = snapshot(rows, type);
        for (int k : keys) {
            assertThat(lookup(s, new KeySet(1), GenericRowData.of(k)))
                    .extracting(r -> r.getString(0).toString()).containsExactly("k" + k, "k" + k + " again");
        }
        assertThat(lookup(s, new KeySet(1), GenericRowData.of(2))).isEmpty();
    }

    @Test
    void neverMatchesANullKey() {
        Snapshot s = snapshot(List.of(GenericRowData.of(1L, null), GenericRowData.of(2L, StringData.fromString("x"))),
                FakeLoader.ROW_TYPE);
        assertThat(lookup(s, new KeySet(1), GenericRowData.of((Object) null))).isEmpty();
        assertThat(lookup(s, new KeySet(1), GenericRowData.of(StringData.fromString("x")))).hasSize(1);
    }

    @Test
    void storesRowsInFewerBytesThanAGenericRowObjectGraph() {
        List<RowData> rows = new ArrayList<>();
        for (long id = 0; id < 100_000; id++) {
            rows.add(GenericRowData.of(id, StringData.fromString(id % 2 == 0 ? "gold" : "silver")));
        }
        Snapshot s = snapshot(rows, FakeLoader.ROW_TYPE);
        s.index(new KeySet(0));
        // binary row: 8 null-bit bytes + 2 x 8 fixed slots, short strings inline; a GenericRowData of
        // the same row is >= 100 bytes (row, Object[], Long, BinaryStringData, byte[] headers)
        assertThat(s.dataBytes() / s.rows()).isEqualTo(24);
        assertThat(s.bytes() / s.rows()).isLessThan(55);
    }
}
