package dev.sqlpack.connector.rabbitmq;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.awaitility.Awaitility;

/** Rows of a running query, collected by a background thread, awaited with a deadline. */
final class StreamingQuery implements AutoCloseable {
    static final Duration DEADLINE = Duration.ofSeconds(120);

    private final TableResult result;
    private final CloseableIterator<Row> it;
    private final List<Row> rows = new CopyOnWriteArrayList<>();
    private volatile Throwable failure;
    private final Thread reader;

    StreamingQuery(TableResult result) {
        this.result = result;
        this.it = result.collect();
        this.reader = new Thread(() -> {
            try {
                while (it.hasNext()) {
                    rows.add(it.next());
                }
            } catch (Throwable t) {
                failure = t;
            }
        }, "collect-" + System.identityHashCode(this));
        reader.setDaemon(true);
        reader.start();
    }

    List<Row> awaitRows(int n) {
        Awaitility.await(n + " rows").atMost(DEADLINE).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (failure != null) {
                throw new AssertionError("the query failed", failure);
            }
            return rows.size() >= n;
        });
        return new ArrayList<>(rows);
    }

    List<Row> awaitUntil(Predicate<List<Row>> done, String what) {
        Awaitility.await(what).atMost(DEADLINE).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (failure != null) {
                throw new AssertionError("the query failed", failure);
            }
            return done.test(rows);
        });
        return new ArrayList<>(rows);
    }

    /** Waits for the query to fail and returns the failure. */
    Throwable awaitFailure() {
        Awaitility.await("the query to fail").atMost(DEADLINE).until(() -> failure != null);
        return failure;
    }

    List<Row> rows() {
        return new ArrayList<>(rows);
    }

    @Override
    public void close() throws Exception {
        try {
            it.close();
        } catch (Exception ignored) {
            // the job may already have failed
        }
        result.getJobClient().ifPresent(c -> {
            try {
                c.cancel().get();
            } catch (Exception ignored) {
                // already finished or failed
            }
        });
    }
}
