package dev.sqlpack.stack.process;

import java.time.Duration;

/**
 * How long a supervisor waits before restarting a server that exited: 1 s after the first exit,
 * doubling with every exit in a row up to 30 s, like a cluster manager's crash-loop back-off. A
 * server that ran for a minute before exiting counts as healthy again, so the next wait is 1 s.
 */
public record RestartBackoff(Duration first, Duration max, Duration stableAfter) {
    public static final RestartBackoff DEFAULT =
            new RestartBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(60));

    /** The wait before restart number {@code exitsInARow} (1 for the first exit after a healthy run). */
    public Duration delay(int exitsInARow) {
        long millis = first.toMillis();
        for (int i = 1; i < exitsInARow && millis < max.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }

    /** Exits in a row after a server that ran for {@code ranFor} exited, given the count before it. */
    public int exitsInARow(int before, Duration ranFor) {
        return ranFor.compareTo(stableAfter) >= 0 ? 1 : before + 1;
    }
}
