package dev.sqlpack.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static dev.sqlpack.stack.StackTestKit.await;
import static dev.sqlpack.stack.StackTestKit.cli;
import static dev.sqlpack.stack.StackTestKit.rows;
import static dev.sqlpack.stack.StackTestKit.rowsWithin;

import dev.sqlpack.stack.StackTestKit.Result;
import dev.sqlpack.stack.gateway.GatewayClient;
import dev.sqlpack.stack.gateway.GatewayException;
import dev.sqlpack.stack.gateway.SqlScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Failures on the real stack: bad statements, a killed TaskManager, savepoints, a stack restart. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReliabilityITCase {
    private LocalStack stack;
    private StackConfig config;
    private StackTestKit kit;

    @BeforeAll
    void startStack() throws Exception {
        StackConfig free = StackConfig.freePorts(Files.createTempDirectory("sqlpack-reliability-"));
        // four slots: two streaming jobs run while a batch query checks Iceberg
        config = new StackConfig(free.stateDir(), free.kafkaPort(), free.kafkaControllerPort(), free.postgresPort(),
                free.jobManagerPort(), free.jobManagerRpcPort(), free.gatewayPort(), 4);
        kit = new StackTestKit(config);
        stack = new LocalStack(SqlPackHome.locate(), config, System.out::println);
        stack.up();
    }

    @BeforeEach
    void noJobLeftFromAnEarlierTest() {
        kit.cancelAllJobs();
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.down();
        }
    }

    @Test
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
    void killedTaskManagerRecoversWithExactlyOnceKafkaAndIcebergOutput() throws Exception {
        int events = 12_000; // 30 windows of 400
        kit.createTopic("crash-in", 1);
        AtomicBoolean producing = new AtomicBoolean(true);
        Thread producer = new Thread(() -> kit.produce("crash-in", 0, events, 400, producing), "crash-producer");

        GatewayClient.Session session = GatewayClient.forStack(config).openSession("crash", Map.of());
        for (String s : SqlScript.split(Files.readString(stack.initSql())) ) {
            session.executeAndFetchAll(s);
        }
        for (String s : SqlScript.split(kit.pipelineSql("crash-in", "crash-out", "crash_db"))) {
            session.executeAndFetchAll(s);
        }
        producer.start();

        for (int kill = 1; kill <= 3; kill++) {
            long before = kit.completedCheckpoints();
            await("a checkpoint before kill " + kill, Duration.ofSeconds(90), () -> kit.completedCheckpoints() > before);
            long pid = stack.taskManagerPid().orElseThrow();
            ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // SIGKILL
            System.out.println("killed TaskManager pid " + pid + " (kill " + kill + ")");
            await("the supervisor restarts the TaskManager", Duration.ofSeconds(60),
                    () -> stack.taskManagerPid().filter(p -> p != pid).isPresent());
            await("both jobs running again", Duration.ofSeconds(120), () -> kit.runningJobs() == 2);
        }
        producer.join();
        kit.produceMarker("crash-in");

        List<String> windows = kit.awaitCommittedWindows("crash-out", 30, Duration.ofMinutes(3));
        kit.assertWindowsExact(windows, 0, 30);
        assertIcebergRows(session, "crash_db", events + 1);
        session.executeAndFetchAll("SELECT 1"); // session still fine
        kit.cancelAllJobs();
        session.close();
    }

    @Test
    void stopWithSavepointThenResumeEqualsAnUninterruptedRun() throws Exception {
        int events = 8_000; // 20 windows of 400
        kit.createTopic("sp-in", 1);
        Path script = Files.createTempFile("sqlpack-savepoint-", ".sql");
        Files.writeString(script, kit.pipelineSql("sp-in", "sp-out", null));

        AtomicBoolean producing = new AtomicBoolean(true);
        kit.produce("sp-in", 0, events / 2, 2000, producing);
        Result first = cli("submit", "--state-dir", config.stateDir().toString(), "--changelog", script.toString());
        assertThat(first.code()).as(first.err()).isZero();
        await("the job running", Duration.ofSeconds(90), () -> kit.runningJobs() == 1);
        String job = kit.jobId("default_database.sink");
        long before = kit.completedCheckpoints();
        await("a checkpoint", Duration.ofSeconds(60), () -> kit.completedCheckpoints() > before);

        Result stop = cli("stop", "--state-dir", config.stateDir().toString(), "--savepoint", job);
        assertThat(stop.code()).as(stop.err()).isZero();
        String savepoint = line(stop.out(), "Savepoint: ");
        assertThat(savepoint).startsWith("file:").contains(config.stateDir().resolve("savepoints").toString());
        await("the stopped job finished", Duration.ofSeconds(30), () -> "FINISHED".equals(kit.jobState(job)));

        kit.produce("sp-in", events / 2, events, 2000, producing); // arrives while the job is stopped
        Result resumed = cli("resume", "--state-dir", config.stateDir().toString(), savepoint, script.toString());
        assertThat(resumed.code()).as(resumed.err()).isZero();
        kit.produceMarker("sp-in");
        kit.assertWindowsExact(kit.awaitCommittedWindows("sp-out", 20, Duration.ofMinutes(3)), 0, 20);
        kit.cancelAllJobs();
    }

    /** Makes everything it checks itself: it depends neither on the other tests nor on their order. */
    @Test
    void downThenUpKeepsTopicsPostgresTablesIcebergTablesAndCheckpoints() throws Exception {
        kit.createTopic("restart-in", 1);
        kit.produce("restart-in", 0, 1000, 100_000, new AtomicBoolean(true));
        try (Connection c = DriverManager.getConnection(config.postgresJdbcUrl()); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept (id INT PRIMARY KEY)");
            s.execute("INSERT INTO kept VALUES (1), (2), (3)");
        }
        try (GatewayClient.Session session = GatewayClient.forStack(config).openSession("before-restart", Map.of())) {
            for (String s : SqlScript.split(Files.readString(stack.initSql()))) {
                session.executeAndFetchAll(s);
            }
            session.executeAndFetchAll("SET 'execution.runtime-mode' = 'batch'");
            session.executeAndFetchAll("SET 'table.dml-sync' = 'true'");
            session.executeAndFetchAll("CREATE DATABASE IF NOT EXISTS lake.restart_db");
            session.executeAndFetchAll("CREATE TABLE lake.restart_db.events (id BIGINT, ts TIMESTAMP(3))");
            session.executeAndFetchAll("INSERT INTO lake.restart_db.events VALUES (1, TIMESTAMP '2026-03-01 00:00:01'),"
                    + " (2, TIMESTAMP '2026-03-01 00:00:02'), (3, TIMESTAMP '2026-03-01 00:00:03')");
            assertIcebergRows(session, "restart_db", 3);
            session.executeAndFetchAll("SET 'execution.runtime-mode' = 'streaming'");
            // a checkpoint of a running job, retained when the job is cancelled (RETAIN_ON_CANCELLATION)
            for (String s : SqlScript.split(kit.pipelineSql("restart-in", "restart-out", null))) {
                session.executeAndFetchAll(s);
            }
            await("a completed checkpoint", Duration.ofSeconds(90), () -> kit.completedCheckpoints() > 0);
            kit.cancelAllJobs();
        }

        stack.down();
        assertThat(stack.status()).noneMatch(LocalStack.ComponentStatus::running);
        long checkpointFiles; // counted while nothing runs, so nothing can add or discard one meanwhile
        try (var files = Files.walk(config.stateDir().resolve("checkpoints"))) {
            checkpointFiles = files.filter(Files::isRegularFile).count();
        }
        assertThat(checkpointFiles).as("retained checkpoint files").isPositive();
        stack = new LocalStack(SqlPackHome.locate(), config, System.out::println);
        assertThat(stack.up()).isTrue();

        try (Admin admin = dev.sqlpack.stack.kafka.KafkaClients.admin(config.kafkaBootstrap())) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("restart-in");
        }
        assertThat(kit.countRecords("restart-in")).isEqualTo(1000);
        try (Connection c = DriverManager.getConnection(config.postgresJdbcUrl()); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM kept")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(3);
        }
        try (GatewayClient.Session session = GatewayClient.forStack(config).openSession("after-restart", Map.of())) {
            for (String s : SqlScript.split(Files.readString(stack.initSql()))) {
                session.executeAndFetchAll(s);
            }
            assertIcebergRows(session, "restart_db", 3);
        }
        try (var files = Files.walk(config.stateDir().resolve("checkpoints"))) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(checkpointFiles);
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

    private static String line(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).trim())
                .findFirst().orElseThrow(() -> new AssertionError("no line '" + prefix + "' in:\n" + text));
    }
}
