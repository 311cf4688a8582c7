package dev.sqlpack.connector.sideinput.snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.VarCharType;

/** An in-memory source: rows (id BIGINT, tier STRING), a version, and an optional failure. */
final class FakeLoader implements SnapshotLoader {
    static final RowType ROW_TYPE = RowType.of(
            new org.apache.flink.table.types.logical.LogicalType[] {new BigIntType(), new VarCharType(VarCharType.MAX_LENGTH)},
            new String[] {"id", "tier"});

    private volatile List<RowData> rows = List.of();
    private volatile String version;
    private volatile Exception failure;
    int reads;

    /** Replaces the data with ids {@code 1..n}, each with {@code tier}. */
    FakeLoader rows(int n, String tier) {
        List<RowData> r = new ArrayList<>(n);
        for (long id = 1; id <= n; id++) {
            r.add(GenericRowData.of(id, StringData.fromString(tier)));
        }
        rows = r;
        return this;
    }

    FakeLoader version(String v) {
        version = v;
        return this;
    }

    FakeLoader failWith(Exception e) {
        failure = e;
        return this;
    }

    @Override
    public String currentVersion() throws Exception {
        if (failure != null) {
            throw failure;
        }
        return version;
    }

    @Override
    public void load(Consumer<RowData> sink) {
        reads++;
        rows.forEach(sink);
    }

    @Override
    public String describe() {
        return "fake customers";
    }
}
