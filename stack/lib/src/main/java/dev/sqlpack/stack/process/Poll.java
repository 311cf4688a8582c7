package dev.sqlpack.stack.process;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition with a deadline: check, pause, check again. The one such loop of the
 * stack, the test kit and the benchmarks (a server starting, a topic disappearing, a process
 * exiting). The condition may throw to give up early, e.g. when the awaited server exited.
 */
public final class Poll {
    private Poll() {}

    /**
     * Checks {@code done} at once and then every {@code interval} until it holds. Returns false
     * when {@code timeout} passed first, so the caller can clean up and say why.
     *
     * @param what what is awaited, for the message when the wait is interrupted
     */
    public static boolean within(String what, Duration timeout, Duration interval, BooleanSupplier done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                Thread.sleep(Math.max(1, Math.min(interval.toMillis(), left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + what + ".", e);
            }
        }
        return true;
    }

    /** Like {@link #within}, but a timeout fails with a message naming {@code what} and the timeout. */
    public static void await(String what, Duration timeout, Duration interval, BooleanSupplier done) {
        if (!within(what, timeout, interval, done)) {
            throw new IllegalStateException("Timed out after " + describe(timeout) + " waiting for " + what + ".");
        }
    }

    /** {@code 120 s}, or {@code 250 ms} below a second. */
    public static String describe(Duration d) {
        return d.compareTo(Duration.ofSeconds(1)) < 0 ? d.toMillis() + " ms" : d.toSeconds() + " s";
    }
}
