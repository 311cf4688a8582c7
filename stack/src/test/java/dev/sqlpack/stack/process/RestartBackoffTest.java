package dev.sqlpack.stack.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RestartBackoffTest {
    private final RestartBackoff backoff = RestartBackoff.DEFAULT;

    @Test
    void doublesFromOneSecondUpToThirtySeconds() {
        assertThat(backoff.delay(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delay(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.delay(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.delay(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(backoff.delay(6)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delay(1000)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aServerThatRanAMinuteCountsAsHealthyAgain() {
        assertThat(backoff.exitsInARow(0, Duration.ofMillis(300))).isEqualTo(1);
        assertThat(backoff.exitsInARow(4, Duration.ofSeconds(59))).isEqualTo(5);
        assertThat(backoff.exitsInARow(4, Duration.ofSeconds(60))).isEqualTo(1);
        assertThat(backoff.exitsInARow(4, Duration.ofHours(3))).isEqualTo(1);
    }
}
