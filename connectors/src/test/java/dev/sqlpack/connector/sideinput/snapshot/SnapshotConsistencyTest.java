package dev.sqlpack.connector.sideinput.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.junit.jupiter.api.Test;

class SnapshotConsistencyTest {
    private static final int ROWS = 2_000;
    private static final int RELOADS = 300;

    @Test
    void concurrentLookupsDuringManyReloadsNeverSeeAMixedSnapshot() throws Exception {
        ManualTime time = new ManualTime();
        FakeLoader loader = new FakeLoader().rows(ROWS, "v0");
        RefreshPolicy policy = new RefreshPolicy(Duration.ofHours(1), Duration.ZERO, RefreshPolicy.OnFailure.KEEP_LAST,
                Duration.ofSeconds(1), null, RefreshPolicy.OnStale.WARN, 0, Duration.ofSeconds(5));
        KeySet byId = new KeySet(0);
        try (SnapshotStore store = new SnapshotStore(loader, FakeLoader.ROW_TYPE, policy, time, time, () -> 0)) {
            store.registerKeys(byId);
            store.open();
            time.advance(Duration.ZERO);

            AtomicBoolean done = new AtomicBoolean();
            AtomicLong checked = new AtomicLong();
            ExecutorService readers = Executors.newFixedThreadPool(2);
            List<Future<Set<String>>> seen = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                seen.add(readers.submit(() -> {
                    Set<String> versions = new HashSet<>();
                    while (!done.get()) {
                        Snapshot s = store.get();
                        KeyIndex index = s.index(byId);
                        String first = null;
                        for (long id = 1; id <= ROWS; id += 97) {
                            RowData r = s.lookup(index, GenericRowData.of(id)).iterator().next();
                            String tier = r.getString(1).toString();
                            if (first == null) {
                                first = tier;
                            } else if (!first.equals(tier)) {
                                throw new AssertionError("mixed snapshot: " + first + " and " + tier);
                            }
                        }
                        versions.add(first);
                        checked.incrementAndGet();
                    }
                    return versions;
                }));
            }
            for (int v = 1; v <= RELOADS; v++) {
                loader.rows(ROWS, "v" + v);
                assertThat(store.refresh()).isTrue();
            }
            done.set(true);
            Set<String> all = new HashSet<>();
            for (Future<Set<String>> f : seen) {
                all.addAll(f.get());
            }
            readers.shutdown();
            assertThat(store.loads()).isEqualTo(RELOADS + 1);
            assertThat(checked.get()).isPositive();
            assertThat(all).isNotEmpty().allMatch(v -> v.matches("v\\d+"));
        }
    }
}
