package dev.sqlpack.stack.rabbitmq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlpack.stack.StackException;
import dev.sqlpack.stack.process.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The optional RabbitMQ broker of the local stack ({@code ./sqlpack up --with rabbitmq}): data
 * under {@code <state>/rabbitmq}, log {@code <state>/rabbitmq/rabbitmq.log}, what runs recorded
 * in {@code <state>/run/rabbitmq.json} so that {@code status} and {@code down} find it.
 */
public final class RabbitMqStack {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The broker's ports and processes as recorded. */
    public record Running(RabbitMqServer.Ports3 ports, long serverPid, long epmdPid, Path dataDir) {
        public boolean alive() {
            return ProcessHandle.of(serverPid).map(ProcessHandle::isAlive).orElse(false);
        }

        public String uri() {
            return RabbitMqServer.uri(ports.amqp());
        }

        public Path logFile() {
            return dataDir.resolve("rabbitmq.log");
        }
    }

    /** The AMQP port of {@code ./sqlpack up --with rabbitmq} unless --rabbitmq-port says otherwise. */
    public static final int DEFAULT_AMQP_PORT = 5672;

    private RabbitMqStack() {}

    /** Starts the broker unless it runs already; fails with the install command when it is missing. */
    public static Running up(Path stateDir, RabbitMqServer.Ports3 ports, Consumer<String> progress) {
        Optional<Running> recorded = recorded(stateDir);
        if (recorded.isPresent() && recorded.get().alive()) {
            progress.accept("RabbitMQ is already running on " + Ports.LOOPBACK + ":" + recorded.get().ports().amqp());
            return recorded.get();
        }
        if (!RabbitMqServer.isInstalled()) {
            throw new StackException(RabbitMqServer.INSTALL_HINT + " Then run './sqlpack up --with rabbitmq' again.");
        }
        checkFree(ports.amqp(), "RabbitMQ AMQP", "--rabbitmq-port");
        checkFree(ports.dist(), "RabbitMQ's Erlang distribution", "--rabbitmq-dist-port");
        checkFree(ports.epmd(), "RabbitMQ's epmd", "--rabbitmq-epmd-port");
        progress.accept("Starting rabbitmq on " + Ports.LOOPBACK + ":" + ports.amqp());
        long t0 = System.nanoTime();
        Path dataDir = stateDir.resolve("rabbitmq");
        try {
            RabbitMqServer server = RabbitMqServer.start(dataDir, ports);
            Running running = new Running(ports, server.pid(), server.epmdPid(), dataDir.toAbsolutePath());
            write(stateDir, running);
            progress.accept(String.format("  rabbitmq is up (%.1f s)", (System.nanoTime() - t0) / 1e9));
            return running;
        } catch (IOException e) {
            throw new StackException("Could not start rabbitmq: " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw new StackException("Could not start rabbitmq: " + e.getMessage(), e);
        }
    }

    /** Stops the recorded broker; returns false when none was running. */
    public static boolean down(Path stateDir, Consumer<String> progress) {
        Optional<Running> r = recorded(stateDir);
        if (r.isEmpty()) {
            return false;
        }
        boolean wasAlive = r.get().alive();
        if (wasAlive) {
            progress.accept("Stopping rabbitmq (pid " + r.get().serverPid() + ")");
        }
        RabbitMqServer.attach(r.get().dataDir(), r.get().ports(), r.get().epmdPid(), r.get().serverPid()).stop();
        try {
            Files.deleteIfExists(file(stateDir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return wasAlive;
    }

    public static Optional<Running> recorded(Path stateDir) {
        Path f = file(stateDir);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        try {
            JsonNode n = JSON.readTree(f.toFile());
            return Optional.of(new Running(new RabbitMqServer.Ports3(n.get("amqpPort").asInt(), n.get("distPort").asInt(),
                    n.get("epmdPort").asInt()), n.get("serverPid").asLong(), n.get("epmdPid").asLong(),
                    Path.of(n.get("dataDir").asText())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path stateDir, Running r) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("amqpPort", r.ports().amqp());
        n.put("distPort", r.ports().dist());
        n.put("epmdPort", r.ports().epmd());
        n.put("serverPid", r.serverPid());
        n.put("epmdPid", r.epmdPid());
        n.put("dataDir", r.dataDir().toString());
        Files.createDirectories(file(stateDir).getParent());
        JSON.writerWithDefaultPrettyPrinter().writeValue(file(stateDir).toFile(), n);
    }

    private static Path file(Path stateDir) {
        return stateDir.resolve("run/rabbitmq.json");
    }

    private static void checkFree(int port, String what, String flag) {
        if (!Ports.isFree(port)) {
            throw new StackException("Port " + port + " (" + what + ") is already in use on " + Ports.LOOPBACK + ". Stop whatever"
                    + " uses it, or choose another port: ./sqlpack up --with rabbitmq " + flag + " <port>.");
        }
    }
}
