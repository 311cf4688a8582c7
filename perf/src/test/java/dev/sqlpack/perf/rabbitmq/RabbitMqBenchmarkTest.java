package dev.sqlpack.perf.rabbitmq;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The plain consumer's typed parse must read the benchmark's bodies, or its rate would mean nothing. */
class RabbitMqBenchmarkTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void typedParseReadsTheBenchmarksOrders() {
        assertThatCode(() -> RabbitMqBenchmark.typed(
                utf8("{\"order_id\":\"o7\",\"amount\":7.25,\"ts\":\"2026-03-01 10:00:00\"}"))).doesNotThrowAnyException();
    }

    @Test
    void typedParseRejectsAnIncompleteOrMalformedOrder() {
        assertThatThrownBy(() -> RabbitMqBenchmark.typed(utf8("{\"order_id\":\"o7\",\"amount\":7.25}")))
                .hasMessageContaining("incomplete order");
        assertThatThrownBy(() -> RabbitMqBenchmark.typed(
                utf8("{\"order_id\":\"o7\",\"amount\":7.25,\"ts\":\"01.03.2026\"}")))
                .isInstanceOf(java.time.format.DateTimeParseException.class);
    }
}
