package dev.sqlpack.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlpack.stack.cli.SqlPackCli;
import dev.sqlpack.stack.process.Ports;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The real stack on free loopback ports: Kafka, PostgreSQL, JobManager, TaskManager and SQL
 * gateway, driven the way a user's program would, over plain HTTP and JSON.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalStackITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private Path stateDir;
    private StackConfig config;
    private final List<Long> pids = new ArrayList<>();
    private final dev.sqlpack.stack.rabbitmq.RabbitMqServer.Ports3 rabbitPorts =
            dev.sqlpack.stack.rabbitmq.RabbitMqServer.Ports3.free();

    @BeforeAll
    void startStack() throws Exception {
        stateDir = Files.createTempDirectory("sqlpack-it-");
        config = StackConfig.freePorts(stateDir);
        assertThat(run(upWithRabbitMq(config)).code).isZero();
        for (LocalStack.ComponentStatus s : new LocalStack(SqlPackHome.locate(), config, m -> {}).status()) {
            assertThat(s.running()).as(s.component() + " running").isTrue();
            pids.add(s.pid());
        }
        // --with rabbitmq: the broker and its own epmd are processes of the stack too
        var rabbit = dev.sqlpack.stack.rabbitmq.RabbitMqStack.recorded(stateDir).orElseThrow();
        assertThat(rabbit.alive()).as("rabbitmq running").isTrue();
        pids.add(rabbit.serverPid());
        pids.add(rabbit.epmdPid());
    }

    @Test
    void tumbleWindowOverKafkaThroughTheGatewayRestApi() throws Exception {
        String topic = "clicks";
        dev.sqlpack.stack.kafka.KafkaClients.createTopics(config.kafkaBootstrap(), List.of(new NewTopic(topic, 1, (short) 1)));
        // Arrival order. Watermark = max(ts) - 5 s, emitted after every event.
        String[][] events = {
            {"a", "00:00:01"}, {"b", "00:00:04"}, {"a", "00:00:12"},
            {"c", "00:00:08"}, // out of order, but the watermark (7 s) has not passed 10 s: counted in [0, 10)
            {"b", "00:00:15"}, // watermark 10 s: window [0, 10) fires with a, b, c
            {"c", "00:00:09"}, // late: its window already fired, so it is dropped
            {"a", "00:00:21"}, {"b", "00:00:19"}, // 19 is out of order but [10, 20) is still open (watermark 16 s)
            {"c", "00:00:27"}, // watermark 22 s: [10, 20) fires with a, b, b
            {"a", "00:00:25"}, {"b", "00:00:33"}
            // end of the bounded read: the watermark jumps to the end and [20, 30), [30, 40) fire
        };
        try (KafkaProducer<String, String> p = dev.sqlpack.stack.kafka.KafkaClients.producer(config.kafkaBootstrap())) {
            for (String[] e : events) {
                p.send(new ProducerRecord<>(topic, e[0],
                        "{\"user_id\":\"" + e[0] + "\",\"ts\":\"2026-01-01 " + e[1] + ".000\"}")).get();
            }
        }

        String session = post("/v2/sessions", JSON.createObjectNode().put("sessionName", "it")).path("sessionHandle").asText();
        execute(session, "CREATE TABLE clicks (user_id STRING, ts TIMESTAMP(3),"
                + " WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH ("
                + " 'connector' = 'kafka', 'topic' = 'clicks',"
                + " 'properties.bootstrap.servers' = '" + config.kafkaBootstrap() + "',"
                + " 'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset',"
                + " 'scan.watermark.emit.strategy' = 'on-event', 'format' = 'json')");
        List<List<String>> rows = execute(session,
                "SELECT CAST(window_start AS STRING), CAST(window_end AS STRING), COUNT(*), COUNT(DISTINCT user_id)"
                        + " FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND))"
                        + " GROUP BY window_start, window_end");

        assertThat(rows).containsExactlyInAnyOrder(
                List.of("2026-01-01 00:00:00.000", "2026-01-01 00:00:10.000", "3", "3"),
                List.of("2026-01-01 00:00:10.000", "2026-01-01 00:00:20.000", "3", "2"),
                List.of("2026-01-01 00:00:20.000", "2026-01-01 00:00:30.000", "3", "2"),
                List.of("2026-01-01 00:00:30.000", "2026-01-01 00:00:40.000", "1", "1"));
    }

    @Test
    void upTwiceSaysTheStackIsAlreadyRunning() {
        Result r = run(StackTestKit.upArgs(config));
        assertThat(r.code).isZero();
        assertThat(r.out).contains("The stack is already running (state in " + stateDir.toAbsolutePath().normalize() + "); nothing to start.");
    }

    @Test
    void portAlreadyTakenNamesThePortAndTheFlagToChangeIt() throws Exception {
        Path other = Files.createTempDirectory("sqlpack-it-other-");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            StackConfig c = StackConfig.freePorts(other);
            String[] args = StackTestKit.upArgs(new StackConfig(c.stateDir(), c.kafkaPort(), c.kafkaControllerPort(), c.postgresPort(),
                    c.jobManagerPort(), c.jobManagerRpcPort(), taken.getLocalPort(), 2));
            Result r = run(args);
            assertThat(r.code).isEqualTo(1);
            assertThat(r.err).contains("sqlpack: Port " + taken.getLocalPort()
                    + " (Flink SQL gateway REST API) is already in use on 127.0.0.1. Stop whatever uses it, or choose another port: "
                    + "./sqlpack up --gateway-port <port> (or set SQLPACK_GATEWAY_PORT).");
            assertThat(new LocalStack(SqlPackHome.locate(), c, m -> {}).status())
                    .noneMatch(LocalStack.ComponentStatus::running);
        }
    }

    @Test
    void aComponentThatCannotStartIsReportedWithItsLogAndNothingIsLeftRunning() throws Exception {
        Path other = Files.createTempDirectory("sqlpack-it-broken-");
        // a data directory without its configuration files: the server refuses it and exits
        Files.createDirectories(other.resolve("postgres/data"));
        Files.writeString(other.resolve("postgres/data/PG_VERSION"), "14\n");
        StackConfig c = StackConfig.freePorts(other);
        Result r = run(StackTestKit.upArgs(c));
        assertThat(r.code).isEqualTo(1);
        assertThat(r.err).contains("sqlpack: Could not start postgres: PostgreSQL exited during start-up. Log "
                + other.resolve("logs/postgres.log"));
        assertThat(r.err).contains("could not access the server configuration file");
        assertThat(r.out).contains("Start-up failed; stopping what was started.").contains("Stopping kafka");
        assertThat(new LocalStack(SqlPackHome.locate(), c, m -> {}).status()).noneMatch(LocalStack.ComponentStatus::running);
    }

    @Test
    void submitPrintsResultsAndNamesTheFailingStatement() throws Exception {
        Path script = Files.createTempFile("sqlpack-it-", ".sql");
        Files.writeString(script, """
                -- a comment; with a semicolon
                CREATE TEMPORARY VIEW v AS SELECT * FROM (VALUES (1, 'a;b'), (2, 'c')) AS t(id, name);
                SELECT id, name FROM v WHERE id > 0;
                """);
        Result ok = run(new String[] {"submit", "--state-dir", stateDir.toString(), script.toString()});
        assertThat(ok.err).isEmpty();
        assertThat(ok.code).isZero();
        assertThat(ok.out).contains("| +I | 1 ").contains("| a;b ").contains("| +I | 2 ").contains("2 change(s) received.");

        Files.writeString(script, "SELECT 1;\nSELECT * FROM no_such_table;\nSELECT 2;\n");
        Result bad = run(new String[] {"submit", "--state-dir", stateDir.toString(), script.toString()});
        assertThat(bad.code).isEqualTo(1);
        assertThat(bad.err).contains("[ERROR] Statement 2 failed: SELECT * FROM no_such_table").contains("Object 'no_such_table' not found");
        assertThat(bad.err).contains("Nothing after it was run.");
    }

    @Test
    void everyListeningSocketOfTheStackIsBoundToLoopback() throws Exception {
        List<Long> family = new ArrayList<>(pids);
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(d -> family.add(d.pid())));
        }
        List<String> listeners = ListeningSockets.of(family);
        assertThat(listeners).as("listening sockets of the stack").isNotEmpty();
        assertThat(listeners).allSatisfy(address ->
                assertThat(address).as("bound address").matches("(127\\.0\\.0\\.1|::ffff:127\\.0\\.0\\.1|::1):\\d+"));
        for (StackConfig.PortUse use : config.ports().values()) {
            assertThat(listeners).as(use.what()).anyMatch(a -> a.endsWith(":" + use.port()));
        }
        // Erlang's listeners too: out of the box epmd and the distribution port take every interface
        for (int port : List.of(rabbitPorts.amqp(), rabbitPorts.dist(), rabbitPorts.epmd())) {
            assertThat(listeners).as("rabbitmq port " + port).anyMatch(a -> a.endsWith(":" + port));
        }
    }

    /**
     * Stopping is the class's teardown, checked: the tests above share the running stack in any
     * order, and this runs once after all of them (an assertion failing here fails the class).
     */
    @AfterAll
    void downStopsEverythingAndLeavesNoProcessBehind() {
        List<Long> family = new ArrayList<>(pids);
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(d -> family.add(d.pid())));
        }
        Result r = run(new String[] {"down", "--state-dir", stateDir.toString()});
        try {
            assertThat(r.code).isZero();
            assertThat(r.out).contains("Stopped 5 component(s).");
            for (long pid : family) {
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pid " + pid + " alive").isFalse();
            }
            for (StackConfig.PortUse use : config.ports().values()) {
                assertThat(Ports.isFree(use.port())).as(use.what() + " port released").isTrue();
            }
            assertThat(r.out).contains("Stopped rabbitmq.");
            for (int port : List.of(rabbitPorts.amqp(), rabbitPorts.dist(), rabbitPorts.epmd())) {
                assertThat(Ports.isFree(port)).as("rabbitmq port " + port + " released").isTrue();
            }
            Result again = run(new String[] {"down", "--state-dir", stateDir.toString()});
            assertThat(again.out).contains("Nothing to stop: no component of the stack is running");
        } finally {
            // in case the first down failed
            dev.sqlpack.stack.rabbitmq.RabbitMqStack.down(stateDir, m -> {});
            new LocalStack(SqlPackHome.locate(), config, m -> {}).down();
        }
    }

    /** The stack's up arguments plus RabbitMQ on this test's free ports. */
    private String[] upWithRabbitMq(StackConfig c) {
        List<String> args = new ArrayList<>(List.of(StackTestKit.upArgs(c)));
        args.addAll(List.of("--with", "rabbitmq", "--rabbitmq-port", "" + rabbitPorts.amqp(),
                "--rabbitmq-dist-port", "" + rabbitPorts.dist(), "--rabbitmq-epmd-port", "" + rabbitPorts.epmd()));
        return args.toArray(String[]::new);
    }

    /** Submits a statement and reads its result pages until end of stream; returns the rows as text. */
    private List<List<String>> execute(String session, String sql) throws Exception {
        String op = post("/v2/sessions/" + session + "/statements", JSON.createObjectNode().put("statement", sql))
                .path("operationHandle").asText();
        String next = "/v2/sessions/" + session + "/operations/" + op + "/result/0?rowFormat=JSON";
        List<List<String>> rows = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (next != null && System.nanoTime() < deadline) {
            JsonNode r = get(next);
            String type = r.path("resultType").asText();
            if ("NOT_READY".equals(type)) {
                TimeUnit.MILLISECONDS.sleep(200); // the gateway's documented polling protocol
                continue;
            }
            for (JsonNode d : r.path("results").path("data")) {
                assertThat(d.path("kind").asText()).isEqualTo("INSERT");
                List<String> row = new ArrayList<>();
                d.path("fields").forEach(f -> row.add(f.asText()));
                rows.add(row);
            }
            next = "EOS".equals(type) ? null : r.path("nextResultUri").asText(null);
        }
        assertThat(next).as("result complete within 3 minutes").isNull();
        return rows;
    }

    private JsonNode post(String path, ObjectNode body) throws Exception {
        return send(authorized(HttpRequest.newBuilder(URI.create(config.gatewayUrl() + path)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    private JsonNode get(String path) throws Exception {
        return send(authorized(HttpRequest.newBuilder(URI.create(config.gatewayUrl() + path))).GET().build());
    }

    /** The local admin token the gateway extension wants (./sqlpack up writes it). */
    private HttpRequest.Builder authorized(HttpRequest.Builder b) {
        GatewayExtension.token(config).ifPresent(t -> b.header("Authorization", "Bearer " + t));
        return b;
    }

    private JsonNode send(HttpRequest request) throws Exception {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static Result run(String[] args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SqlPackCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    private record Result(int code, String out, String err) {}
}
