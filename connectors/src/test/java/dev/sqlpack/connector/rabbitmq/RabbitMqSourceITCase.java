package dev.sqlpack.connector.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;
import dev.sqlpack.stack.rabbitmq.RabbitMqServer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The source on a real broker: metadata, dead-lettering, parse-error choices, a broker restart. */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.MethodName.class)
class RabbitMqSourceITCase {
    static RabbitMqServer broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = TestBroker.get();
    }

    static TableEnvironment env(int parallelism, long checkpointMillis) {
        Configuration conf = new Configuration();
        conf.setString("parallelism.default", Integer.toString(parallelism));
        // A failure must surface in the test, not be retried forever.
        conf.setString("restart-strategy.type", "none");
        if (checkpointMillis > 0) {
            conf.setString("execution.checkpointing.interval", checkpointMillis + " ms");
        }
        return TableEnvironment.create(EnvironmentSettings.newInstance().inStreamingMode().withConfiguration(conf).build());
    }

    static String connection() {
        return "'connector' = 'rabbitmq', 'uri' = '" + broker.uri() + "'";
    }

    @Test
    void readsEveryMetadataColumnWithTheJsonBody() throws Exception {
        TableEnvironment env = env(1, 500);
        env.executeSql("CREATE TABLE orders (order_id STRING, amount DECIMAL(10, 2),"
                + " routing_key STRING METADATA FROM 'routing-key' VIRTUAL,"
                + " ex STRING METADATA FROM 'exchange' VIRTUAL,"
                + " message_id STRING METADATA FROM 'message-id' VIRTUAL,"
                + " correlation_id STRING METADATA FROM 'correlation-id' VIRTUAL,"
                + " sent TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,"
                + " headers MAP<STRING, STRING> METADATA VIRTUAL,"
                + " redelivered BOOLEAN METADATA VIRTUAL"
                + ") WITH (" + connection() + ", 'queue' = 'meta', 'queue.declare' = 'true',"
                + " 'exchange' = 'shop', 'binding-keys' = 'order.*', 'format' = 'json')");
        try (StreamingQuery q = new StreamingQuery(env.executeSql("SELECT * FROM orders"));
                Amqp amqp = new Amqp(broker)) {
            // The planner declared queue and binding; the table's key 'order.*' does not match 'refund.eu'.
            Map<String, Object> headers = new LinkedHashMap<>();
            headers.put("source", "back-office");
            headers.put("attempt", 3);
            headers.put("city", "Zürich");
            amqp.publish("shop", "order.eu", new AMQP.BasicProperties.Builder().deliveryMode(2).messageId("m-1")
                    .correlationId("c-1").timestamp(Date.from(Instant.parse("2026-11-29T10:00:05Z"))).headers(headers)
                    .build(), "{\"order_id\":\"o-1\",\"amount\":12.50}".getBytes(StandardCharsets.UTF_8));
            amqp.publish("shop", "refund.eu", "m-x", "{\"order_id\":\"not bound\",\"amount\":1}");
            amqp.publish("shop", "order.us", new AMQP.BasicProperties.Builder().build(),
                    "{\"order_id\":\"ö-2\",\"amount\":0.10}".getBytes(StandardCharsets.UTF_8));
            List<Row> rows = q.awaitRows(2);
            assertThat(rows).hasSize(2);
            Row first = rows.get(0);
            assertThat(first.getField("order_id")).isEqualTo("o-1");
            assertThat(first.getField("amount")).hasToString("12.50");
            assertThat(first.getField("routing_key")).isEqualTo("order.eu");
            assertThat(first.getField("ex")).isEqualTo("shop");
            assertThat(first.getField("message_id")).isEqualTo("m-1");
            assertThat(first.getField("correlation_id")).isEqualTo("c-1");
            assertThat(first.getField("sent")).isEqualTo(Instant.parse("2026-11-29T10:00:05Z"));
            assertThat(first.getField("headers")).isEqualTo(Map.of("source", "back-office", "attempt", "3", "city", "Zürich"));
            assertThat(first.getField("redelivered")).isEqualTo(false);
            Row second = rows.get(1);
            assertThat(second.getField("order_id")).isEqualTo("ö-2");
            assertThat(second.getField("message_id")).isNull();
            assertThat(second.getField("correlation_id")).isNull();
            assertThat(second.getField("sent")).isNull();
            assertThat(second.getField("headers")).isEqualTo(Map.of());
        }
    }

    @Test
    void malformedMessagesEndInTheDeadLetterQueueWithTheirBytes() throws Exception {
        try (Amqp amqp = new Amqp(broker)) {
            amqp.declare("dl-in", "dl", "dl-dlx");
            TableEnvironment env = env(2, 500);
            env.executeSql("CREATE TABLE orders (order_id STRING, amount INT) WITH (" + connection()
                    + ", 'queue' = 'dl', 'queue.dead-letter-exchange' = 'dl-dlx', 'format' = 'json')");
            try (StreamingQuery q = new StreamingQuery(env.executeSql("SELECT order_id, amount FROM orders"))) {
                List<byte[]> malformed = List.of("not json".getBytes(StandardCharsets.UTF_8),
                        "{\"order_id\": \"x\", \"amount\": \"ten\"}".getBytes(StandardCharsets.UTF_8),
                        new byte[] {(byte) 0xff, 0x00, 0x7b}, new byte[0]);
                int good = 0;
                for (int i = 0; i < 30; i++) {
                    if (i % 7 == 3 && i / 7 < malformed.size()) {
                        amqp.publish("dl-in", "o", new AMQP.BasicProperties.Builder().messageId("bad-" + i).build(),
                                malformed.get(i / 7));
                    } else {
                        amqp.publish("dl-in", "o", "ok-" + i, "{\"order_id\":\"o" + i + "\",\"amount\":" + i + "}");
                        good++;
                    }
                }
                int expectedGood = good;
                List<Row> rows = q.awaitRows(expectedGood);
                assertThat(rows).hasSize(expectedGood);
                org.awaitility.Awaitility.await().atMost(StreamingQuery.DEADLINE)
                        .until(() -> amqp.messageCount("dl.dead") == malformed.size());
                List<GetResponse> dead = amqp.drain("dl.dead");
                // main output + dead letters = published
                assertThat(rows.size() + dead.size()).isEqualTo(30);
                assertThat(dead.stream().map(GetResponse::getBody).map(b -> new String(b, StandardCharsets.ISO_8859_1)))
                        .containsExactlyInAnyOrderElementsOf(malformed.stream()
                                .map(b -> new String(b, StandardCharsets.ISO_8859_1)).toList());
                assertThat(dead).allSatisfy(d -> assertThat(d.getProps().getMessageId()).startsWith("bad-"));
            }
        }
    }

    @Test
    void failsOnAnUnparsableMessageNamingItWhenTheQueueHasNoDeadLetterExchange() throws Exception {
        try (Amqp amqp = new Amqp(broker)) {
            amqp.declare("pf-in", "pf", null);
            TableEnvironment env = env(1, 0);
            env.executeSql("CREATE TABLE t (a INT) WITH (" + connection() + ", 'queue' = 'pf', 'format' = 'json')");
            try (StreamingQuery q = new StreamingQuery(env.executeSql("SELECT a FROM t"))) {
                amqp.publish("pf-in", "key.1", "m-bad", "{oops");
                Throwable failure = q.awaitFailure();
                assertThat(rootMessages(failure)).contains("The format cannot parse a message on queue 'pf'"
                        + " (exchange 'pf-in', routing key 'key.1', message id 'm-bad')");
            }
            // Not acknowledged: still in the queue for a fixed job.
            org.awaitility.Awaitility.await().atMost(StreamingQuery.DEADLINE).until(() -> amqp.messageCount("pf") == 1);
        }
    }

    @Test
    void skipsUnparsableMessagesWhenAskedAndAcknowledgesThem() throws Exception {
        try (Amqp amqp = new Amqp(broker)) {
            amqp.declare("sk-in", "sk", null);
            TableEnvironment env = env(1, 300);
            env.executeSql("CREATE TABLE t (a INT) WITH (" + connection()
                    + ", 'queue' = 'sk', 'format' = 'json', 'on-parse-error' = 'skip')");
            StreamingQuery q = new StreamingQuery(env.executeSql("SELECT a FROM t"));
            amqp.publish("sk-in", "k", "1", "{\"a\":1}");
            amqp.publish("sk-in", "k", "2", "garbage");
            amqp.publish("sk-in", "k", "3", "{\"a\":3}");
            assertThat(q.awaitRows(2)).extracting(r -> r.getField(0)).containsExactly(1, 3);
            // With checkpointing, a collected row shows only after its checkpoint completed; one more
            // row means one more checkpoint, by which the first one's acknowledgement was sent.
            amqp.publish("sk-in", "k", "4", "{\"a\":4}");
            assertThat(q.awaitRows(3)).extracting(r -> r.getField(0)).containsExactly(1, 3, 4);
            q.close(); // cancels the job: whatever it did not acknowledge goes back to the queue
            org.awaitility.Awaitility.await("the consumer to be gone").atMost(StreamingQuery.DEADLINE)
                    .until(() -> amqp.channel.queueDeclarePassive("sk").getConsumerCount() == 0);
            List<String> left = amqp.drain("sk").stream().map(g -> g.getProps().getMessageId()).toList();
            assertThat(left).doesNotContain("1", "2", "3");
        }
    }

    @Test
    void exactlyOnceRefusesAMessageWithoutMessageId() throws Exception {
        try (Amqp amqp = new Amqp(broker)) {
            amqp.declare("ni-in", "ni", null);
            TableEnvironment env = env(1, 500);
            env.executeSql("CREATE TABLE t (a INT) WITH (" + connection()
                    + ", 'queue' = 'ni', 'format' = 'json', 'delivery.guarantee' = 'exactly-once')");
            try (StreamingQuery q = new StreamingQuery(env.executeSql("SELECT a FROM t"))) {
                amqp.publish("ni-in", "k", new AMQP.BasicProperties.Builder().build(), "{\"a\":1}".getBytes());
                assertThat(rootMessages(q.awaitFailure())).contains("'delivery.guarantee' = 'exactly-once' needs a"
                        + " message id on every message, but a message on queue 'ni' (exchange 'ni-in', routing key 'k')"
                        + " has none");
            }
        }
    }

    @Test
    void brokerRestartMidStreamLosesNothingAndExactlyOnceEmitsEachOnce() throws Exception {
        try (Amqp amqp = new Amqp(broker)) {
            amqp.declare("rs-in", "rs", null);
        }
        TableEnvironment env = env(1, 300);
        env.executeSql("CREATE TABLE t (n INT, id STRING METADATA FROM 'message-id' VIRTUAL) WITH (" + connection()
                + ", 'queue' = 'rs', 'format' = 'json', 'delivery.guarantee' = 'exactly-once',"
                + " 'prefetch-count' = '50')");
        try (StreamingQuery q = new StreamingQuery(env.executeSql("SELECT n, id FROM t"))) {
            try (Amqp amqp = new Amqp(broker)) {
                for (int i = 0; i < 200; i++) {
                    amqp.publish("rs-in", "k", "m" + i, "{\"n\":" + i + "}");
                }
            }
            q.awaitRows(20);
            broker.restart(); // graceful stop: persistent messages of the durable queue survive
            try (Amqp amqp = new Amqp(broker)) {
                for (int i = 200; i < 400; i++) {
                    amqp.publish("rs-in", "k", "m" + i, "{\"n\":" + i + "}");
                }
            }
            List<Row> rows = q.awaitUntil(r -> distinct(r).size() == 400, "all 400 messages");
            assertThat(distinct(rows)).isEqualTo(IntStream.range(0, 400).boxed().collect(Collectors.toCollection(TreeSet::new)));
            // redeliveries of emitted messages were dropped by message id
            assertThat(rows).hasSize(400);
        }
    }

    /** 'reconnect.timeout' (docs/connector-rabbitmq.md): past it the job fails, and says which broker. */
    @Test
    void aBrokerThatStaysAwayPastTheReconnectTimeoutFailsTheJobNamingItsUri() throws Exception {
        try (Amqp amqp = new Amqp(broker)) {
            amqp.declare("gone-in", "gone", null);
            amqp.publish("gone-in", "k", "m0", "{\"n\":0}");
        }
        TableEnvironment env = env(1, 300);
        env.executeSql("CREATE TABLE t (n INT) WITH (" + connection()
                + ", 'queue' = 'gone', 'format' = 'json', 'reconnect.timeout' = '3 s')");
        try (StreamingQuery q = new StreamingQuery(env.executeSql("SELECT n FROM t"))) {
            q.awaitRows(1);
            broker.stopBroker();
            try {
                StringBuilder chain = new StringBuilder();
                for (Throwable t = q.awaitFailure(); t != null; t = t.getCause()) {
                    chain.append(t.getMessage()).append('\n');
                }
                assertThat(chain.toString()).contains("stayed unreachable")
                        .contains("127.0.0.1:" + broker.amqpPort()).doesNotContain("guest:guest");
            } finally {
                broker.restart();
            }
        }
    }

    @Test
    void aBoundedReadEndsWhenTheQueueIsQuietAndAcknowledgesWhatItRead() throws Exception {
        try (Amqp amqp = new Amqp(broker)) {
            amqp.declare("bd-in", "bd", null);
            for (int i = 0; i < 5; i++) {
                amqp.publish("bd-in", "k", "m" + i, "{\"n\":" + i + "}");
            }
            TableEnvironment env = env(1, 200);
            env.executeSql("CREATE TABLE t (n INT) WITH (" + connection()
                    + ", 'queue' = 'bd', 'format' = 'json', 'scan.bounded.idle-timeout' = '2 s')");
            var result = env.executeSql("SELECT n FROM t");
            try (StreamingQuery q = new StreamingQuery(result)) {
                assertThat(q.awaitRows(5)).extracting(r -> r.getField(0)).containsExactly(0, 1, 2, 3, 4);
                // the job ends by itself: the source ended its input
                // (its result future, not getJobStatus: the local MiniCluster shuts down once the job ends)
                var client = result.getJobClient().orElseThrow();
                assertThat(client.getJobExecutionResult().get(StreamingQuery.DEADLINE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS))
                        .as("completes normally only when the job FINISHED").isNotNull();
            }
            org.awaitility.Awaitility.await("the consumer to be gone").atMost(StreamingQuery.DEADLINE)
                    .until(() -> amqp.channel.queueDeclarePassive("bd").getConsumerCount() == 0);
            assertThat(amqp.messageCount("bd")).as("acknowledged by the final checkpoint").isZero();
        }
    }

    /**
     * 'prefetch-count' above AMQP's 65535 is several consumers on the reader's one channel: the
     * rows must still come in queue order (one stream) and one multiple-ack must cover them all.
     */
    @Test
    void aPrefetchCountAboveOneConsumersLimitIsSeveralConsumersOfOneOrderedStream() throws Exception {
        try (Amqp amqp = new Amqp(broker)) {
            amqp.declare("pf-in", "pf", null);
            TableEnvironment env = env(1, 200);
            // 131071 = 2 x 65535 + 1: three consumers
            env.executeSql("CREATE TABLE t (n INT) WITH (" + connection() + ", 'queue' = 'pf', 'format' = 'json',"
                    + " 'prefetch-count' = '131071', 'scan.bounded.idle-timeout' = '10 s')");
            var result = env.executeSql("SELECT n FROM t");
            try (StreamingQuery q = new StreamingQuery(result)) {
                org.awaitility.Awaitility.await("three consumers on the queue").atMost(StreamingQuery.DEADLINE)
                        .until(() -> amqp.channel.queueDeclarePassive("pf").getConsumerCount() == 3);
                for (int i = 0; i < 300; i++) {
                    amqp.publish("pf-in", "k", "m" + i, "{\"n\":" + i + "}");
                }
                // round-robin over the three consumers, yet one stream in queue order
                assertThat(q.awaitRows(300)).extracting(r -> r.getField(0))
                        .containsExactlyElementsOf(IntStream.range(0, 300).boxed().toList());
                var client = result.getJobClient().orElseThrow();
                assertThat(client.getJobExecutionResult().get(StreamingQuery.DEADLINE.toSeconds(),
                        java.util.concurrent.TimeUnit.SECONDS)).as("the bounded read finished").isNotNull();
            }
            org.awaitility.Awaitility.await("the consumers to be gone").atMost(StreamingQuery.DEADLINE)
                    .until(() -> amqp.channel.queueDeclarePassive("pf").getConsumerCount() == 0);
            // unacknowledged messages would be back in the queue once the consumers are gone
            assertThat(amqp.messageCount("pf")).as("every consumer's deliveries acknowledged").isZero();
        }
    }

    /**
     * Three readers, two messages: at least one reader never gets a message. Window [10:00, 10:01)
     * holds the first message; it closes only when the watermark passes 10:01, which the second
     * message (10:05) gives its reader. The readers without (further) messages must go idle after
     * 'scan.watermark.idle-timeout' instead of holding the job's watermark back; without idleness
     * no window would ever close (the empty reader has no watermark at all).
     */
    @Test
    void anIdleReaderDoesNotHoldBackTheWatermark() throws Exception {
        try (Amqp amqp = new Amqp(broker)) {
            amqp.declare("wm-in", "wm", null);
        }
        TableEnvironment env = env(3, 500);
        env.executeSql("CREATE TABLE t (n INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH (" + connection()
                + ", 'queue' = 'wm', 'format' = 'json', 'scan.watermark.idle-timeout' = '1 s')");
        try (StreamingQuery q = new StreamingQuery(env.executeSql("SELECT window_start, COUNT(*) AS c, SUM(n) AS s"
                + " FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' MINUTE))"
                + " GROUP BY window_start, window_end"))) {
            try (Amqp amqp = new Amqp(broker)) {
                org.awaitility.Awaitility.await("three readers consuming").atMost(StreamingQuery.DEADLINE)
                        .until(() -> amqp.channel.queueDeclarePassive("wm").getConsumerCount() == 3);
                amqp.publish("wm-in", "k", "a", "{\"n\":1,\"ts\":\"2026-03-01 10:00:10\"}");
                amqp.publish("wm-in", "k", "b", "{\"n\":2,\"ts\":\"2026-03-01 10:05:00\"}");
            }
            List<Row> rows = q.awaitRows(1);
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).getField(0)).isEqualTo(java.time.LocalDateTime.of(2026, 3, 1, 10, 0));
            assertThat(rows.get(0).getField(1)).isEqualTo(1L);
            assertThat(rows.get(0).getField(2)).isEqualTo(1);
        }
    }

    static Set<Integer> distinct(List<Row> rows) {
        return rows.stream().map(r -> (Integer) r.getField(0)).collect(Collectors.toCollection(TreeSet::new));
    }

    static String rootMessages(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            b.append(c.getMessage()).append('\n');
        }
        return b.toString();
    }
}
