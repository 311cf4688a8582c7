package dev.sqlpack.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sqlpack.stack.cli.SqlPackCli;
import dev.sqlpack.stack.gateway.GatewayClient;
import dev.sqlpack.stack.gateway.GatewayException;
import dev.sqlpack.stack.gateway.SqlScript;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/** Failures on the real stack: bad statements, a killed TaskManager, savepoints, a stack restart. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReliabilityITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Event time of id n: this base plus n * 25 ms, so a 10 s window holds 400 consecutive ids. */
    private static final String BASE = "2026-03-01 00:00:00";
    private static final long BASE_MILLIS = 1772323200000L;
    private final HttpClient http = HttpClient.newHttpClient();
    private LocalStack stack;
    private StackConfig config;

    @BeforeAll
    void startStack() throws Exception {
        StackConfig free = StackConfig.freePorts(Files.createTempDirectory("sqlpack-reliability-"));
        // four slots: two streaming jobs run while a batch query checks Iceberg
        config = new StackConfig(free.stateDir(), free.kafkaPort(), free.kafkaControllerPort(), free.postgresPort(),
                free.jobManagerPort(), free.jobManagerRpcPort(), free.gatewayPort(), 4);
        stack = new LocalStack(SqlPackHome.locate(), config, System.out::println);
        stack.up();
    }

    @BeforeEach
    void noJobLeftFromAnEarlierTest() {
        cancelAllJobs();
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.down();
        }
    }

    @Test
    @Order(1)
    void badStatementsGetClearErrorsWhileOtherSessionsKeepWorking() throws Exception {
        GatewayClient client = GatewayClient.forStack(config);
        try (GatewayClient.Session busy = client.openSession("busy", Map.of());
                GatewayClient.Session user = client.openSession("user", Map.of())) {
            busy.executeAndFetchAll("CREATE TABLE ticks (n BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '20',"
                    + " 'fields.n.min' = '1', 'fields.n.max' = '1000')");
            GatewayClient.Operation stream = busy.execute("SELECT n FROM ticks");
            long seen = rowsWithin(stream, Duration.ofSeconds(60), 5);
            assertThat(seen).isGreaterThanOrEqualTo(5);

            Map<String, String> expectations = new HashMap<>();
            expectations.put("SELEC 1", "SQL parse failed.");
            expectations.put("SELECT * FROM no_such_table", "Object 'no_such_table' not found");
            expectations.put("ADD JAR '/no/such/udfs.jar'", "jar resource [/no/such/udfs.jar] not found");
            expectations.put("CREATE TEMPORARY FUNCTION f AS 'dev.sqlpack.udf.Nope' USING JAR '/no/such/udfs.jar'",
                    "/no/such/udfs.jar");
            user.executeAndFetchAll("CREATE TABLE bad_option (a STRING) WITH ('connector' = 'kafka', 'topic' = 't',"
                    + " 'properties.bootstrap.servers' = '" + config.kafkaBootstrap() + "', 'format' = 'json',"
                    + " 'scan.startup.mode' = 'sometimes')");
            expectations.put("SELECT * FROM bad_option", "Could not parse value 'sometimes' for key 'scan.startup.mode'");
            user.executeAndFetchAll("CREATE TABLE bad_connector (a STRING) WITH ('connector' = 'kafak')");
            expectations.put("SELECT * FROM bad_connector", "Could not find any factory for identifier 'kafak'");

            for (Map.Entry<String, String> e : expectations.entrySet()) {
                assertThatThrownBy(() -> user.executeAndFetchAll(e.getKey()))
                        .as(e.getKey()).isInstanceOf(GatewayException.class).hasMessageContaining(e.getValue());
                // the failing session, the other session and the gateway all keep working
                assertThat(rows(user, "SELECT 41 + 1")).containsExactly(List.of("42"));
                assertThat(rowsWithin(stream, Duration.ofSeconds(30), 1)).as("busy session after " + e.getKey()).isPositive();
            }
            assertThat(client.info().path("version").asText()).isEqualTo("2.0.0");
            stream.cancel();
        }
    }

    @Test
    @Order(2)
    void killedTaskManagerRecoversWithExactlyOnceKafkaAndIcebergOutput() throws Exception {
        int events = 12_000; // 30 windows of 400
        createTopic("crash-in", 1);
        AtomicBoolean producing = new AtomicBoolean(true);
        Thread producer = new Thread(() -> produce("crash-in", 0, events, 400, producing), "crash-producer");

        GatewayClient.Session session = GatewayClient.forStack(config).openSession("crash", Map.of());
        for (String s : SqlScript.split(Files.readString(stack.initSql())) ) {
            session.executeAndFetchAll(s);
        }
        for (String s : SqlScript.split(pipelineSql("crash-in", "crash-out", "crash_db"))) {
            session.executeAndFetchAll(s);
        }
        producer.start();

        for (int kill = 1; kill <= 3; kill++) {
            long before = completedCheckpoints();
            await("a checkpoint before kill " + kill, Duration.ofSeconds(90), () -> completedCheckpoints() > before);
            long pid = stack.taskManagerPid().orElseThrow();
            ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // SIGKILL
            System.out.println("killed TaskManager pid " + pid + " (kill " + kill + ")");
            await("the supervisor restarts the TaskManager", Duration.ofSeconds(60),
                    () -> stack.taskManagerPid().filter(p -> p != pid).isPresent());
            await("both jobs running again", Duration.ofSeconds(120), () -> runningJobs() == 2);
        }
        producer.join();
        produceMarker("crash-in");

        List<String> windows = awaitCommittedWindows("crash-out", 30, Duration.ofMinutes(3));
        assertWindowsExact(windows, 0, 30);
        assertIcebergRows(session, "crash_db", events + 1);
        session.executeAndFetchAll("SELECT 1"); // session still fine
        cancelAllJobs();
        session.close();
    }

    @Test
    @Order(3)
    void stopWithSavepointThenResumeEqualsAnUninterruptedRun() throws Exception {
        int events = 8_000; // 20 windows of 400
        createTopic("sp-in", 1);
        Path script = Files.createTempFile("sqlpack-savepoint-", ".sql");
        Files.writeString(script, pipelineSql("sp-in", "sp-out", null));

        AtomicBoolean producing = new AtomicBoolean(true);
        produce("sp-in", 0, events / 2, 2000, producing);
        Result first = cli("submit", "--state-dir", config.stateDir().toString(), "--changelog", script.toString());
        assertThat(first.code).as(first.err).isZero();
        await("the job running", Duration.ofSeconds(90), () -> runningJobs() == 1);
        String job = jobId("default_database.sink");
        long before = completedCheckpoints();
        await("a checkpoint", Duration.ofSeconds(60), () -> completedCheckpoints() > before);

        Result stop = cli("stop", "--state-dir", config.stateDir().toString(), "--savepoint", job);
        assertThat(stop.code).as(stop.err).isZero();
        String savepoint = line(stop.out, "Savepoint: ");
        assertThat(savepoint).startsWith("file:").contains(config.stateDir().resolve("savepoints").toString());
        await("the stopped job finished", Duration.ofSeconds(30), () -> "FINISHED".equals(jobState(job)));

        produce("sp-in", events / 2, events, 2000, producing); // arrives while the job is stopped
        Result resumed = cli("resume", "--state-dir", config.stateDir().toString(), savepoint, script.toString());
        assertThat(resumed.code).as(resumed.err).isZero();
        produceMarker("sp-in");
        assertWindowsExact(awaitCommittedWindows("sp-out", 20, Duration.ofMinutes(3)), 0, 20);
        cancelAllJobs();
    }

    @Test
    @Order(4)
    void downThenUpKeepsTopicsPostgresTablesIcebergTablesAndCheckpoints() throws Exception {
        try (Connection c = DriverManager.getConnection(config.postgresJdbcUrl()); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept (id INT PRIMARY KEY)");
            s.execute("INSERT INTO kept VALUES (1), (2), (3)");
        }
        long checkpointFiles;
        try (var files = Files.walk(config.stateDir().resolve("checkpoints"))) {
            checkpointFiles = files.filter(Files::isRegularFile).count();
        }
        assertThat(checkpointFiles).as("retained checkpoints of the earlier tests").isPositive();

        stack.down();
        assertThat(stack.status()).noneMatch(LocalStack.ComponentStatus::running);
        stack = new LocalStack(SqlPackHome.locate(), config, System.out::println);
        assertThat(stack.up()).isTrue();

        try (Admin admin = Admin.create(kafkaProps())) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("crash-in", "crash-out", "sp-in");
        }
        assertThat(countRecords("crash-in")).isEqualTo(12_001);
        try (Connection c = DriverManager.getConnection(config.postgresJdbcUrl()); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM kept")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(3);
        }
        try (GatewayClient.Session session = GatewayClient.forStack(config).openSession("after-restart", Map.of())) {
            for (String s : SqlScript.split(Files.readString(stack.initSql()))) {
                session.executeAndFetchAll(s);
            }
            assertIcebergRows(session, "crash_db", 12_001);
        }
        try (var files = Files.walk(config.stateDir().resolve("checkpoints"))) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(checkpointFiles);
        }
    }

    /** Kafka in -> 10 s TUMBLE -> Kafka (exactly once), and with {@code db} also Kafka in -> Iceberg. */
    private String pipelineSql(String in, String out, String db) {
        String kafka = config.kafkaBootstrap();
        String kafkaJob = String.join("\n",
                "SET 'execution.checkpointing.interval' = '2 s';",
                "SET 'table.dml-sync' = 'false';",
                "CREATE TABLE src (id BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH (",
                "  'connector' = 'kafka', 'topic' = '" + in + "', 'properties.bootstrap.servers' = '" + kafka + "',",
                "  'properties.group.id' = '" + in + "-reader', 'scan.startup.mode' = 'earliest-offset', 'format' = 'json');",
                "CREATE TABLE sink (window_start TIMESTAMP(3), n BIGINT, sum_id BIGINT, min_id BIGINT, max_id BIGINT) WITH (",
                "  'connector' = 'kafka', 'topic' = '" + out + "', 'properties.bootstrap.servers' = '" + kafka + "',",
                "  'format' = 'json', 'sink.delivery-guarantee' = 'exactly-once',",
                "  'sink.transactional-id-prefix' = '" + out + "', 'properties.transaction.timeout.ms' = '600000');",
                "INSERT INTO sink SELECT window_start, COUNT(*), SUM(id), MIN(id), MAX(id)",
                "  FROM TABLE(TUMBLE(TABLE src, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end;");
        if (db == null) {
            return kafkaJob;
        }
        return kafkaJob + "\n" + String.join("\n",
                "CREATE DATABASE IF NOT EXISTS lake." + db + ";",
                "DROP TABLE IF EXISTS lake." + db + ".events;",
                "CREATE TABLE IF NOT EXISTS lake." + db + ".events (id BIGINT, ts TIMESTAMP(3));",
                "INSERT INTO lake." + db + ".events SELECT id, ts FROM src;");
    }

    private void assertWindowsExact(List<String> records, int firstWindow, int windows) throws Exception {
        Map<Long, JsonNode> byStart = new HashMap<>();
        for (String r : records) {
            JsonNode n = JSON.readTree(r);
            long start = java.time.LocalDateTime.parse(n.path("window_start").asText().replace(' ', 'T'))
                    .toInstant(java.time.ZoneOffset.UTC).toEpochMilli();
            if (start - BASE_MILLIS >= 86_400_000L) {
                continue; // the marker's own window
            }
            assertThat(byStart.put(start, n)).as("window " + n + " committed twice").isNull();
        }
        assertThat(byStart).hasSize(windows);
        for (int k = firstWindow; k < firstWindow + windows; k++) {
            JsonNode w = byStart.get(BASE_MILLIS + k * 10_000L);
            assertThat(w).as("window " + k).isNotNull();
            long first = 400L * k;
            assertThat(w.path("n").asLong()).as("events in window " + k).isEqualTo(400);
            assertThat(w.path("min_id").asLong()).isEqualTo(first);
            assertThat(w.path("max_id").asLong()).isEqualTo(first + 399);
            assertThat(w.path("sum_id").asLong()).isEqualTo(400 * first + 399 * 400 / 2);
        }
    }

    private void assertIcebergRows(GatewayClient.Session session, String db, long expected) {
        session.executeAndFetchAll("SET 'execution.runtime-mode' = 'batch'");
        try {
            await("Iceberg has all " + expected + " rows", Duration.ofMinutes(2), () -> {
                List<List<String>> rows = rows(session, "SELECT COUNT(*), COUNT(DISTINCT id) FROM lake." + db + ".events");
                return rows.equals(List.of(List.of(Long.toString(expected), Long.toString(expected))));
            });
        } finally {
            session.executeAndFetchAll("SET 'execution.runtime-mode' = 'streaming'");
        }
    }

    /** Reads the topic with read_committed until {@code windows} regular windows have arrived. */
    private List<String> awaitCommittedWindows(String topic, int windows, Duration timeout) {
        Properties p = kafkaProps();
        p.put("group.id", "check-" + topic + "-" + System.nanoTime());
        p.put("auto.offset.reset", "earliest");
        p.put("isolation.level", "read_committed");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            c.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && values.size() < windows) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    values.add(r.value());
                }
            }
            // anything committed a little later (a duplicate would show here)
            for (int i = 0; i < 6; i++) {
                c.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
            }
        }
        return values;
    }

    private long countRecords(String topic) {
        Properties p = kafkaProps();
        p.put("group.id", "count-" + System.nanoTime());
        p.put("auto.offset.reset", "earliest");
        long n = 0;
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            c.subscribe(List.of(topic));
            int empty = 0;
            while (empty < 6) {
                int got = c.poll(Duration.ofMillis(500)).count();
                n += got;
                empty = got == 0 ? empty + 1 : 0;
            }
        }
        return n;
    }

    private void produce(String topic, int from, int to, int perSecond, AtomicBoolean producing) {
        try (KafkaProducer<String, String> p = new KafkaProducer<>(kafkaProps(), new StringSerializer(), new StringSerializer())) {
            long start = System.nanoTime();
            for (int id = from; id < to && producing.get(); id++) {
                p.send(new ProducerRecord<>(topic, event(id, BASE_MILLIS + id * 25L)));
                long due = start + (long) ((id - from) * (1e9 / perSecond));
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait); // pacing the producer, not waiting for a result
                }
            }
            p.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One event a day later: moves the watermark past every window of the test data. */
    private void produceMarker(String topic) {
        try (KafkaProducer<String, String> p = new KafkaProducer<>(kafkaProps(), new StringSerializer(), new StringSerializer())) {
            p.send(new ProducerRecord<>(topic, event(-1, BASE_MILLIS + 86_400_000L)));
            p.flush();
        }
    }

    private static String event(long id, long millis) {
        String ts = java.time.Instant.ofEpochMilli(millis).toString().replace('T', ' ').replace("Z", "");
        return "{\"id\":" + id + ",\"ts\":\"" + ts + "\"}";
    }

    private void createTopic(String name, int partitions) throws Exception {
        try (Admin admin = Admin.create(kafkaProps())) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private Properties kafkaProps() {
        Properties p = new Properties();
        p.put("bootstrap.servers", config.kafkaBootstrap());
        return p;
    }

    private JsonNode rest(String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(config.webUiUrl() + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(r.body());
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }

    private long runningJobs() {
        long n = 0;
        for (JsonNode j : rest("/jobs/overview").path("jobs")) {
            if ("RUNNING".equals(j.path("state").asText()) && j.path("tasks").path("running").asInt() == j.path("tasks").path("total").asInt()) {
                n++;
            }
        }
        return n;
    }

    private long completedCheckpoints() {
        long n = 0;
        for (JsonNode j : rest("/jobs/overview").path("jobs")) {
            if ("RUNNING".equals(j.path("state").asText())) {
                n += rest("/jobs/" + j.path("jid").asText() + "/checkpoints").path("counts").path("completed").asLong();
            }
        }
        return n;
    }

    private String jobId(String nameFragment) {
        for (JsonNode j : rest("/jobs/overview").path("jobs")) {
            if ("RUNNING".equals(j.path("state").asText()) && j.path("name").asText().contains(nameFragment)) {
                return j.path("jid").asText();
            }
        }
        throw new AssertionError("no running job named like " + nameFragment + ": " + rest("/jobs/overview"));
    }

    private static final java.util.Set<String> TERMINAL = java.util.Set.of("FINISHED", "CANCELED", "FAILED");

    /** Cancels every job that is not finished (running, restarting, created...) and waits until none is left. */
    private void cancelAllJobs() {
        await("no job left", Duration.ofSeconds(90), () -> {
            boolean allDone = true;
            for (JsonNode j : rest("/jobs/overview").path("jobs")) {
                String state = j.path("state").asText();
                if (!TERMINAL.contains(state)) {
                    allDone = false;
                    if (!"CANCELLING".equals(state)) {
                        try {
                            http.send(HttpRequest.newBuilder(URI.create(config.webUiUrl() + "/jobs/" + j.path("jid").asText() + "?mode=cancel"))
                                    .method("PATCH", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
                        } catch (Exception e) {
                            throw new AssertionError(e);
                        }
                    }
                }
            }
            return allDone;
        });
    }

    private String jobState(String jobId) {
        return rest("/jobs/" + jobId).path("state").asText();
    }

    private static List<List<String>> rows(GatewayClient.Session session, String sql) {
        List<List<String>> rows = new ArrayList<>();
        for (GatewayClient.Batch b : session.executeAndFetchAll(sql)) {
            b.rows().forEach(r -> rows.add(r.texts()));
        }
        return rows;
    }

    private static long rowsWithin(GatewayClient.Operation op, Duration timeout, int wanted) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long rows = 0;
        while (rows < wanted && System.nanoTime() < deadline) {
            GatewayClient.Batch b = op.next(Duration.ofSeconds(1));
            if (b == null) {
                break;
            }
            rows += b.rows().size();
        }
        return rows;
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(250); // polling with a deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for: " + what);
    }

    private static String line(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).trim())
                .findFirst().orElseThrow(() -> new AssertionError("no line '" + prefix + "' in:\n" + text));
    }

    private static Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SqlPackCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    private record Result(int code, String out, String err) {}
}
