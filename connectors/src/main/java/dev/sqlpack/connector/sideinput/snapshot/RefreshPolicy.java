package dev.sqlpack.connector.sideinput.snapshot;

import java.io.Serializable;
import java.time.Duration;
import java.util.Locale;
import javax.annotation.Nullable;

/** When to reload, how to retry, and what a failed or stale snapshot does. Immutable. */
public record RefreshPolicy(
        Duration interval,
        Duration jitter,
        OnFailure onFailure,
        Duration retryBackoff,
        @Nullable Duration maxStaleness,
        OnStale onStale,
        double minRowRatio,
        Duration firstLoadTimeout) implements Serializable {

    /** What a failed reload does: the values of {@code 'refresh.on-failure'}. */
    public enum OnFailure {
        KEEP_LAST, FAIL;

        /** The option's spelling: {@code keep-last}, {@code fail}. */
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** What a snapshot older than the maximum staleness does: the values of {@code 'refresh.on-stale'}. */
    public enum OnStale {
        WARN, FAIL;

        /** The option's spelling: {@code warn}, {@code fail}. */
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Delay after a successful load (or an unchanged check); {@code random} is in [0, 1). */
    Duration delayAfterSuccess(double random) {
        return interval.plusMillis((long) (jitter.toMillis() * random));
    }

    /** Delay after the {@code failures}-th consecutive failure (1-based): doubling, capped. */
    Duration delayAfterFailure(int failures) {
        Duration d = retryBackoff;
        for (int i = 1; i < failures && d.compareTo(interval) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(interval) > 0 ? interval : d;
    }
}
