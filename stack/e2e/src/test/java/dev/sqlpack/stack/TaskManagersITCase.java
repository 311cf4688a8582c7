package dev.sqlpack.stack;

import static dev.sqlpack.stack.StackTestKit.await;
import static dev.sqlpack.stack.StackTestKit.rows;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlpack.stack.gateway.GatewayClient;
import dev.sqlpack.stack.gateway.SqlScript;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A stack with three TaskManager processes ({@code ./sqlpack up --taskmanagers 3}, two slots
 * each): jobs shuffle between JVMs. The stack is shared to save start-up time; each test uses its
 * own topics and tables and starts from no running job and three registered TaskManagers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaskManagersITCase {
    private static final int TASKMANAGERS = 3;
    private static final int SLOTS = 2;
    private static final Duration DEADLINE = Duration.ofMinutes(3);
    private StackConfig config;
    private LocalStack stack;
    private StackTestKit kit;

    @BeforeAll
    void startStack() throws Exception {
        config = StackConfig.freePorts(Files.createTempDirectory("sqlpack-taskmanagers-"));
        StackTestKit.Result up = StackTestKit.cli(StackTestKit.upArgs(config, "--taskmanagers", "" + TASKMANAGERS));
        assertThat(up.code()).as(up.err()).isZero();
        config = config.withTaskManagers(TASKMANAGERS);
        stack = new LocalStack(SqlPackHome.locate(), config, System.out::println);
        kit = new StackTestKit(config);
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.down();
        }
    }

    @BeforeEach
    void everyTaskManagerRegisteredAndNoJobRunning() {
        kit.cancelAllJobs();
        await("three TaskManagers with every slot free", DEADLINE, () -> {
            JsonNode o = kit.rest("/overview");
            return o.path("taskmanagers").asInt() == TASKMANAGERS && o.path("slots-available").asInt() == TASKMANAGERS * SLOTS;
        });
    }

    @Test
    void upStartsDistinctTaskManagersEachWithItsOwnLogAndStatusLine() throws Exception {
        // sqlpack-taskmanager-<i>, or -<i>-restart-<k> once its supervisor restarted it (another test kills one)
        Set<String> current = new HashSet<>();
        for (int i = 1; i <= TASKMANAGERS; i++) {
            String id = stack.currentTaskManagerId(Server.taskManager(i)).orElseThrow();
            assertThat(id).startsWith(LocalStack.taskManagerResourceId(i));
            current.add(id);
        }
        assertThat(stack.registeredTaskManagers()).containsExactlyInAnyOrderElementsOf(current);
        StackTestKit.Result status = StackTestKit.cli("status", "--state-dir", config.stateDir().toString());
        assertThat(status.code()).isZero();
        for (int i = 1; i <= TASKMANAGERS; i++) {
            assertThat(status.out()).containsPattern("(?m)^taskmanager-" + i + " +up ");
            assertThat(Files.readString(config.logDir().resolve("taskmanager-" + i + ".log")))
                    .contains("sqlpack-taskmanager-" + i);
        }
        Set<Long> pids = new HashSet<>();
        for (int i = 1; i <= TASKMANAGERS; i++) {
            pids.add(stack.serverPid(Server.taskManager(i)).orElseThrow());
        }
        assertThat(pids).as("one JVM per TaskManager").hasSize(TASKMANAGERS);
    }

    @Test
    void aWindowedKafkaJobGivesTheSameResultAtParallelismThreeAsAtOne() throws Exception {
        // 3,000 events, one producer (written in this order), over three partitions by user:
        // id i is user u(i % 7) at BASE + i * 100 ms, so 10 s window k holds ids 100k .. 100k + 99
        int events = 3000;
        kit.createTopic("tm-windows", 3);
        try (KafkaProducer<String, String> p = dev.sqlpack.stack.kafka.KafkaClients.producer(config.kafkaBootstrap())) {
            for (int i = 0; i < events; i++) {
                String user = "u" + (i % 7);
                String ts = java.time.Instant.ofEpochMilli(StackTestKit.BASE_MILLIS + i * 100L).toString().replace('T', ' ').replace("Z", "");
                p.send(new ProducerRecord<>("tm-windows", user, "{\"user_id\":\"" + user + "\",\"id\":" + i + ",\"ts\":\"" + ts + "\"}"));
            }
            p.flush();
        }
        Set<List<String>> expected = new HashSet<>();
        for (int k = 0; k < events / 100; k++) {
            for (int u = 0; u < 7; u++) {
                long n = 0;
                long sum = 0;
                for (int i = 100 * k; i < 100 * k + 100; i++) {
                    if (i % 7 == u) {
                        n++;
                        sum += i;
                    }
                }
                String start = java.time.Instant.ofEpochMilli(StackTestKit.BASE_MILLIS + k * 10_000L).toString()
                        .replace('T', ' ').replace("Z", "");
                expected.add(List.of(start.length() == 19 ? start + ".000" : start, "u" + u, Long.toString(n), Long.toString(sum)));
            }
        }

        Set<List<String>> atOne = windows(1);
        Set<List<String>> atThree = windows(3);
        assertThat(atOne).hasSize(30 * 7).isEqualTo(expected);
        assertThat(atThree).isEqualTo(atOne);
        assertThat(taskManagersOf(lastFinishedJob(), 3)).as("TaskManagers running the window operator at parallelism 3")
                .hasSize(TASKMANAGERS);
    }

    /** The windows of topic tm-windows, read to its end, at {@code parallelism}. */
    private Set<List<String>> windows(int parallelism) {
        try (GatewayClient.Session s = GatewayClient.forStack(config).openSession("windows-" + parallelism, Map.of())) {
            s.executeAndFetchAll("SET 'parallelism.default' = '" + parallelism + "'");
            // No idleness: with the stack's 5 s idle timeout, a source subtask slow to start on a busy
            // machine is ignored, one that finished advances the watermark to the end, and the slow
            // one's events all arrive late and are dropped. Without it the watermark waits for all.
            s.executeAndFetchAll("SET 'table.exec.source.idle-timeout' = '0'");
            // the bound is longer than the data: no event is ever late, whatever the arrival order
            s.executeAndFetchAll("CREATE TABLE w (user_id STRING, id BIGINT, ts TIMESTAMP(3),"
                    + " WATERMARK FOR ts AS ts - INTERVAL '1' HOUR) WITH ('connector' = 'kafka', 'topic' = 'tm-windows',"
                    + " 'properties.bootstrap.servers' = '" + config.kafkaBootstrap() + "',"
                    + " 'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset', 'format' = 'json')");
            return new HashSet<>(rows(s, "SELECT CAST(window_start AS STRING), user_id, COUNT(*), SUM(id)"
                    + " FROM TABLE(TUMBLE(TABLE w, DESCRIPTOR(ts), INTERVAL '10' SECOND))"
                    + " GROUP BY window_start, window_end, user_id"));
        }
    }

    @Test
    void theSideInputConnectorLoadsItsTableOncePerTaskManagerNotPerSubtask() throws Exception {
        // every read of the table draws from a sequence: the database counts the loads itself
        try (Connection c = DriverManager.getConnection(config.postgresJdbcUrl()); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE tm_tiers (id BIGINT PRIMARY KEY, tier TEXT NOT NULL)");
            st.execute("INSERT INTO tm_tiers SELECT i, CASE WHEN i % 2 = 0 THEN 'gold' ELSE 'silver' END FROM generate_series(1, 50) AS i");
            st.execute("CREATE SEQUENCE tm_tier_loads");
        }
        int parallelism = TASKMANAGERS * SLOTS;
        try (GatewayClient.Session s = GatewayClient.forStack(config).openSession("side-input", Map.of())) {
            s.executeAndFetchAll("SET 'parallelism.default' = '" + parallelism + "'");
            s.executeAndFetchAll("SET 'table.dml-sync' = 'false'");
            s.executeAndFetchAll("CREATE TABLE clicks (id BIGINT, proc AS PROCTIME()) WITH ('connector' = 'datagen',"
                    + " 'rows-per-second' = '30', 'fields.id.min' = '1', 'fields.id.max' = '60')");
            s.executeAndFetchAll("CREATE TABLE tiers (id BIGINT, tier STRING, PRIMARY KEY (id) NOT ENFORCED) WITH ("
                    + " 'connector' = 'side-input', 'source' = 'jdbc', 'jdbc.url' = '" + config.postgresJdbcUrl() + "',"
                    + " 'jdbc.query' = 'SELECT t.id, t.tier FROM tm_tiers AS t CROSS JOIN (SELECT nextval(''tm_tier_loads'')) AS l',"
                    + " 'refresh.interval' = '1 h')");
            s.executeAndFetchAll("CREATE TABLE enriched (id BIGINT, tier STRING) WITH ('connector' = 'blackhole')");
            s.executeAndFetchAll("INSERT INTO enriched SELECT c.id, t.tier FROM clicks AS c"
                    + " LEFT JOIN tiers FOR SYSTEM_TIME AS OF c.proc AS t ON c.id = t.id");
        }
        await("the lookup job running", DEADLINE, () -> kit.runningJobs() == 1);
        String job = kit.jobId("default_database.enriched");
        String vertex = lookupVertex(job);
        Map<Integer, String> taskManagerOfSubtask = subtaskTaskManagers(job, vertex);
        assertThat(taskManagerOfSubtask).hasSize(parallelism);
        assertThat(new HashSet<>(taskManagerOfSubtask.values())).as("TaskManagers running the lookup").hasSize(TASKMANAGERS);

        Map<Integer, Long> loads = new HashMap<>();
        Map<Integer, Long> rowsMetric = new HashMap<>();
        await("the side-input metrics of all " + parallelism + " subtasks", DEADLINE, () -> {
            loads.clear();
            rowsMetric.clear();
            loads.putAll(subtaskMetric(job, vertex, ".sideinput.loads"));
            rowsMetric.putAll(subtaskMetric(job, vertex, ".sideinput.rows"));
            return loads.size() == parallelism && rowsMetric.size() == parallelism;
        });
        assertThat(rowsMetric.values()).as("rows per subtask").containsOnly(50L);
        assertThat(loads.values()).as("loads of the snapshot each subtask uses").containsOnly(1L);
        // each TaskManager's subtasks report the one shared load of that TaskManager
        Map<String, Long> loadsPerTaskManager = new HashMap<>();
        loads.forEach((subtask, n) -> loadsPerTaskManager.put(taskManagerOfSubtask.get(subtask), n));
        long byMetrics = loadsPerTaskManager.values().stream().mapToLong(Long::longValue).sum();
        try (Connection c = DriverManager.getConnection(config.postgresJdbcUrl()); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT last_value FROM tm_tier_loads")) {
            rs.next();
            // PostgreSQL counts every read: one per TaskManager, where a load per subtask would be 6
            assertThat(rs.getLong(1)).as("reads of tm_tiers counted by PostgreSQL").isEqualTo(TASKMANAGERS);
        }
        assertThat(byMetrics).as("loads by the metrics, one per TaskManager").isEqualTo(TASKMANAGERS);
        kit.cancelAllJobs();
    }

    @Test
    void killingOneOfThreeTaskManagersUnderAnExactlyOnceKafkaJobLosesAndDuplicatesNothing() throws Exception {
        int events = 4000; // 10 windows of 400
        kit.createTopic("tm-crash-in", 1);
        AtomicBoolean producing = new AtomicBoolean(true);
        Thread producer = new Thread(() -> kit.produce("tm-crash-in", 0, events, 400, producing), "tm-crash-producer");
        try (GatewayClient.Session session = GatewayClient.forStack(config).openSession("tm-crash", Map.of())) {
            session.executeAndFetchAll("SET 'parallelism.default' = '3'");
            for (String sql : SqlScript.split(kit.pipelineSql("tm-crash-in", "tm-crash-out", null))) {
                session.executeAndFetchAll(sql);
            }
        }
        producer.start();
        await("the job running", DEADLINE, () -> kit.runningJobs() == 1);
        String job = kit.jobId("default_database.sink");
        Server victim = Server.taskManager(2);
        Set<String> used = new HashSet<>();
        for (JsonNode v : kit.rest("/jobs/" + job).path("vertices")) {
            used.addAll(subtaskTaskManagers(job, v.path("id").asText()).values());
        }
        assertThat(used).as("TaskManagers running the job").contains(LocalStack.taskManagerResourceId(2));

        long before = kit.completedCheckpoints();
        await("a checkpoint before the kill", DEADLINE, () -> kit.completedCheckpoints() > before);
        long pid = stack.serverPid(victim).orElseThrow();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // SIGKILL
        await("the supervisor restarts taskmanager-2", DEADLINE, () -> stack.serverPid(victim).filter(p -> p != pid).isPresent());
        await("the job running again", DEADLINE, () -> kit.runningJobs() == 1);
        // the successor registers under a new id: had it reused the dead one's, the ResourceManager
        // would disconnect it when the dead one's heartbeat timed out, failing the job a second time
        await("the dead taskmanager-2 replaced by sqlpack-taskmanager-2-restart-1", DEADLINE, () -> {
            Set<String> ids = stack.registeredTaskManagers();
            return !ids.contains(LocalStack.taskManagerResourceId(2)) && ids.contains(LocalStack.taskManagerResourceId(2, 1));
        });
        producer.join();
        kit.produceMarker("tm-crash-in");
        kit.assertWindowsExact(kit.awaitCommittedWindows("tm-crash-out", 10, DEADLINE), 0, 10);
        assertThat(stack.history(victim).events()).anyMatch(e -> e.pid() == pid && e.exitCode() != null && e.exitCode() == 137);
        kit.cancelAllJobs();
    }

    private String lastFinishedJob() {
        JsonNode latest = null;
        for (JsonNode j : kit.rest("/jobs/overview").path("jobs")) {
            if ("FINISHED".equals(j.path("state").asText())
                    && (latest == null || j.path("start-time").asLong() > latest.path("start-time").asLong())) {
                latest = j;
            }
        }
        assertThat(latest).as("a finished job").isNotNull();
        return latest.path("jid").asText();
    }

    /** The TaskManagers that ran the vertices of {@code job} with {@code parallelism}. */
    private Set<String> taskManagersOf(String job, int parallelism) {
        Set<String> ids = new HashSet<>();
        for (JsonNode v : kit.rest("/jobs/" + job).path("vertices")) {
            if (v.path("parallelism").asInt() == parallelism) {
                ids.addAll(subtaskTaskManagers(job, v.path("id").asText()).values());
            }
        }
        return ids;
    }

    /** Subtask index -> resource id of the TaskManager that runs (or ran) it. */
    private Map<Integer, String> subtaskTaskManagers(String job, String vertex) {
        Map<Integer, String> m = new HashMap<>();
        for (JsonNode s : kit.rest("/jobs/" + job + "/vertices/" + vertex).path("subtasks")) {
            m.put(s.path("subtask").asInt(), s.path("taskmanager-id").asText());
        }
        return m;
    }

    private String lookupVertex(String job) {
        for (JsonNode v : kit.rest("/jobs/" + job).path("vertices")) {
            if (v.path("name").asText().contains("LookupJoin")) {
                return v.path("id").asText();
            }
        }
        throw new AssertionError("no LookupJoin vertex in " + kit.rest("/jobs/" + job));
    }

    /** A metric of every subtask of a vertex, by subtask index, read through the JobManager's REST API. */
    private Map<Integer, Long> subtaskMetric(String job, String vertex, String suffix) {
        String base = "/jobs/" + job + "/vertices/" + vertex + "/metrics";
        List<String> ids = new ArrayList<>();
        for (JsonNode m : kit.rest(base)) {
            if (m.path("id").asText().endsWith(suffix)) {
                ids.add(m.path("id").asText());
            }
        }
        Map<Integer, Long> values = new HashMap<>();
        if (ids.isEmpty()) {
            return values;
        }
        for (JsonNode m : kit.rest(base + "?get=" + String.join(",", ids))) {
            String id = m.path("id").asText();
            values.put(Integer.parseInt(id.substring(0, id.indexOf('.'))), Long.parseLong(m.path("value").asText()));
        }
        return values;
    }
}
