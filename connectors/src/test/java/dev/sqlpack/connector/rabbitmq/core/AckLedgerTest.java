package dev.sqlpack.connector.rabbitmq.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AckLedgerTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final AckLedger ledger = new AckLedger(now::get, 60_000);

    @Test
    void acknowledgesUpToTheHighestTagOfTheCompletedCheckpointOnly() {
        ledger.handled(1, "a");
        ledger.handled(2, "b");
        assertThat(ledger.snapshot(10)).containsExactlyInAnyOrder("a", "b");
        ledger.handled(3, "c");
        assertThat(ledger.snapshot(11)).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(ledger.complete(10)).isEqualTo(new AckLedger.Ack(2, Set.of("a", "b")));
        assertThat(ledger.complete(10)).as("nothing twice").isNull();
        assertThat(ledger.snapshot(12)).containsExactly("c");
        assertThat(ledger.complete(12)).isEqualTo(new AckLedger.Ack(3, Set.of("c")));
        assertThat(ledger.idsHeld()).isZero();
    }

    @Test
    void aLaterCompletedCheckpointCoversAnEarlierOneWhoseNotificationWasLost() {
        ledger.handled(5, "x");
        ledger.snapshot(1);
        ledger.handled(6, "y");
        ledger.snapshot(2);
        assertThat(ledger.complete(2)).isEqualTo(new AckLedger.Ack(6, Set.of("x", "y")));
    }

    @Test
    void nothingToAcknowledgeWithoutDeliveries() {
        assertThat(ledger.snapshot(1)).isEmpty();
        assertThat(ledger.complete(1)).isNull();
    }

    @Test
    void dropsOnlyRedeliveriesOfRestoredIds() {
        ledger.restore(List.of("a", "b"));
        assertThat(ledger.isRepeat("a", false)).as("a fresh message reusing an id").isFalse();
        assertThat(ledger.isRepeat("a", true)).isTrue();
        assertThat(ledger.isRepeat("a", true)).as("seen once: it cannot come back after its ack").isFalse();
        assertThat(ledger.isRepeat("c", true)).isFalse();
        assertThat(ledger.isRepeat(null, true)).isFalse();
        assertThat(ledger.snapshot(1)).containsExactly("b");
    }

    @Test
    void forgetsExpectedIdsAfterTheRedeliveryWindow() {
        ledger.restore(List.of("a", "b"));
        now.addAndGet(60_001);
        assertThat(ledger.isRepeat("a", true)).isFalse();
        assertThat(ledger.snapshot(1)).isEmpty();
    }

    @Test
    void aLostChannelTurnsEveryUnacknowledgedIdIntoAnExpectedRedelivery() {
        ledger.handled(1, "a");
        ledger.snapshot(1);
        ledger.handled(2, "b");
        ledger.channelLost();
        assertThat(ledger.complete(1)).as("tags of a closed channel cannot be acknowledged").isNull();
        assertThat(ledger.isRepeat("a", true)).isTrue();
        assertThat(ledger.isRepeat("b", true)).isTrue();
    }

    @Test
    void aFailedAcknowledgementKeepsItsIdsForTheRedelivery() {
        ledger.handled(1, "a");
        ledger.snapshot(1);
        AckLedger.Ack ack = ledger.complete(1);
        ledger.ackFailed(ack);
        assertThat(ledger.isRepeat("a", true)).isTrue();
    }
}
