package dev.sqlpack.connector.rabbitmq.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HandoffTest {
    private final Handoff<String> handoff = new Handoff<>();

    @Test
    void anEmptyHandoffHandsOutOneIncompleteFutureThatTheNextItemCompletes() {
        CompletableFuture<Void> first = handoff.available();
        assertThat(first).isNotDone();
        assertThat(handoff.available()).as("the same future while it waits").isSameAs(first);
        handoff.add("a");
        assertThat(first).isDone();
        assertThat(handoff.poll()).isEqualTo("a");
        assertThat(handoff.poll()).isNull();
        assertThat(handoff.available()).as("a fresh wait after the queue was drained").isNotDone();
    }

    @Test
    void itemsAddedWhileNobodyWaitsMakeTheNextWaitReady() {
        handoff.add("a");
        handoff.add("b");
        assertThat(handoff.available()).isDone();
        assertThat(handoff.isEmpty()).isFalse();
        assertThat(List.of(handoff.poll(), handoff.poll())).containsExactly("a", "b");
        assertThat(handoff.isEmpty()).isTrue();
    }

    @Test
    void aWakeWhileNobodyWaitsIsKeptForTheNextWaitOnly() {
        handoff.wake();
        assertThat(handoff.available()).as("woken before the wait began").isDone();
        assertThat(handoff.available()).as("the wake was used up").isNotDone();
    }

    @Test
    void aWakeCompletesTheFutureOfAWaitingTaskWithoutAnItem() {
        CompletableFuture<Void> waiting = handoff.available();
        handoff.wake();
        assertThat(waiting).isDone();
        assertThat(handoff.poll()).isNull();
    }

    /** A producer and a consumer racing: a lost wake-up would leave the consumer waiting forever. */
    @Test
    void noItemIsLostAndNoWakeUpIsMissedWhenProducerAndConsumerRace() throws Exception {
        int n = 200_000;
        Thread producer = new Thread(() -> {
            for (int i = 0; i < n; i++) {
                handoff.add(Integer.toString(i));
                if (i % 1000 == 0) {
                    Thread.yield(); // let the consumer drain the queue and wait now and then
                }
            }
        }, "handoff-producer");
        producer.start();
        List<String> got = new ArrayList<>(n);
        while (got.size() < n) {
            String item = handoff.poll();
            if (item != null) {
                got.add(item);
            } else {
                // a generous safety deadline, not a timing assertion: without a lost wake-up it returns at once
                handoff.available().get(60, TimeUnit.SECONDS);
            }
        }
        producer.join();
        assertThat(got).hasSize(n);
        for (int i = 0; i < n; i++) {
            assertThat(got.get(i)).isEqualTo(Integer.toString(i));
        }
        assertThat(handoff.poll()).isNull();
    }
}
