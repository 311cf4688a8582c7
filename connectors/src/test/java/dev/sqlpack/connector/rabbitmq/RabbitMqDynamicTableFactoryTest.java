package dev.sqlpack.connector.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.factories.utils.FactoryMocks;
import org.junit.jupiter.api.Test;

/** Every option rule that needs no broker, one test each, with its exact message. */
class RabbitMqDynamicTableFactoryTest {
    static final ResolvedSchema SCHEMA = ResolvedSchema.of(
            Column.physical("order_id", DataTypes.STRING()),
            Column.physical("amount", DataTypes.DECIMAL(10, 2)));

    static Map<String, String> source() {
        Map<String, String> o = new HashMap<>();
        o.put("connector", "rabbitmq");
        o.put("uri", "amqp://guest:guest@127.0.0.1:1/%2F");
        o.put("queue", "orders");
        o.put("format", "json");
        return o;
    }

    static Map<String, String> with(Map<String, String> options, String... keyValues) {
        Map<String, String> o = new HashMap<>(options);
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] == null) {
                o.remove(keyValues[i]);
            } else {
                o.put(keyValues[i], keyValues[i + 1]);
            }
        }
        return o;
    }

    /** The planner wraps our exception; the message we wrote is somewhere in the chain. */
    static void assertSourceRejected(Map<String, String> options, String message) {
        assertThatThrownBy(() -> FactoryMocks.createTableSource(SCHEMA, options))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(messages(e)).contains(message));
    }

    static List<String> messages(Throwable t) {
        List<String> out = new ArrayList<>();
        for (Throwable c = t; c != null; c = c.getCause()) {
            out.add(c.getMessage());
        }
        return out;
    }

    @Test
    void rejectsBothUriAndHost() {
        assertSourceRejected(with(source(), "host", "rabbit.internal"), "Set either 'uri' or 'host', not both (got 'uri'"
                + " and 'host' = 'rabbit.internal'). Keep 'uri' alone, or replace it by 'host', 'port', 'virtual-host',"
                + " 'username' and 'password'.");
    }

    @Test
    void rejectsNeitherUriNorHost() {
        assertSourceRejected(with(source(), "uri", null), "The RabbitMQ broker is not set: set 'uri' (e.g."
                + " 'amqp://guest:guest@127.0.0.1:5672/%2F') or 'host'.");
    }

    @Test
    void rejectsHostOptionsNextToUri() {
        assertSourceRejected(with(source(), "username", "bob"), "'username' applies with 'host' only; with 'uri',"
                + " put it into the URI (amqp://user:password@host:port/virtual-host).");
    }

    @Test
    void rejectsAMalformedUri() {
        assertSourceRejected(with(source(), "uri", "http://127.0.0.1:5672"), "'uri' is not a valid AMQP URI:"
                + " 'http://127.0.0.1:5672' (Wrong scheme in AMQP URI: http). Example:"
                + " 'amqp://user:secret@127.0.0.1:5672/%2F'.");
    }

    @Test
    void redactsThePasswordOfAMalformedUri() {
        assertThatThrownBy(() -> FactoryMocks.createTableSource(SCHEMA,
                        with(source(), "uri", "amqp://bob:s3cret@127.0.0.1:5672/a/b")))
                .satisfies(e -> assertThat(messages(e)).anySatisfy(m -> assertThat(m)
                        .startsWith("'uri' is not a valid AMQP URI: 'amqp://bob:***@127.0.0.1:5672/a/b' (")
                        .endsWith("). Example: 'amqp://user:secret@127.0.0.1:5672/%2F'.")
                        .doesNotContain("s3cret")));
    }

    @Test
    void rejectsAPortOutOfRange() {
        assertSourceRejected(with(source(), "uri", null, "host", "127.0.0.1", "port", "70000"),
                "'port' must be between 1 and 65535, but was '70000'.");
    }

    @Test
    void requiresAQueueForASource() {
        assertSourceRejected(with(source(), "queue", null),
                "'queue' is required for a RabbitMQ source: the name of the queue to consume.");
    }

    @Test
    void rejectsABlankQueue() {
        assertSourceRejected(with(source(), "queue", " "), "'queue' must not be blank.");
    }

    @Test
    void rejectsAPrefetchCountOfZero() {
        assertSourceRejected(with(source(), "prefetch-count", "0"),
                "'prefetch-count' must be between 1 and 655350, but was '0'.");
    }

    @Test
    void acceptsAPrefetchCountAboveTheProtocolLimitOfOneConsumer() {
        // the settings alone: creating the source would also check the queue on a broker
        var settings = RabbitMqDynamicTableFactory.sourceSettings(
                org.apache.flink.configuration.Configuration.fromMap(with(source(), "prefetch-count", "200000")));
        assertThat(settings.prefetchCount()).isEqualTo(200_000);
    }

    @Test
    void rejectsAPrefetchCountAboveTenConsumersWorth() {
        assertSourceRejected(with(source(), "prefetch-count", "655351"),
                "'prefetch-count' must be between 1 and 655350, but was '655351'.");
    }

    @Test
    void rejectsAnExchangeWithoutQueueDeclare() {
        assertSourceRejected(with(source(), "exchange", "shop", "binding-keys", "order.*"), "'exchange' = 'shop' binds"
                + " the queue only when it is declared: set 'queue.declare' = 'true', or remove 'exchange' and bind"
                + " the queue yourself.");
    }

    @Test
    void rejectsAnExchangeWithoutBindingKeys() {
        assertSourceRejected(with(source(), "exchange", "shop", "queue.declare", "true"), "'exchange' = 'shop' needs"
                + " 'binding-keys', e.g. 'order.*' (use '#' for everything on a topic exchange).");
    }

    @Test
    void rejectsBindingKeysWithoutExchange() {
        assertSourceRejected(with(source(), "binding-keys", "order.*"),
                "'binding-keys' needs 'exchange': the exchange to bind queue 'orders' to.");
    }

    @Test
    void rejectsDeadLetteringWithoutADeadLetterExchange() {
        assertSourceRejected(with(source(), "on-parse-error", "dead-letter"), "'on-parse-error' = 'dead-letter' needs"
                + " 'queue.dead-letter-exchange': the dead-letter exchange of queue 'orders'. Without one, choose"
                + " 'fail' or 'skip'.");
    }

    @Test
    void rejectsAnUnknownParseErrorAction() {
        assertSourceRejected(with(source(), "on-parse-error", "ignore"), "Could not parse value 'ignore' for key"
                + " 'on-parse-error'.");
    }

    @Test
    void rejectsAnUnknownDeliveryGuarantee() {
        assertSourceRejected(with(source(), "delivery.guarantee", "exactly-twice"), "Could not parse value"
                + " 'exactly-twice' for key 'delivery.guarantee'.");
    }

    @Test
    void rejectsAZeroReconnectTimeout() {
        assertSourceRejected(with(source(), "reconnect.timeout", "0 s"),
                "'reconnect.timeout' must be positive, but was 'PT0S'.");
    }

    @Test
    void rejectsAZeroRedeliveryWindow() {
        assertSourceRejected(with(source(), "exactly-once.redelivery-window", "0 s"),
                "'exactly-once.redelivery-window' must be positive, but was 'PT0S'.");
    }

    @Test
    void rejectsAnUnknownOption() {
        assertThatThrownBy(() -> FactoryMocks.createTableSource(SCHEMA, with(source(), "queue.durable", "true")))
                .satisfies(e -> assertThat(messages(e)).anySatisfy(m -> assertThat(m)
                        .startsWith("Unsupported options found for 'rabbitmq'.").contains("queue.durable")));
    }

    @Test
    void requiresARoutingKeyForASink() {
        Map<String, String> sink = with(source(), "queue", null);
        assertThatThrownBy(() -> FactoryMocks.createTableSink(SCHEMA, sink))
                .satisfies(e -> assertThat(messages(e)).contains("A RabbitMQ sink needs a routing key: set"
                        + " 'routing-key', or declare a column `rk STRING METADATA FROM 'routing-key'`."));
    }

    @Test
    void rejectsAZeroMaxInFlightForASink() {
        Map<String, String> sink = with(source(), "queue", null, "routing-key", "k", "sink.max-in-flight", "0");
        assertThatThrownBy(() -> FactoryMocks.createTableSink(SCHEMA, sink))
                .satisfies(e -> assertThat(messages(e)).contains("'sink.max-in-flight' must be positive, but was '0'."));
    }
}
