package dev.sqlpack.connector.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.GetResponse;
import dev.sqlpack.stack.rabbitmq.RabbitMqServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The sink on a real broker: publisher confirms, persistent messages, metadata, and format round trips. */
class RabbitMqSinkITCase {
    static RabbitMqServer broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = TestBroker.get();
    }

    static String connection() {
        return "'connector' = 'rabbitmq', 'uri' = '" + broker.uri() + "'";
    }

    @Test
    void publishesPersistentConfirmedMessagesWithMetadataFromColumns() throws Exception {
        try (Amqp amqp = new Amqp(broker)) {
            amqp.declare("pc-out", "pc", null);
            TableEnvironment env = RabbitMqSourceITCase.env(1, 0);
            env.executeSql("CREATE TABLE out_t (order_id STRING, amount INT, rk STRING METADATA FROM 'routing-key',"
                    + " mid STRING METADATA FROM 'message-id', cid STRING METADATA FROM 'correlation-id',"
                    + " h MAP<STRING, STRING> METADATA FROM 'headers') WITH (" + connection()
                    + ", 'exchange' = 'pc-out', 'format' = 'json')");
            // await(): the job ends only after the writer's last flush, i.e. after every confirm
            env.executeSql("INSERT INTO out_t SELECT 'o' || CAST(n AS STRING), n, 'order.' || CAST(n AS STRING),"
                    + " 'id-' || CAST(n AS STRING), 'c', MAP['k', 'v'] FROM (VALUES (1), (2), (3)) AS v(n)").await();
            List<GetResponse> got = amqp.drain("pc");
            assertThat(got).hasSize(3);
            assertThat(got).extracting(g -> g.getEnvelope().getRoutingKey()).containsExactly("order.1", "order.2", "order.3");
            assertThat(got).extracting(g -> g.getProps().getMessageId()).containsExactly("id-1", "id-2", "id-3");
            assertThat(got).allSatisfy(g -> {
                assertThat(g.getProps().getDeliveryMode()).isEqualTo(2);
                assertThat(g.getProps().getCorrelationId()).isEqualTo("c");
                assertThat(String.valueOf(g.getProps().getHeaders().get("k"))).isEqualTo("v");
            });
            assertThat(new String(got.get(0).getBody(), StandardCharsets.UTF_8)).isEqualTo("{\"order_id\":\"o1\",\"amount\":1}");
        }
    }

    @Test
    void failsTheJobWhenAMessageCannotBeRouted() throws Exception {
        try (Amqp amqp = new Amqp(broker)) {
            amqp.channel.exchangeDeclare("nowhere", "direct", true);
        }
        TableEnvironment env = RabbitMqSourceITCase.env(1, 0);
        env.executeSql("CREATE TABLE out_t (a INT) WITH (" + connection()
                + ", 'exchange' = 'nowhere', 'routing-key' = 'lost', 'format' = 'json')");
        assertThatThrownBy(() -> env.executeSql("INSERT INTO out_t VALUES (1)").await())
                .satisfies(e -> assertThat(RabbitMqSourceITCase.rootMessages(e)).contains("RabbitMQ could not route a"
                        + " message published to exchange 'nowhere' with routing key 'lost' (NO_ROUTE): no queue is bound"
                        + " for it. Bind a queue for that routing key, or fix 'routing-key'."));
    }

    /** A job writing N = 3,000 rows of a checkpointed sequence at 300 rows/s (10 s) into queue {@code queue}. */
    private static TableResult sequenceIntoQueue(String restartStrategy, String exchange) {
        Configuration conf = new Configuration();
        conf.setString("parallelism.default", "1");
        conf.setString("execution.checkpointing.interval", "500 ms");
        conf.setString("restart-strategy.type", restartStrategy);
        conf.setString("restart-strategy.fixed-delay.attempts", "1000");
        conf.setString("restart-strategy.fixed-delay.delay", "500 ms");
        TableEnvironment env = TableEnvironment.create(
                EnvironmentSettings.newInstance().inStreamingMode().withConfiguration(conf).build());
        env.executeSql("CREATE TABLE seq (n BIGINT) WITH ('connector' = 'datagen', 'fields.n.kind' = 'sequence',"
                + " 'fields.n.start' = '0', 'fields.n.end' = '2999', 'rows-per-second' = '300')");
        env.executeSql("CREATE TABLE out_t (n BIGINT) WITH (" + connection() + ", 'exchange' = '" + exchange + "',"
                + " 'routing-key' = 'k', 'format' = 'json', 'sink.max-in-flight' = '50')");
        return env.executeSql("INSERT INTO out_t SELECT n FROM seq");
    }

    @Test
    void aLostConnectionFailsTheWriterNamingTheBroker() throws Exception {
        TableResult job;
        try (Amqp amqp = new Amqp(broker)) {
            amqp.declare("cf-out", "cf", null);
            job = sequenceIntoQueue("none", "cf-out");
            org.awaitility.Awaitility.await("the sink publishing").atMost(StreamingQuery.DEADLINE)
                    .until(() -> amqp.messageCount("cf") > 0);
        }
        broker.restart(); // the broker closes every connection; the sink does not reconnect
        // the job cannot finish on its own: it needs 10 s of rows and lost its connection
        assertThatThrownBy(() -> job.await(StreamingQuery.DEADLINE.toSeconds(), TimeUnit.SECONDS))
                .satisfies(e -> assertThat(RabbitMqSourceITCase.rootMessages(e))
                        .contains("Lost the connection to RabbitMQ at amqp://guest:***@127.0.0.1:" + broker.amqpPort()
                                + "/%2F while publishing to exchange 'cf-out' (")
                        .contains("The sink does not reconnect"));
    }

    /**
     * The broker restarts while the sink publishes: the writer fails, Flink restarts the job from
     * its last checkpoint (the sequence source's position with it), and at-least-once means every
     * row of the sequence is in the queue afterwards (some possibly twice).
     */
    @Test
    void aRestartFromTheLastCheckpointAfterALostConnectionLosesNothing() throws Exception {
        TableResult job;
        try (Amqp amqp = new Amqp(broker)) {
            amqp.declare("cl-out", "cl", null);
            job = sequenceIntoQueue("fixed-delay", "cl-out");
            org.awaitility.Awaitility.await("the sink publishing").atMost(StreamingQuery.DEADLINE)
                    .until(() -> amqp.messageCount("cl") >= 300);
        }
        broker.restart(); // graceful: the durable queue keeps its persistent messages
        job.await(StreamingQuery.DEADLINE.toSeconds() * 2, TimeUnit.SECONDS);
        try (Amqp amqp = new Amqp(broker)) {
            List<Long> got = amqp.drain("cl").stream()
                    .map(g -> Long.parseLong(new String(g.getBody(), StandardCharsets.UTF_8).replaceAll("\\D", "")))
                    .toList();
            assertThat(new java.util.TreeSet<>(got)).as("every row of the sequence, after the restart too")
                    .isEqualTo(java.util.stream.LongStream.range(0, 3000).boxed()
                            .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)));
            assertThat(got.size()).isGreaterThanOrEqualTo(3000);
        }
    }

    /** Written by the sink, read back by the source: the formats see the same rows, non-ASCII and empty included. */
    @ParameterizedTest
    @ValueSource(strings = {"json", "csv"})
    void roundTripsRowsThroughTheBroker(String format) throws Exception {
        String q = "rt-" + format;
        try (Amqp amqp = new Amqp(broker)) {
            amqp.declare(q + "-x", q, null);
        }
        TableEnvironment env = RabbitMqSourceITCase.env(1, 0);
        String columns = "(name STRING, qty INT, price DECIMAL(10, 2), ok BOOLEAN)";
        // CSV writes NULL as an empty field, which it cannot read back as an INT: name a NULL literal
        String formatOptions = format.equals("csv") ? ", 'csv.null-literal' = 'NULL'" : "";
        env.executeSql("CREATE TABLE w " + columns + " WITH (" + connection() + ", 'exchange' = '" + q
                + "-x', 'routing-key' = 'r', 'format' = '" + format + "'" + formatOptions + ")");
        env.executeSql("CREATE TABLE r " + columns + " WITH (" + connection() + ", 'queue' = '" + q
                + "', 'format' = '" + format + "'" + formatOptions + ")");
        env.executeSql("INSERT INTO w VALUES ('plain', 1, 1.50, TRUE), ('Zürich ☕ 東京', -7, 0.01, FALSE),"
                + " ('', 0, 99999999.99, TRUE), ('comma, \"quote\"', 2147483647, -1.00, FALSE),"
                + " (CAST(NULL AS STRING), CAST(NULL AS INT), CAST(NULL AS DECIMAL(10, 2)), CAST(NULL AS BOOLEAN))").await();
        try (StreamingQuery rows = new StreamingQuery(env.executeSql("SELECT * FROM r"))) {
            List<Row> got = rows.awaitRows(5);
            // one message per row; the order of a multi-row VALUES is the planner's, not the broker's
            assertThat(got).extracting(Row::toString).containsExactlyInAnyOrder(
                    "+I[plain, 1, 1.50, true]",
                    "+I[Zürich ☕ 東京, -7, 0.01, false]",
                    "+I[, 0, 99999999.99, true]",
                    "+I[comma, \"quote\", 2147483647, -1.00, false]",
                    "+I[null, null, null, null]");
        }
    }

    @Test
    void roundTripsRawBytesAsOneStringColumn() throws Exception {
        try (Amqp amqp = new Amqp(broker)) {
            amqp.declare("rt-raw-x", "rt-raw", null);
        }
        TableEnvironment env = RabbitMqSourceITCase.env(1, 0);
        env.executeSql("CREATE TABLE w (line STRING) WITH (" + connection()
                + ", 'exchange' = 'rt-raw-x', 'routing-key' = 'r', 'format' = 'raw')");
        env.executeSql("CREATE TABLE r (line STRING, mid STRING METADATA FROM 'message-id' VIRTUAL) WITH ("
                + connection() + ", 'queue' = 'rt-raw', 'format' = 'raw')");
        env.executeSql("INSERT INTO w VALUES ('a line'), ('{\"not\": \"parsed\"}'), ('Ünïcödé ✓'), ('x')").await();
        try (StreamingQuery rows = new StreamingQuery(env.executeSql("SELECT line, mid FROM r"))) {
            assertThat(rows.awaitRows(4)).extracting(r -> r.getField(0))
                    .containsExactly("a line", "{\"not\": \"parsed\"}", "Ünïcödé ✓", "x");
        }
    }

    @Test
    void acceptsAValidSourceAndBuildsItFromItsOptions() throws Exception {
        try (Amqp amqp = new Amqp(broker)) {
            amqp.declare("ok-x", "ok", null);
        }
        Map<String, String> options = RabbitMqDynamicTableFactoryTest.with(RabbitMqDynamicTableFactoryTest.source(),
                "uri", broker.uri(), "queue", "ok", "prefetch-count", "10", "delivery.guarantee", "exactly-once");
        var source = (dev.sqlpack.connector.rabbitmq.source.RabbitMqTableSource)
                org.apache.flink.table.factories.utils.FactoryMocks.createTableSource(RabbitMqDynamicTableFactoryTest.SCHEMA, options);
        assertThat(source.settings()).isEqualTo(new dev.sqlpack.connector.rabbitmq.source.RabbitMqTableSource.Settings(
                dev.sqlpack.connector.rabbitmq.core.ConnectionSettings.ofUri(broker.uri(), java.time.Duration.ofSeconds(30),
                        java.time.Duration.ofMinutes(5), java.time.Duration.ofSeconds(10)),
                new dev.sqlpack.connector.rabbitmq.core.QueueSetup("ok", false, null, null, "topic", List.of()),
                RabbitMqOptions.DeliveryGuarantee.EXACTLY_ONCE, false, java.time.Duration.ofMinutes(10), 10,
                RabbitMqOptions.ParseErrorAction.FAIL, java.time.Duration.ofSeconds(30), null));
    }

    @Test
    void rejectsAnUnknownQueueWithoutDeclare() throws Exception {
        RabbitMqDynamicTableFactoryTest.assertSourceRejected(
                RabbitMqDynamicTableFactoryTest.with(RabbitMqDynamicTableFactoryTest.source(), "uri", broker.uri(),
                        "queue", "no-such-queue"),
                "Queue 'no-such-queue' does not exist at " + redactedUri() + " (NOT_FOUND - no queue 'no-such-queue' in"
                        + " vhost '/'). Create it, or set 'queue.declare' = 'true' to declare it.");
    }

    @Test
    void rejectsWrongCredentials() throws Exception {
        String uri = "amqp://guest:wrong@127.0.0.1:" + broker.amqpPort() + "/%2F";
        RabbitMqDynamicTableFactoryTest.assertSourceRejected(
                RabbitMqDynamicTableFactoryTest.with(RabbitMqDynamicTableFactoryTest.source(), "uri", uri),
                "RabbitMQ at amqp://guest:***@127.0.0.1:" + broker.amqpPort() + "/%2F refused the login of user 'guest'"
                        + " (ACCESS_REFUSED - Login was refused using authentication mechanism PLAIN. For details see the"
                        + " broker logfile.). Fix the user and password in 'uri'.");
    }

    @Test
    void rejectsWrongCredentialsGivenAsOptions() throws Exception {
        RabbitMqDynamicTableFactoryTest.assertSourceRejected(
                RabbitMqDynamicTableFactoryTest.with(RabbitMqDynamicTableFactoryTest.source(), "uri", null,
                        "host", "127.0.0.1", "port", Integer.toString(broker.amqpPort()), "username", "nobody"),
                "RabbitMQ at amqp://nobody@127.0.0.1:" + broker.amqpPort() + "/%2F refused the login of user 'nobody'"
                        + " (ACCESS_REFUSED - Login was refused using authentication mechanism PLAIN. For details see the"
                        + " broker logfile.). Fix 'username' and 'password'.");
    }

    @Test
    void rejectsAQueueWithoutTheGivenDeadLetterExchange() throws Exception {
        try (Amqp amqp = new Amqp(broker)) {
            amqp.declare("nodlx-x", "nodlx", null);
        }
        RabbitMqDynamicTableFactoryTest.assertSourceRejected(
                RabbitMqDynamicTableFactoryTest.with(RabbitMqDynamicTableFactoryTest.source(), "uri", broker.uri(),
                        "queue", "nodlx", "queue.dead-letter-exchange", "dlx"),
                "Queue 'nodlx' at " + redactedUri() + " does not have the dead-letter exchange 'dlx' given in"
                        + " 'queue.dead-letter-exchange' (PRECONDITION_FAILED - inequivalent arg 'x-dead-letter-exchange'"
                        + " for queue 'nodlx' in vhost '/': received the value 'dlx' of type 'longstr' but current is none)."
                        + " Declare the queue with the argument x-dead-letter-exchange = 'dlx', or remove the option.");
    }

    @Test
    void rejectsAnUnknownExchangeForASink() throws Exception {
        Map<String, String> sink = RabbitMqDynamicTableFactoryTest.with(RabbitMqDynamicTableFactoryTest.source(),
                "uri", broker.uri(), "queue", null, "exchange", "no-such-exchange", "routing-key", "k");
        assertThatThrownBy(() -> org.apache.flink.table.factories.utils.FactoryMocks.createTableSink(
                        RabbitMqDynamicTableFactoryTest.SCHEMA, sink))
                .satisfies(e -> assertThat(RabbitMqDynamicTableFactoryTest.messages(e)).contains("Exchange"
                        + " 'no-such-exchange' does not exist at " + redactedUri() + ". Create it, or set"
                        + " 'exchange.declare' = 'true'."));
    }

    @Test
    void rejectsAnUnreachableBrokerNamingItsUri() {
        int port = dev.sqlpack.stack.process.Ports.free();
        RabbitMqDynamicTableFactoryTest.assertSourceRejected(
                RabbitMqDynamicTableFactoryTest.with(RabbitMqDynamicTableFactoryTest.source(),
                        "uri", "amqp://guest:guest@127.0.0.1:" + port + "/%2F"),
                "Cannot connect to RabbitMQ at amqp://guest:***@127.0.0.1:" + port + "/%2F: ConnectException:"
                        + " Connection refused. Is the broker running? Check 'uri'.");
    }

    static String redactedUri() {
        return "amqp://guest:***@127.0.0.1:" + broker.amqpPort() + "/%2F";
    }
}
