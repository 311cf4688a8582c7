package dev.sqlpack.stack;

import static dev.sqlpack.stack.StackTestKit.await;
import static dev.sqlpack.stack.StackTestKit.cli;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlpack.stack.StackTestKit.Result;
import dev.sqlpack.stack.demo.AcknowledgedProducer;
import dev.sqlpack.stack.demo.ClickstreamGenerator;
import dev.sqlpack.stack.gateway.GatewayClient;
import dev.sqlpack.stack.process.ProcessHistory;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of each server of the real stack in turn while the demo's event stream and a
 * windowed job run: the supervisor brings each back, {@code ./sqlpack up} leaves the stack whole,
 * {@code status} says what died, and every event Kafka acknowledged is in the topic.
 */
class SelfHealingITCase {
    private static final Duration RECOVERY = Duration.ofMinutes(3);
    private StackConfig config;

    @AfterEach
    void stopStack() {
        if (config != null) {
            new LocalStack(SqlPackHome.locate(), config, System.out::println).down();
        }
    }

    @Test
    void eachKilledServerComesBackAndEveryAcknowledgedEventIsInTheTopic() throws Exception {
        config = StackConfig.freePorts(Files.createTempDirectory("sqlpack-heal-"));
        Result started = cli(StackTestKit.upArgs(config));
        assertThat(started.code()).as(started.err()).isZero();
        LocalStack stack = new LocalStack(SqlPackHome.locate(), config, System.out::println);
        StackTestKit kit = new StackTestKit(config);

        // the demo's workload: its generator and rate into a topic, a windowed job reading it
        kit.createTopic("heal-events", 1);
        AtomicBoolean stop = new AtomicBoolean();
        List<String> notices = new CopyOnWriteArrayList<>();
        AcknowledgedProducer producer = new AcknowledgedProducer(config.kafkaBootstrap(), "heal-events",
                new ClickstreamGenerator(42, 500, 0.01), 100, stop, notices::add);
        Thread producing = new Thread(producer, "heal-producer");
        producing.start();
        try (GatewayClient.Session session = GatewayClient.forStack(config).openSession("heal", Map.of())) {
            session.executeAndFetchAll("SET 'table.dml-sync' = 'false'");
            session.executeAndFetchAll("CREATE TABLE events (user_id STRING, ts TIMESTAMP(3),"
                    + " WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH ('connector' = 'kafka', 'topic' = 'heal-events',"
                    + " 'properties.bootstrap.servers' = '" + config.kafkaBootstrap() + "',"
                    + " 'scan.startup.mode' = 'earliest-offset', 'format' = 'json', 'json.ignore-parse-errors' = 'true')");
            session.executeAndFetchAll("CREATE TABLE counts (window_start TIMESTAMP(3), n BIGINT) WITH ('connector' = 'blackhole')");
            session.executeAndFetchAll("INSERT INTO counts SELECT window_start, COUNT(*)"
                    + " FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end");
        }
        await("the windowed job running", RECOVERY, () -> kit.runningJobs() == 1);

        for (Server victim : Server.all(1)) {
            Map<Server, Long> before = serverPids(stack);
            long pid = before.get(victim);
            long ackedBefore = producer.acknowledged();
            ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // SIGKILL
            await(victim + " restarted by its supervisor", RECOVERY,
                    () -> stack.serverPid(victim).filter(p -> p != pid).isPresent());

            Result up = cli("up", "--state-dir", config.stateDir().toString()); // ports come from stack.json
            assertThat(up.code()).as(up.err()).isZero();
            await("the stack whole after up, " + victim + " killed", RECOVERY, stack::whole);
            assertThat(stack.history(victim).events()).as(victim + "'s history")
                    .anyMatch(e -> e.kind() == ProcessHistory.Kind.EXITED && e.pid() == pid && e.exitCode() == 137);
            LocalStack.ComponentStatus status = status(stack, victim);
            assertThat(status.history().restarts()).as(victim + " restarts").isPositive();
            Result shown = cli("status", "--state-dir", config.stateDir().toString());
            assertThat(shown.code()).isZero();
            assertThat(shown.out()).contains(victim.id() + ": pid ").contains("restart(s) since './sqlpack up'");
            Map<Server, Long> after = serverPids(stack);
            before.remove(victim);
            after.remove(victim);
            assertThat(after).as("the other servers kept running").isEqualTo(before);
            await("events acknowledged after " + victim + " came back", RECOVERY,
                    () -> producer.acknowledged() > ackedBefore);
        }

        // the broker killed with its supervisor: nobody restarts it but up, on its recorded ports
        Server kafka = Server.of(Component.KAFKA);
        Map<Server, Long> before = serverPids(stack);
        long supervisor = status(stack, kafka).pid();
        long ackedBefore = producer.acknowledged();
        assertThat(new ProcessBuilder("kill", "-9", "--", "-" + supervisor).start().waitFor()).isZero();
        await("kafka down", RECOVERY, () -> status(stack, kafka).state() == ServerProcesses.State.DOWN);
        Result down = cli("status", "--state-dir", config.stateDir().toString());
        assertThat(down.code()).isEqualTo(3);
        assertThat(down.out()).contains("kafka: pid " + before.get(kafka) + " found dead at ")
                .contains("nobody restarts it: run './sqlpack up'");
        Result up = cli("up", "--state-dir", config.stateDir().toString());
        assertThat(up.code()).as(up.err()).isZero();
        assertThat(up.out()).contains("Starting kafka on 127.0.0.1:" + config.kafkaPort())
                .doesNotContain("Starting postgres").doesNotContain("Starting jobmanager").doesNotContain("Starting gateway");
        await("the stack whole after up, kafka and its supervisor killed", RECOVERY, stack::whole);
        before.remove(kafka);
        Map<Server, Long> after = serverPids(stack);
        after.remove(kafka);
        assertThat(after).isEqualTo(before);
        await("events acknowledged after the broker came back", RECOVERY, () -> producer.acknowledged() > ackedBefore);

        stop.set(true);
        producing.join();
        assertThat(producer.finished()).isTrue();
        assertThat(producer.acknowledged() + producer.undelivered()).as("every event acknowledged or reported undelivered")
                .isEqualTo(producer.sent());
        assertThat(kit.countRecords("heal-events")).as("events in the topic (read_committed, from the earliest offset)")
                .isEqualTo(producer.acknowledged());
        assertThat(notices).as("the producer's notices").anyMatch(n -> n.contains("unreachable since"))
                .anyMatch(n -> n.contains("is back at"));
    }

    private static Map<Server, Long> serverPids(LocalStack stack) {
        Map<Server, Long> pids = new HashMap<>();
        for (LocalStack.ComponentStatus s : stack.status()) {
            assertThat(s.serverPid()).as(s.server() + " pid").isNotNull();
            pids.put(s.server(), s.serverPid());
        }
        return pids;
    }

    private static LocalStack.ComponentStatus status(LocalStack stack, Server s) {
        return stack.status().stream().filter(st -> st.server().equals(s)).findFirst().orElseThrow();
    }
}
