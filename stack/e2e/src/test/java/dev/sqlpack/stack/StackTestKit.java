package dev.sqlpack.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sqlpack.stack.cli.SqlPackCli;
import dev.sqlpack.stack.gateway.GatewayClient;
import dev.sqlpack.stack.kafka.KafkaClients;
import dev.sqlpack.stack.process.Poll;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What the stack's end-to-end tests share: the exactly-once window pipeline and its exact check,
 * Kafka topics, the JobManager's REST API (jobs, checkpoints), waits with deadlines, the CLI.
 */
final class StackTestKit {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Event time of id n: this base plus n * 25 ms, so a 10 s window holds 400 consecutive ids. */
    static final long BASE_MILLIS = 1772323200000L;
    private static final Set<String> TERMINAL = Set.of("FINISHED", "CANCELED", "FAILED");

    private final StackConfig config;
    private final HttpClient http = HttpClient.newHttpClient();

    StackTestKit(StackConfig config) {
        this.config = config;
    }

    /** Kafka in -> 10 s TUMBLE -> Kafka (exactly once), and with {@code db} also Kafka in -> Iceberg. */
    String pipelineSql(String in, String out, String db) {
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

    /** Windows {@code firstWindow..firstWindow+windows-1} of the pipeline, each committed once with 400 ids. */
    void assertWindowsExact(List<String> records, int firstWindow, int windows) throws Exception {
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

    /** Reads the topic with read_committed until {@code windows} regular windows have arrived. */
    List<String> awaitCommittedWindows(String topic, int windows, Duration timeout) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> c = KafkaClients.consumer(config.kafkaBootstrap(), "check-" + topic + "-" + System.nanoTime())) {
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

    /**
     * Counts the committed records of {@code topic} from the earliest offset up to its end offsets
     * as of now (read_committed): exact, with no wait for "no more records".
     */
    long countRecords(String topic) {
        try (KafkaConsumer<String, String> c = KafkaClients.consumer(config.kafkaBootstrap(), "count-" + topic + "-" + System.nanoTime())) {
            List<org.apache.kafka.common.TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new org.apache.kafka.common.TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<org.apache.kafka.common.TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(30));
            long n = 0;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (parts.stream().anyMatch(tp -> c.position(tp, Duration.ofSeconds(30)) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end offsets " + end + " within 2 min");
                }
                n += c.poll(Duration.ofMillis(500)).count();
            }
            return n;
        }
    }

    /** Writes events {@code from..to-1} in order (one producer: parallelism 1), paced at {@code perSecond}. */
    void produce(String topic, int from, int to, int perSecond, AtomicBoolean producing) {
        try (KafkaProducer<String, String> p = KafkaClients.producer(config.kafkaBootstrap())) {
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
    void produceMarker(String topic) {
        try (KafkaProducer<String, String> p = KafkaClients.producer(config.kafkaBootstrap())) {
            p.send(new ProducerRecord<>(topic, event(-1, BASE_MILLIS + 86_400_000L)));
            p.flush();
        }
    }

    static String event(long id, long millis) {
        String ts = java.time.Instant.ofEpochMilli(millis).toString().replace('T', ' ').replace("Z", "");
        return "{\"id\":" + id + ",\"ts\":\"" + ts + "\"}";
    }

    void createTopic(String name, int partitions) throws Exception {
        KafkaClients.createTopics(config.kafkaBootstrap(), List.of(new NewTopic(name, partitions, (short) 1)));
    }

    /** GET on the JobManager's REST API; an empty object when it does not answer. */
    JsonNode rest(String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(config.webUiUrl() + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(r.body());
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }

    /** Jobs running with every task running. */
    long runningJobs() {
        long n = 0;
        for (JsonNode j : rest("/jobs/overview").path("jobs")) {
            if ("RUNNING".equals(j.path("state").asText()) && j.path("tasks").path("running").asInt() == j.path("tasks").path("total").asInt()) {
                n++;
            }
        }
        return n;
    }

    long completedCheckpoints() {
        long n = 0;
        for (JsonNode j : rest("/jobs/overview").path("jobs")) {
            if ("RUNNING".equals(j.path("state").asText())) {
                n += rest("/jobs/" + j.path("jid").asText() + "/checkpoints").path("counts").path("completed").asLong();
            }
        }
        return n;
    }

    String jobId(String nameFragment) {
        for (JsonNode j : rest("/jobs/overview").path("jobs")) {
            if ("RUNNING".equals(j.path("state").asText()) && j.path("name").asText().contains(nameFragment)) {
                return j.path("jid").asText();
            }
        }
        throw new AssertionError("no running job named like " + nameFragment + ": " + rest("/jobs/overview"));
    }

    String jobState(String jobId) {
        return rest("/jobs/" + jobId).path("state").asText();
    }

    /** Cancels every job that is not finished (running, restarting, created...) and waits until none is left. */
    void cancelAllJobs() {
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

    static List<List<String>> rows(GatewayClient.Session session, String sql) {
        List<List<String>> rows = new ArrayList<>();
        for (GatewayClient.Batch b : session.executeAndFetchAll(sql)) {
            b.rows().forEach(r -> rows.add(r.texts()));
        }
        return rows;
    }

    static long rowsWithin(GatewayClient.Operation op, Duration timeout, int wanted) {
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

    /** Polls {@code condition} until it holds; fails naming {@code what} after {@code timeout}. */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        if (!Poll.within(what, timeout, Duration.ofMillis(250), condition)) {
            throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for: " + what);
        }
    }

    /**
     * Runs a child JVM (Flink's SQL client, the JDBC driver...) with {@code env} added and without
     * the caller's FLINK_REST_CLIENT_HEADERS; returns its exit code and output.
     */
    static String[] runJava(List<String> args, Map<String, String> env, Path log) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ServerLauncher.javaExecutable());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("FLINK_REST_CLIENT_HEADERS");
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("still running after 5 minutes: " + cmd + "\n" + Files.readString(log));
        }
        return new String[] {Integer.toString(p.exitValue()), Files.readString(log)};
    }

    /** {@code up} with the state directory and every port of {@code c}, as a user would type it. */
    static String[] upArgs(StackConfig c, String... more) {
        List<String> args = new ArrayList<>(List.of("up", "--state-dir", c.stateDir().toString(),
                "--kafka-port", "" + c.kafkaPort(), "--kafka-controller-port", "" + c.kafkaControllerPort(),
                "--postgres-port", "" + c.postgresPort(), "--jobmanager-port", "" + c.jobManagerPort(),
                "--jobmanager-rpc-port", "" + c.jobManagerRpcPort(), "--gateway-port", "" + c.gatewayPort()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    static Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SqlPackCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    record Result(int code, String out, String err) {}
}
