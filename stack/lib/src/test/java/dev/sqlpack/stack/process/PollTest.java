package dev.sqlpack.stack.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollTest {
    private static final Duration LONG = Duration.ofMinutes(5);
    private static final Duration NO_PAUSE = Duration.ofMillis(1);

    @Test
    void checksUntilTheConditionHoldsAndNoMore() {
        AtomicInteger checks = new AtomicInteger();

        assertThat(Poll.within("the third check", LONG, NO_PAUSE, () -> checks.incrementAndGet() == 3)).isTrue();
        assertThat(checks).hasValue(3);
    }

    @Test
    void aConditionThatHoldsAtOnceIsCheckedOnceEvenWithoutTime() {
        AtomicInteger checks = new AtomicInteger();

        assertThat(Poll.within("anything", Duration.ZERO, NO_PAUSE, () -> checks.incrementAndGet() > 0)).isTrue();
        assertThat(checks).hasValue(1);
    }

    @Test
    void returnsFalseWhenTheTimeoutPassesFirst() {
        AtomicInteger checks = new AtomicInteger();

        assertThat(Poll.within("never", Duration.ofMillis(20), NO_PAUSE, () -> checks.incrementAndGet() < 0)).isFalse();
        assertThat(checks.get()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void awaitNamesWhatItWaitedForAndHowLong() {
        assertThatThrownBy(() -> Poll.await("topic 'orders' to disappear", Duration.ofMillis(20), NO_PAUSE, () -> false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Timed out after 20 ms waiting for topic 'orders' to disappear.");
    }

    @Test
    void aConditionGivesUpEarlyByThrowing() {
        assertThatThrownBy(() -> Poll.await("Kafka", LONG, NO_PAUSE, () -> {
            throw new IllegalStateException("Kafka exited during start-up");
        })).hasMessage("Kafka exited during start-up");
    }

    @Test
    void anInterruptEndsTheWaitAndKeepsTheFlag() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> Poll.within("PostgreSQL", LONG, Duration.ofSeconds(1), () -> false))
                    .hasMessage("Interrupted while waiting for PostgreSQL.");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void describesDurationsInSecondsOrBelowASecondInMilliseconds() {
        assertThat(Poll.describe(Duration.ofSeconds(120))).isEqualTo("120 s");
        assertThat(Poll.describe(Duration.ofMillis(250))).isEqualTo("250 ms");
        assertThat(Poll.describe(Duration.ofMillis(1500))).isEqualTo("1 s");
    }
}
