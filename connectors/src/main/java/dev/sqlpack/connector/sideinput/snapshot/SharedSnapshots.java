package dev.sqlpack.connector.sideinput.snapshot;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * The per-JVM registry: one {@link SnapshotStore} per source definition, shared by every subtask
 * and job in this class loader, opened by the first user and closed when the last one leaves.
 */
public final class SharedSnapshots {
    private static final Map<String, Entry> STORES = new HashMap<>();

    private SharedSnapshots() {}

    /** A reference to a shared store; {@link #close()} gives it back. */
    public static final class Lease implements AutoCloseable {
        private final String key;
        private final SnapshotStore store;
        private boolean closed;

        private Lease(String key, SnapshotStore store) {
            this.key = key;
            this.store = store;
        }

        public SnapshotStore store() {
            return store;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                release(key);
            }
        }
    }

    private static final class Entry {
        final SnapshotStore store;
        int references;

        Entry(SnapshotStore store) {
            this.store = store;
        }
    }

    /** The shared store for {@code definition}, started with a daemon refresh thread if new. */
    public static Lease acquire(SourceDefinition definition) {
        return acquire(definition.identity(), key -> {
            SnapshotLoader loader = definition.createLoader();
            RefreshScheduler scheduler = RefreshScheduler.daemonThread(
                    "side-input-refresh " + loader.describe(), Thread.currentThread().getContextClassLoader());
            return new SnapshotStore(loader, definition.rowType(), definition.policy(), Clock.systemUTC(),
                    scheduler, () -> ThreadLocalRandom.current().nextDouble());
        });
    }

    static synchronized Lease acquire(String key, Function<String, SnapshotStore> create) {
        Entry e = STORES.get(key);
        if (e == null) {
            SnapshotStore store = create.apply(key);
            store.open();
            e = new Entry(store);
            STORES.put(key, e);
        }
        e.references++;
        return new Lease(key, e.store);
    }

    private static synchronized void release(String key) {
        Entry e = STORES.get(key);
        if (e != null && --e.references == 0) {
            STORES.remove(key);
            e.store.close();
        }
    }

    /** Stores currently shared in this JVM, for tests and diagnostics. */
    public static synchronized List<SnapshotStore> stores() {
        List<SnapshotStore> all = new ArrayList<>();
        STORES.values().forEach(e -> all.add(e.store));
        return all;
    }

    static synchronized int references(String key) {
        Entry e = STORES.get(key);
        return e == null ? 0 : e.references;
    }
}
