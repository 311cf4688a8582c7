package dev.sqlpack.connector.rabbitmq;

import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * Every option of the {@code 'rabbitmq'} connector. The descriptions are the documentation:
 * the option table of {@code docs/connector-rabbitmq.md} is generated from them and checked by a
 * test.
 */
public final class RabbitMqOptions {

    /** What the source promises about duplicates. */
    public enum DeliveryGuarantee {
        EXACTLY_ONCE("exactly-once"),
        AT_LEAST_ONCE("at-least-once");

        private final String value;

        DeliveryGuarantee(String value) {
            this.value = value;
        }

        @Override
        public String toString() {
            return value;
        }
    }

    /** What the source does with a message the format cannot parse. */
    public enum ParseErrorAction {
        DEAD_LETTER("dead-letter"),
        FAIL("fail"),
        SKIP("skip");

        private final String value;

        ParseErrorAction(String value) {
            this.value = value;
        }

        @Override
        public String toString() {
            return value;
        }
    }

    // ---- connection ----

    public static final ConfigOption<String> URI = ConfigOptions.key("uri")
            .stringType()
            .noDefaultValue()
            .withDescription("AMQP URI of the broker, e.g. 'amqp://user:secret@127.0.0.1:5672/%2F' (the"
                    + " virtual host is the URL-encoded path; '%2F' is '/'). Set either 'uri' or 'host',"
                    + " not both.");

    public static final ConfigOption<String> HOST = ConfigOptions.key("host")
            .stringType()
            .noDefaultValue()
            .withDescription("Broker host name, used with 'port', 'virtual-host', 'username' and 'password'"
                    + " when 'uri' is not set.");

    public static final ConfigOption<Integer> PORT = ConfigOptions.key("port")
            .intType()
            .defaultValue(5672)
            .withDescription("Broker AMQP port, with 'host'.");

    public static final ConfigOption<String> VIRTUAL_HOST = ConfigOptions.key("virtual-host")
            .stringType()
            .defaultValue("/")
            .withDescription("Virtual host, with 'host'.");

    public static final ConfigOption<String> USERNAME = ConfigOptions.key("username")
            .stringType()
            .defaultValue("guest")
            .withDescription("User name, with 'host'. With 'uri', put the user into the URI.");

    public static final ConfigOption<String> PASSWORD = ConfigOptions.key("password")
            .stringType()
            .defaultValue("guest")
            .withDescription("Password, with 'host'. With 'uri', put the password into the URI.");

    public static final ConfigOption<Duration> CONNECTION_TIMEOUT = ConfigOptions.key("connection.timeout")
            .durationType()
            .defaultValue(Duration.ofSeconds(30))
            .withDescription("Timeout of one connection attempt (TCP connect and AMQP handshake).");

    public static final ConfigOption<Duration> RECONNECT_TIMEOUT = ConfigOptions.key("reconnect.timeout")
            .durationType()
            .defaultValue(Duration.ofMinutes(5))
            .withDescription("How long the source keeps reconnecting, with exponential backoff, after the"
                    + " connection is lost. Past it the job fails with a message naming the broker's URI."
                    + " Messages are not lost meanwhile: unacknowledged ones stay in the queue. (The sink does"
                    + " not reconnect: a lost connection fails it, and Flink restarts it from the last"
                    + " checkpoint.)");

    public static final ConfigOption<Duration> RECONNECT_MAX_BACKOFF = ConfigOptions.key("reconnect.max-backoff")
            .durationType()
            .defaultValue(Duration.ofSeconds(10))
            .withDescription("Longest pause between two reconnection attempts; the first pause is 100 ms"
                    + " and each failed attempt doubles it up to this.");

    // ---- source ----

    public static final ConfigOption<String> QUEUE = ConfigOptions.key("queue")
            .stringType()
            .noDefaultValue()
            .withDescription("Queue the source consumes. Required for a source. Every parallel reader"
                    + " consumes it (competing consumers).");

    public static final ConfigOption<Boolean> QUEUE_DECLARE = ConfigOptions.key("queue.declare")
            .booleanType()
            .defaultValue(false)
            .withDescription("Declare the queue (durable, not exclusive, not auto-deleted) if it is missing,"
                    + " and the exchange and its bindings when 'exchange' is set. When false, a missing"
                    + " queue is an error.");

    public static final ConfigOption<String> QUEUE_DEAD_LETTER_EXCHANGE = ConfigOptions.key("queue.dead-letter-exchange")
            .stringType()
            .noDefaultValue()
            .withDescription("The queue's dead-letter exchange (its 'x-dead-letter-exchange' argument). With"
                    + " 'queue.declare' the queue is declared with it; otherwise the source checks at start"
                    + " that the existing queue has exactly this argument. Messages the format cannot parse"
                    + " are then rejected (requeue=false) to it. A dead-letter exchange set by a policy is not"
                    + " visible to clients: set it as a queue argument.");

    public static final ConfigOption<String> EXCHANGE = ConfigOptions.key("exchange")
            .stringType()
            .noDefaultValue()
            .withDescription("Source: the exchange the declared queue is bound to (with 'queue.declare')."
                    + " Sink: the exchange messages are published to; unset means the default exchange ''"
                    + " (routing key = queue name).");

    public static final ConfigOption<String> EXCHANGE_TYPE = ConfigOptions.key("exchange.type")
            .stringType()
            .defaultValue("topic")
            .withDescription("Type of the exchange when it is declared: 'topic', 'direct', 'fanout' or"
                    + " 'headers'. Declared (durable) by the source with 'queue.declare', and by the sink"
                    + " with 'exchange.declare'.");

    public static final ConfigOption<Boolean> EXCHANGE_DECLARE = ConfigOptions.key("exchange.declare")
            .booleanType()
            .defaultValue(false)
            .withDescription("Sink: declare the exchange (durable, of 'exchange.type') if it is missing."
                    + " When false, a missing exchange is an error.");

    public static final ConfigOption<List<String>> BINDING_KEYS = ConfigOptions.key("binding-keys")
            .stringType()
            .asList()
            .noDefaultValue()
            .withDescription("Binding keys, separated by ';', with which the declared queue is bound to"
                    + " 'exchange', e.g. 'order.*;refund.#'. Required when 'exchange' is set for a source.");

    public static final ConfigOption<DeliveryGuarantee> DELIVERY_GUARANTEE = ConfigOptions.key("delivery.guarantee")
            .enumType(DeliveryGuarantee.class)
            .defaultValue(DeliveryGuarantee.AT_LEAST_ONCE)
            .withDescription("'at-least-once': a message is acknowledged only when the checkpoint covering it"
                    + " completes; after a failure unacknowledged messages are delivered again and may be"
                    + " emitted twice. 'exactly-once': the same, and redelivered messages that the restored"
                    + " checkpoint already covers are dropped by their message id. Needs checkpointing,"
                    + " producers that set a unique 'message-id' on every message, and a source parallelism"
                    + " of 1 (a redelivery may reach another competing consumer).");

    public static final ConfigOption<Boolean> ALLOW_MISSING_MESSAGE_ID = ConfigOptions.key("exactly-once.allow-missing-message-id")
            .booleanType()
            .defaultValue(false)
            .withDescription("With 'exactly-once', a message without a message id fails the job (it cannot be"
                    + " de-duplicated). Set to true to accept such messages with at-least-once semantics"
                    + " instead, counted in the metric 'messagesWithoutId'.");

    public static final ConfigOption<Duration> REDELIVERY_WINDOW = ConfigOptions.key("exactly-once.redelivery-window")
            .durationType()
            .defaultValue(Duration.ofMinutes(10))
            .withDescription("With 'exactly-once', how long after a restore or a reconnection the ids of"
                    + " emitted but unacknowledged messages are kept to recognise their redeliveries."
                    + " RabbitMQ requeues them as soon as it notices the old connection is gone (at once on"
                    + " a closed socket, after the heartbeat timeout on a network split).");

    public static final ConfigOption<Integer> PREFETCH_COUNT = ConfigOptions.key("prefetch-count")
            .intType()
            .defaultValue(1000)
            .withDescription("Unacknowledged messages the broker sends each reader ahead (AMQP basic.qos),"
                    + " 1 to 655350. Messages stay unacknowledged until a checkpoint completes, so this must"
                    + " cover what arrives in one checkpoint interval plus the time the checkpoint takes, or"
                    + " the reader waits for the checkpoint: a reader passes at most about this many messages"
                    + " per checkpoint interval. Above 65535 (AMQP's limit for one consumer) the reader opens"
                    + " one consumer per 65535 on its channel, still one ordered stream. Messages received"
                    + " and not yet emitted wait in the TaskManager's heap.");

    public static final ConfigOption<ParseErrorAction> ON_PARSE_ERROR = ConfigOptions.key("on-parse-error")
            .enumType(ParseErrorAction.class)
            .noDefaultValue()
            .withDescription("What happens to a message the format cannot parse. 'dead-letter': rejected"
                    + " without requeue, so RabbitMQ moves it to the queue's dead-letter exchange (needs"
                    + " 'queue.dead-letter-exchange'); 'fail': the job fails with the message's routing key"
                    + " and id; 'skip': acknowledged and dropped. Each case is counted in the metric"
                    + " 'messagesDeadLettered' or 'messagesSkipped'. Default: 'dead-letter' when"
                    + " 'queue.dead-letter-exchange' is set, else 'fail'.");

    public static final ConfigOption<Duration> IDLE_TIMEOUT = ConfigOptions.key("scan.watermark.idle-timeout")
            .durationType()
            .defaultValue(Duration.ofSeconds(30))
            .withDescription("Flink's own option, with a default for this connector: a reader that emits"
                    + " nothing for this long is marked idle, so with competing consumers a reader without"
                    + " messages does not hold back the watermark. 0 disables it.");

    public static final ConfigOption<Duration> SCAN_BOUNDED_IDLE_TIMEOUT = ConfigOptions.key("scan.bounded.idle-timeout")
            .durationType()
            .noDefaultValue()
            .withDescription("Makes the source bounded: each reader ends when no message arrived for this long"
                    + " (a queue has no end of its own). For backfills, tests and recipes that read what is in"
                    + " the queue now; unset (the default), the source runs forever. Messages are acknowledged by"
                    + " the final checkpoint, so keep checkpointing on.");

    // ---- sink ----

    public static final ConfigOption<String> ROUTING_KEY = ConfigOptions.key("routing-key")
            .stringType()
            .noDefaultValue()
            .withDescription("Sink: fixed routing key of every message. A writable metadata column"
                    + " 'routing-key' takes precedence where it is not NULL. One of the two is required.");

    public static final ConfigOption<Integer> SINK_MAX_IN_FLIGHT = ConfigOptions.key("sink.max-in-flight")
            .intType()
            .defaultValue(1000)
            .withDescription("Sink: published messages not yet confirmed by the broker before the writer"
                    + " waits for confirms. The writer also waits for all confirms at every checkpoint.");

    public static final ConfigOption<Duration> SINK_CONFIRM_TIMEOUT = ConfigOptions.key("sink.confirm-timeout")
            .durationType()
            .defaultValue(Duration.ofMinutes(1))
            .withDescription("Sink: how long the writer waits for the broker's publisher confirms before it"
                    + " fails (and the checkpoint with it; the messages are published again after restore).");

    private RabbitMqOptions() {}
}
