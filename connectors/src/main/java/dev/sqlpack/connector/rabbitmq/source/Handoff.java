package dev.sqlpack.connector.rabbitmq.source;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Deliveries handed from the amqp client's consumer thread to the task thread, and the
 * availability future Flink waits on when there are none.
 *
 * <p>The producer touches only the lock-free queue and one volatile flag per delivery; it takes the
 * lock and completes the future only when the task thread is actually waiting. (Completing a future
 * under a lock for every message cost the client thread a contended monitor per delivery.) Anyone
 * may {@link #wake()} the task thread for another reason (a failure, a timer); a wake that comes
 * while nobody waits is kept, so the next {@link #available()} returns at once.
 */
final class Handoff<T> {
    private static final CompletableFuture<Void> READY = CompletableFuture.completedFuture(null);

    private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
    private final Object lock = new Object();
    /**
     * True from the moment {@link #available()} decides to hand out an incomplete future until it
     * is completed. Written before the queue is checked and read after an item is added, so either
     * the task thread sees the item or the producer sees the flag (both are volatile accesses).
     */
    private volatile boolean waiting;
    /** Guarded by {@link #lock}. */
    private CompletableFuture<Void> future = READY;
    /** A wake while no incomplete future was out; guarded by {@link #lock}. */
    private boolean woken;

    /** Producer side, any thread. */
    void add(T item) {
        queue.add(item);
        if (waiting) {
            wake();
        }
    }

    /** Task thread: the next item, or null. */
    T poll() {
        return queue.poll();
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** Task thread: a future that completes when an item was added or {@link #wake()} was called. */
    CompletableFuture<Void> available() {
        synchronized (lock) {
            if (woken) {
                woken = false;
                return READY;
            }
            if (!future.isDone()) {
                return future;
            }
            waiting = true;
            if (!queue.isEmpty()) {
                waiting = false;
                return READY;
            }
            future = new CompletableFuture<>();
            return future;
        }
    }

    /** Any thread: completes the future handed out, or makes the next {@link #available()} ready. */
    void wake() {
        synchronized (lock) {
            waiting = false;
            if (future.isDone()) {
                woken = true;
            } else {
                future.complete(null);
            }
        }
    }
}
