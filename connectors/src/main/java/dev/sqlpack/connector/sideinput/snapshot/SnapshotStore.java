package dev.sqlpack.connector.sideinput.snapshot;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import org.apache.flink.table.types.logical.RowType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A refreshing table: {@link #open} starts background loads, {@link #get} returns the current
 * whole snapshot without ever waiting for a reload, {@link #refresh} is one check-and-load
 * attempt, {@link #close} stops. A new snapshot is built completely to the side and replaces the
 * old one with a single volatile write, so a lookup sees either the old or the new rows, never a mix.
 */
public final class SnapshotStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);

    private final SnapshotLoader loader;
    private final RowType rowType;
    private final RefreshPolicy policy;
    private final Clock clock;
    private final RefreshScheduler scheduler;
    private final DoubleSupplier random;
    private final Set<KeySet> keySets = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<Void> firstLoad = new CompletableFuture<>();

    private final AtomicLong loads = new AtomicLong();
    private final AtomicLong unchangedChecks = new AtomicLong();
    private final AtomicLong loadFailures = new AtomicLong();
    private volatile Snapshot current;
    private volatile long verifiedAtMillis;
    private volatile long lastLoadDurationMillis;
    private volatile RuntimeException fatal;
    private volatile Exception lastError;
    private volatile boolean staleWarned;
    private volatile boolean closed;
    private int consecutiveFailures;

    public SnapshotStore(SnapshotLoader loader, RowType rowType, RefreshPolicy policy, Clock clock,
            RefreshScheduler scheduler, DoubleSupplier random) {
        this.loader = loader;
        this.rowType = rowType;
        this.policy = policy;
        this.clock = clock;
        this.scheduler = scheduler;
        this.random = random;
    }

    /** Schedules the first load now; later loads follow the policy. */
    public void open() {
        scheduler.schedule(this::refreshAndReschedule, Duration.ZERO);
    }

    /** Makes every future snapshot carry an index for {@code keys}, and builds it on the current one. */
    public void registerKeys(KeySet keys) {
        keySets.add(keys);
        Snapshot s = current;
        if (s != null) {
            s.index(keys);
        }
    }

    /** Blocks until the first load succeeded; fails naming the source when it cannot. */
    public void awaitFirstLoad() throws InterruptedException {
        try {
            firstLoad.get(policy.firstLoadTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw (RuntimeException) e.getCause();
        } catch (TimeoutException e) {
            Exception last = lastError;
            throw new SideInputException("side-input source " + loader.describe()
                    + " did not complete its first load within 'refresh.first-load-timeout' = "
                    + policy.firstLoadTimeout() + (last == null ? "" : "; last error: " + last), last);
        }
    }

    /** The current snapshot; never waits. Throws once the job must fail (see the policy). */
    public Snapshot get() {
        RuntimeException f = fatal;
        if (f != null) {
            throw f;
        }
        Snapshot s = current;
        if (s == null) {
            throw new IllegalStateException("side-input source " + loader.describe() + " has no snapshot yet");
        }
        Duration max = policy.maxStaleness();
        if (max != null) {
            long age = clock.millis() - verifiedAtMillis;
            if (age > max.toMillis()) {
                onStale(Duration.ofMillis(age), max);
            }
        }
        return s;
    }

    private void onStale(Duration age, Duration max) {
        Exception last = lastError;
        String message = "side-input source " + loader.describe() + ": the snapshot is " + age
                + " old, older than 'refresh.max-staleness' = " + max
                + (last == null ? "" : "; last reload error: " + last);
        if (policy.onStale() == RefreshPolicy.OnStale.FAIL) {
            throw new SideInputException(message, last);
        }
        if (!staleWarned) {
            staleWarned = true;
            LOG.warn(message);
        }
    }

    private void refreshAndReschedule() {
        if (closed) {
            return;
        }
        boolean ok = refresh();
        if (closed || fatal != null) {
            return;
        }
        Duration delay;
        synchronized (this) {
            delay = ok ? policy.delayAfterSuccess(random.getAsDouble()) : policy.delayAfterFailure(consecutiveFailures);
        }
        scheduler.schedule(this::refreshAndReschedule, delay);
    }

    /**
     * One attempt: skips the load when the source's version is unchanged, otherwise loads a whole
     * new snapshot and swaps it in. Returns false when the attempt failed (counted).
     */
    public synchronized boolean refresh() {
        long start = clock.millis();
        Snapshot previous = current;
        try {
            String version = loader.currentVersion();
            if (previous != null && version != null && version.equals(previous.version())) {
                verifiedAtMillis = start;
                succeeded();
                unchangedChecks.incrementAndGet();
                return true;
            }
            Snapshot.Builder builder = Snapshot.builder(rowType);
            loader.load(builder::add);
            if (previous != null && builder.rows() < policy.minRowRatio() * previous.rows()) {
                throw new IllegalStateException("refused a new snapshot of " + builder.rows()
                        + " rows: fewer than 'refresh.min-row-ratio' = " + policy.minRowRatio()
                        + " of the last snapshot's " + previous.rows() + " rows");
            }
            Snapshot next = builder.build(version);
            for (KeySet k : keySets) {
                next.index(k);
            }
            current = next;
            verifiedAtMillis = start;
            lastLoadDurationMillis = clock.millis() - start;
            loads.incrementAndGet();
            succeeded();
            firstLoad.complete(null);
            LOG.info("side-input source {}: loaded {} rows, {} bytes", loader.describe(), next.rows(), next.bytes());
            return true;
        } catch (Exception e) {
            if (closed) {
                return false;
            }
            loadFailures.incrementAndGet();
            consecutiveFailures++;
            lastError = e;
            boolean permanent = e instanceof SchemaMismatchException && previous == null;
            if (permanent || policy.onFailure() == RefreshPolicy.OnFailure.FAIL) {
                fatal = new SideInputException("side-input source " + loader.describe()
                        + (previous == null ? ": first load failed: " : ": reload failed: ") + e.getMessage(), e);
                firstLoad.completeExceptionally(fatal);
                LOG.error(fatal.getMessage(), e);
            } else {
                LOG.warn("side-input source {}: load failed ({} in a row), serving the last snapshot: {}",
                        loader.describe(), consecutiveFailures, e.toString());
            }
            return false;
        }
    }

    private void succeeded() {
        consecutiveFailures = 0;
        lastError = null;
        staleWarned = false;
    }

    public String describe() {
        return loader.describe();
    }

    /** Rows of the current snapshot, 0 before the first load. */
    public long rows() {
        Snapshot s = current;
        return s == null ? 0 : s.rows();
    }

    public long bytes() {
        Snapshot s = current;
        return s == null ? 0 : s.bytes();
    }

    /** Milliseconds since the source was last read or confirmed unchanged; -1 before the first load. */
    public long snapshotAgeMillis() {
        return current == null ? -1 : clock.millis() - verifiedAtMillis;
    }

    public long lastLoadDurationMillis() {
        return lastLoadDurationMillis;
    }

    public long loads() {
        return loads.get();
    }

    public long unchangedChecks() {
        return unchangedChecks.get();
    }

    public long loadFailures() {
        return loadFailures.get();
    }

    @Override
    public void close() {
        closed = true;
        scheduler.close();
        try {
            loader.close();
        } catch (Exception e) {
            LOG.warn("side-input source {}: closing the loader failed", loader.describe(), e);
        }
    }
}
