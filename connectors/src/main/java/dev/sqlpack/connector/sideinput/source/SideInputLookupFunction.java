package dev.sqlpack.connector.sideinput.source;

import dev.sqlpack.connector.sideinput.snapshot.KeyIndex;
import dev.sqlpack.connector.sideinput.snapshot.KeySet;
import dev.sqlpack.connector.sideinput.snapshot.SharedSnapshots;
import dev.sqlpack.connector.sideinput.snapshot.Snapshot;
import dev.sqlpack.connector.sideinput.snapshot.SnapshotStore;
import dev.sqlpack.connector.sideinput.snapshot.SourceDefinition;
import java.util.Collection;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.LookupFunction;

/** The Flink side of a lookup: a lease on the JVM's shared snapshot, an index, and metrics. */
public final class SideInputLookupFunction extends LookupFunction {
    private static final long serialVersionUID = 1L;

    private final SourceDefinition definition;
    private final KeySet keys;

    private transient SharedSnapshots.Lease lease;
    private transient SnapshotStore store;
    private transient Snapshot indexed;
    private transient KeyIndex index;
    private transient Counter lookups;
    private transient Counter misses;

    public SideInputLookupFunction(SourceDefinition definition, KeySet keys) {
        this.definition = definition;
        this.keys = keys;
    }

    @Override
    public void open(FunctionContext context) throws Exception {
        lease = SharedSnapshots.acquire(definition);
        store = lease.store();
        store.registerKeys(keys);
        MetricGroup g = context.getMetricGroup().addGroup("sideinput");
        g.gauge("rows", (Gauge<Long>) store::rows);
        g.gauge("bytes", (Gauge<Long>) store::bytes);
        g.gauge("snapshotAgeMs", (Gauge<Long>) store::snapshotAgeMillis);
        g.gauge("lastLoadDurationMs", (Gauge<Long>) store::lastLoadDurationMillis);
        g.gauge("loads", (Gauge<Long>) store::loads);
        g.gauge("unchangedChecks", (Gauge<Long>) store::unchangedChecks);
        g.gauge("loadFailures", (Gauge<Long>) store::loadFailures);
        lookups = g.counter("lookups");
        misses = g.counter("misses");
        store.awaitFirstLoad();
    }

    @Override
    public Collection<RowData> lookup(RowData keyRow) {
        Snapshot s = store.get();
        if (s != indexed) {
            index = s.index(keys);
            indexed = s;
        }
        Collection<RowData> rows = s.lookup(index, keyRow);
        lookups.inc();
        if (rows.isEmpty()) {
            misses.inc();
        }
        return rows;
    }

    @Override
    public void close() throws Exception {
        if (lease != null) {
            lease.close();
            lease = null;
        }
    }
}
