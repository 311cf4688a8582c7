package dev.sqlpack.stack.kafka;

import dev.sqlpack.stack.process.ChildProcess;
import dev.sqlpack.stack.process.Poll;
import dev.sqlpack.stack.process.Ports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;

/**
 * A real Apache Kafka 4.0 broker in KRaft mode (broker and controller in one JVM) on 127.0.0.1,
 * run from the Maven-resolved jars in its own process. Its log directory survives restarts.
 */
public final class KafkaBroker implements AutoCloseable {
    private final ChildProcess process;
    private final int port;

    private KafkaBroker(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Formats {@code dir} on first use, starts the broker and waits until it answers an admin request. */
    public static KafkaBroker start(String classpath, Path dir, int port, int controllerPort, Path logFile,
            Duration timeout) throws IOException {
        List<String> cmd = prepare(classpath, dir, port, controllerPort, logFile);
        ChildProcess p = ChildProcess.start("kafka", cmd, logFile, dir, Map.of());
        KafkaBroker broker = new KafkaBroker(p, port);
        broker.awaitReady(timeout);
        return broker;
    }

    /**
     * Writes the broker's configuration under {@code dir}, formats its log directory on first use,
     * and returns the command that runs the broker (run it with {@code dir} as working directory).
     */
    public static List<String> prepare(String classpath, Path dir, int port, int controllerPort, Path logFile)
            throws IOException {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Path props = dir.resolve("server.properties");
        Files.writeString(props, serverProperties(data, port, controllerPort));
        Path log4j = dir.resolve("log4j2.properties");
        Files.writeString(log4j, LOG4J);
        List<String> java = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms256m", "-Xmx768m", "-XX:+UseG1GC",
                "-Dlog4j2.configurationFile=" + log4j.toUri(), "-cp", classpath);
        if (!Files.exists(data.resolve("meta.properties"))) {
            format(java, props, dir, logFile);
        }
        List<String> cmd = new ArrayList<>(java);
        cmd.add("kafka.Kafka");
        cmd.add(props.toString());
        return cmd;
    }

    /**
     * True when the broker on {@code bootstrapServers} answers an admin request and its group
     * coordinator is ready (it creates __consumer_offsets on first use; until then offset commits
     * fail, so the first job's commits would).
     */
    public static boolean answers(String bootstrapServers) {
        return problem(bootstrapServers) == null;
    }

    /** Why the broker on {@code bootstrapServers} does not answer, or null when it does. */
    public static String problem(String bootstrapServers) {
        Exception e = probe(bootstrapServers);
        return e == null ? null : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** Null when the broker answers, else why not. */
    private static Exception probe(String bootstrapServers) {
        // generous: on a busy machine a fresh client's coordinator lookup and offset fetch can take
        // longer than a few seconds every time, and a probe that always times out never succeeds
        try (Admin admin = KafkaClients.admin(bootstrapServers, Duration.ofSeconds(10))) {
            admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);
            admin.listConsumerGroupOffsets("sqlpack-health-check").partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS);
            return null;
        } catch (Exception e) {
            return e;
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public String bootstrapServers() {
        return Ports.LOOPBACK + ":" + port;
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.stop("TERM", Duration.ofSeconds(30));
    }

    private void awaitReady(Duration timeout) {
        AtomicReference<Exception> last = new AtomicReference<>();
        boolean ready = Poll.within("Kafka on " + bootstrapServers(), timeout, Duration.ofMillis(300), () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka exited during start-up. Log " + process.logFile()
                        + ":\n" + process.tail(25));
            }
            if (Ports.isListening(port)) {
                last.set(probe(bootstrapServers()));
                return last.get() == null;
            }
            return false;
        });
        if (ready) {
            return;
        }
        process.stop("TERM", Duration.ofSeconds(10));
        throw new IllegalStateException("Kafka did not answer on " + bootstrapServers() + " within "
                + timeout.toSeconds() + " s (" + (last.get() == null ? "port not open" : last.get().getMessage()) + "). Log "
                + process.logFile() + ":\n" + process.tail(25));
    }

    private static void format(List<String> java, Path props, Path dir, Path logFile) throws IOException {
        List<String> cmd = new ArrayList<>(java);
        cmd.addAll(List.of("kafka.tools.StorageTool", "format", "--cluster-id", Uuid.randomUuid().toString(),
                "--config", props.toString(), "--ignore-formatted"));
        Files.createDirectories(logFile.getParent());
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("formatting the Kafka log directory failed. Log " + logFile + ":\n"
                        + ChildProcess.tail(logFile, 25));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while formatting Kafka storage", e);
        }
    }

    private static String serverProperties(Path data, int port, int controllerPort) {
        String host = Ports.LOOPBACK;
        return String.join("\n",
                "# Written by Flink SQL Pack for a single-node KRaft broker on loopback.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + host + ":" + controllerPort,
                "listeners=PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort,
                "advertised.listeners=PLAINTEXT://" + host + ":" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + data,
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "transaction.max.timeout.ms=3600000",
                "auto.create.topics.enable=true",
                // Keep data until deleted: recipes and replays write records with timestamps in the
                // past, which the default 7-day retention would delete at its first check.
                "log.retention.ms=-1",
                "");
    }

    private static final String LOG4J = String.join("\n",
            "rootLogger.level = INFO",
            "rootLogger.appenderRef.stdout.ref = STDOUT",
            "logger.kafka.name = kafka",
            "logger.kafka.level = WARN",
            "logger.apache.name = org.apache.kafka",
            "logger.apache.level = WARN",
            "logger.started.name = kafka.server.KafkaRaftServer",
            "logger.started.level = INFO",
            "appender.stdout.name = STDOUT",
            "appender.stdout.type = Console",
            "appender.stdout.layout.type = PatternLayout",
            "appender.stdout.layout.pattern = [%d] %p %m (%c)%n",
            "");
}
