package dev.sqlpack.connector.sideinput.snapshot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A clock and a scheduler that move only when a test says so. */
final class ManualTime extends Clock implements RefreshScheduler {
    private long now = 1_000_000L;
    private final List<Task> tasks = new ArrayList<>();
    private boolean closed;

    private record Task(long due, Runnable run) {}

    @Override
    public synchronized void schedule(Runnable task, Duration delay) {
        tasks.add(new Task(now + delay.toMillis(), task));
    }

    /** Moves time forward, running every task that falls due on the way, in due order. */
    void advance(Duration d) {
        long target;
        synchronized (this) {
            target = now + d.toMillis();
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream().filter(t -> t.due <= target).min(Comparator.comparingLong(Task::due)).orElse(null);
                if (next == null) {
                    now = target;
                    return;
                }
                tasks.remove(next);
                now = Math.max(now, next.due);
            }
            next.run.run();
        }
    }

    /** Delay of the earliest pending task from now, or -1 if none. */
    synchronized long nextDelayMillis() {
        return tasks.stream().mapToLong(t -> t.due - now).min().orElse(-1);
    }

    @Override
    public synchronized void close() {
        closed = true;
        tasks.clear();
    }

    synchronized boolean closed() {
        return closed;
    }

    @Override
    public synchronized long millis() {
        return now;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
