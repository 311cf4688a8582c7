package dev.sqlpack.stack;

import static dev.sqlpack.stack.StackTestKit.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.sqlpack.stack.gateway.GatewayClient;
import dev.sqlpack.stack.gateway.SqlScript;
import dev.sqlpack.stack.rabbitmq.RabbitMqServer;
import dev.sqlpack.stack.rabbitmq.RabbitMqStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * RabbitMQ -> 10 s TUMBLE -> Kafka on the real stack, the TaskManager killed with SIGKILL while
 * messages are published: with 'exactly-once' every message is counted once in the committed
 * output; with 'at-least-once' none is missing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RabbitMqKillITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long BASE_MILLIS = StackTestKit.BASE_MILLIS;
    private static final int WINDOWS = 20;
    private static final int EVENTS = WINDOWS * 400;
    private LocalStack stack;
    private StackConfig config;
    private StackTestKit kit;
    private RabbitMqStack.Running rabbit;

    @BeforeAll
    void startStack() throws Exception {
        config = StackConfig.freePorts(Files.createTempDirectory("sqlpack-rabbitmq-kill-"));
        stack = new LocalStack(SqlPackHome.locate(), config, System.out::println);
        kit = new StackTestKit(config);
        stack.up();
        rabbit = RabbitMqStack.up(config.stateDir(), RabbitMqServer.Ports3.free(), System.out::println);
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            try {
                RabbitMqStack.down(config.stateDir(), System.out::println);
            } finally {
                stack.down(); // also when the broker's stop failed: no stack left running
            }
        }
    }

    @Test
    void killedTaskManagerCountsEveryMessageOnceWithExactlyOnceAndLosesNoneWithAtLeastOnce() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(rabbit.uri());
        try (Connection amqp = factory.newConnection("kill-test-publisher"); Channel channel = amqp.createChannel()) {
            for (String q : List.of("kill-eo", "kill-alo")) {
                channel.queueDeclare(q, true, false, false, null);
            }
            channel.confirmSelect();

            GatewayClient.Session session = GatewayClient.forStack(config).openSession("rabbit-kill", Map.of());
            for (String s : SqlScript.split(pipelineSql("kill-eo", "exactly-once") + pipelineSql("kill-alo", "at-least-once"))) {
                session.executeAndFetchAll(s);
            }
            await("both jobs running", Duration.ofSeconds(120), () -> kit.runningJobs() == 2);

            // publish the first quarter, kill the TaskManager after a checkpoint, publish the rest meanwhile
            AtomicInteger published = new AtomicInteger();
            Thread publisher = new Thread(() -> publish(factory, 0, EVENTS, 300, published), "rabbit-publisher");
            publisher.start();
            await("a quarter published", Duration.ofSeconds(60), () -> published.get() >= EVENTS / 4);
            long before = kit.completedCheckpoints();
            await("a checkpoint before the kill", Duration.ofSeconds(90), () -> kit.completedCheckpoints() > before);
            long pid = stack.taskManagerPid().orElseThrow();
            ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // SIGKILL
            System.out.println("killed TaskManager pid " + pid + " after " + published.get() + " messages published");
            await("the supervisor restarts the TaskManager", Duration.ofSeconds(60),
                    () -> stack.taskManagerPid().filter(p -> p != pid).isPresent());
            // until Flink notices the lost TaskManager the jobs still look RUNNING: wait for the failure first
            await("both jobs failed over (their exception histories)", Duration.ofSeconds(120),
                    () -> failuresOfJobs().size() == 2 && failuresOfJobs().stream().allMatch(n -> n >= 1));
            await("both jobs running again", Duration.ofSeconds(120), () -> kit.runningJobs() == 2);
            publisher.join();
            assertThat(published.get()).isEqualTo(EVENTS);
            // one message a day later moves the watermark past every window of the test data
            for (String q : List.of("kill-eo", "kill-alo")) {
                channel.basicPublish("", q, props("marker"), StackTestKit.event(-1, BASE_MILLIS + 86_400_000L).getBytes(StandardCharsets.UTF_8));
            }
            channel.waitForConfirmsOrDie(30_000);

            Map<Long, List<JsonNode>> exactlyOnce = windows(kit.awaitCommittedWindows("kill-eo-out", WINDOWS, Duration.ofMinutes(2)));
            assertThat(exactlyOnce).as("exactly-once windows").hasSize(WINDOWS);
            for (int k = 0; k < WINDOWS; k++) {
                List<JsonNode> w = exactlyOnce.get(BASE_MILLIS + k * 10_000L);
                assertThat(w).as("exactly-once window " + k + " committed once").hasSize(1);
                assertWindow(w.get(0), k, true);
            }
            Map<Long, List<JsonNode>> atLeastOnce = windows(kit.awaitCommittedWindows("kill-alo-out", WINDOWS, Duration.ofMinutes(2)));
            assertThat(atLeastOnce).as("at-least-once windows").hasSize(WINDOWS);
            System.out.println("at-least-once: messages counted " + atLeastOnce.values().stream().flatMap(List::stream)
                    .mapToLong(n -> n.path("n").asLong()).sum() + " for " + EVENTS + " published");
            for (int k = 0; k < WINDOWS; k++) {
                List<JsonNode> w = atLeastOnce.get(BASE_MILLIS + k * 10_000L);
                assertThat(w).as("at-least-once window " + k).isNotEmpty();
                // a window may come again after the restore, each time with every one of its ids
                for (JsonNode n : w) {
                    assertWindow(n, k, false);
                }
            }
            session.close();
        }
    }

    /** A window of the test data: ids 400k..400k+399, each once (or, at least once, counted at least once). */
    private static void assertWindow(JsonNode w, int k, boolean exactlyOnce) {
        long first = 400L * k;
        assertThat(w.path("distinct_ids").asLong()).as("distinct ids in window " + k + ": " + w).isEqualTo(400);
        assertThat(w.path("min_id").asLong()).as("window " + k).isEqualTo(first);
        assertThat(w.path("max_id").asLong()).as("window " + k).isEqualTo(first + 399);
        if (exactlyOnce) {
            assertThat(w.path("n").asLong()).as("messages in window " + k + ": " + w).isEqualTo(400);
            assertThat(w.path("sum_id").asLong()).as("window " + k).isEqualTo(400 * first + 399 * 400 / 2);
        } else {
            assertThat(w.path("n").asLong()).as("messages in window " + k + ": " + w).isGreaterThanOrEqualTo(400);
        }
    }

    /** queue -> 10 s TUMBLE -> Kafka exactly-once, the queue read with the given delivery guarantee. */
    private String pipelineSql(String queue, String guarantee) {
        String t = queue.replace('-', '_');
        return String.join("\n",
                "SET 'execution.checkpointing.interval' = '2 s';",
                "SET 'table.dml-sync' = 'false';",
                "CREATE TABLE " + t + "_src (id BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH (",
                "  'connector' = 'rabbitmq', 'uri' = '" + rabbit.uri() + "', 'queue' = '" + queue + "',",
                "  'format' = 'json', 'delivery.guarantee' = '" + guarantee + "');",
                "CREATE TABLE " + t + "_sink (window_start TIMESTAMP(3), n BIGINT, distinct_ids BIGINT, sum_id BIGINT,",
                "  min_id BIGINT, max_id BIGINT) WITH (",
                "  'connector' = 'kafka', 'topic' = '" + queue + "-out', 'properties.bootstrap.servers' = '" + config.kafkaBootstrap() + "',",
                "  'format' = 'json', 'sink.delivery-guarantee' = 'exactly-once',",
                "  'sink.transactional-id-prefix' = '" + queue + "-out', 'properties.transaction.timeout.ms' = '600000');",
                "INSERT INTO " + t + "_sink SELECT window_start, COUNT(*), COUNT(DISTINCT id), SUM(id), MIN(id), MAX(id)",
                "  FROM TABLE(TUMBLE(TABLE " + t + "_src, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end;",
                "");
    }

    /** Publishes ids [from, to) to both queues, persistent, with message ids, confirmed in batches. */
    private static void publish(ConnectionFactory factory, int from, int to, int perSecond, AtomicInteger published) {
        try (Connection c = factory.newConnection("kill-test-events"); Channel ch = c.createChannel()) {
            ch.confirmSelect();
            long start = System.nanoTime();
            for (int id = from; id < to; id++) {
                byte[] body = StackTestKit.event(id, BASE_MILLIS + id * 25L).getBytes(StandardCharsets.UTF_8);
                ch.basicPublish("", "kill-eo", props("m-" + id), body);
                ch.basicPublish("", "kill-alo", props("m-" + id), body);
                if ((id + 1) % 100 == 0 || id == to - 1) {
                    ch.waitForConfirmsOrDie(30_000);
                    published.set(id + 1 - from);
                }
                long wait = start + (long) ((id - from) * (1e9 / perSecond)) - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait); // pacing the publisher, not waiting for a result
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("publishing to RabbitMQ failed", e);
        }
    }

    private static AMQP.BasicProperties props(String messageId) {
        return new AMQP.BasicProperties.Builder().messageId(messageId).deliveryMode(2).build();
    }

    /** Output records by window start, the marker's own window left out. */
    private static Map<Long, List<JsonNode>> windows(List<String> records) throws Exception {
        Map<Long, List<JsonNode>> byStart = new HashMap<>();
        for (String r : records) {
            JsonNode n = JSON.readTree(r);
            long start = java.time.LocalDateTime.parse(n.path("window_start").asText().replace(' ', 'T'))
                    .toInstant(java.time.ZoneOffset.UTC).toEpochMilli();
            if (start - BASE_MILLIS < 86_400_000L) {
                byStart.computeIfAbsent(start, s -> new ArrayList<>()).add(n);
            }
        }
        return byStart;
    }

    /** How many failures each job recorded in its exception history. */
    private List<Integer> failuresOfJobs() {
        List<Integer> failures = new ArrayList<>();
        for (JsonNode j : kit.rest("/jobs/overview").path("jobs")) {
            {
                failures.add(kit.rest("/jobs/" + j.path("jid").asText() + "/exceptions").path("exceptionHistory").path("entries").size());
            }
        }
        return failures;
    }
}
