package dev.sqlpack.connector.sideinput;

import dev.sqlpack.connector.sideinput.snapshot.SharedSnapshots;
import dev.sqlpack.connector.sideinput.snapshot.SnapshotStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.assertj.core.api.Assertions;
import org.awaitility.Awaitility;

/**
 * A running enrichment job on a MiniCluster in this JVM: an endless stream of events (customer
 * ids 1..3, parallelism 2) joined with a side-input table {@code customers}.
 */
final class LookupJoin implements AutoCloseable {
    static final Duration DEADLINE = Duration.ofSeconds(90);

    private static final java.util.concurrent.atomic.AtomicInteger OPEN = new java.util.concurrent.atomic.AtomicInteger();

    private final TableEnvironment env;
    private CloseableIterator<Row> rows;

    LookupJoin() {
        this(Map.of());
    }

    LookupJoin(Map<String, String> settings) {
        OPEN.incrementAndGet();
        Configuration conf = Configuration.fromMap(settings);
        conf.setString("parallelism.default", "2");
        env = TableEnvironment.create(EnvironmentSettings.newInstance().inStreamingMode().withConfiguration(conf).build());
        env.executeSql("CREATE TABLE events (customer_id BIGINT, proc_time AS PROCTIME()) WITH ("
                + " 'connector' = 'datagen', 'rows-per-second' = '40',"
                + " 'fields.customer_id.min' = '1', 'fields.customer_id.max' = '3')");
    }

    TableEnvironment env() {
        return env;
    }

    /** Starts {@code SELECT ... FROM events JOIN customers FOR SYSTEM_TIME AS OF ...}. */
    LookupJoin start(String select) {
        rows = env.executeSql(select).collect();
        return this;
    }

    /** Reads enriched rows until one matches, failing after {@link #DEADLINE}. */
    Row awaitRow(String what, Predicate<Row> match) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline && rows.hasNext()) {
            Row r = rows.next();
            if (match.test(r)) {
                return r;
            }
        }
        return Assertions.fail("no enriched row " + what + " within " + DEADLINE);
    }

    /** The next {@code n} enriched rows. */
    List<Row> next(int n) {
        List<Row> out = new java.util.ArrayList<>();
        while (out.size() < n && rows.hasNext()) {
            out.add(rows.next());
        }
        return out;
    }

    /** The one shared store of this JVM (both subtasks use it). */
    static SnapshotStore sharedStore() {
        List<SnapshotStore> stores = SharedSnapshots.stores();
        Assertions.assertThat(stores).hasSize(1);
        return stores.get(0);
    }

    @Override
    public void close() throws Exception {
        if (rows != null) {
            rows.close();
        }
        if (OPEN.decrementAndGet() > 0) {
            return;
        }
        // cancelling is asynchronous; the last subtask to close releases the shared snapshot
        Awaitility.await("the shared snapshot to be released").atMost(DEADLINE)
                .until(() -> SharedSnapshots.stores().isEmpty());
    }
}
