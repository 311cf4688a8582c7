package dev.sqlpack.stack.rabbitmq;

import dev.sqlpack.stack.process.ChildProcess;
import dev.sqlpack.stack.process.Poll;
import dev.sqlpack.stack.process.Ports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A real RabbitMQ broker (Debian's {@code rabbitmq-server}) run as a child process with every
 * listener on 127.0.0.1: AMQP, the Erlang distribution port and its own {@code epmd}, which
 * out of the box would all listen on every interface. Config, Mnesia data, logs and the Erlang
 * cookie live under one data directory, so a restart keeps queues and persistent messages.
 * Used by {@code ./sqlpack up --with rabbitmq} and, as a fixture, by tests.
 */
public final class RabbitMqServer implements AutoCloseable {
    /** Where Debian's package puts the broker's start script. */
    public static final Path SERVER_SCRIPT = Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server");
    public static final String INSTALL_HINT =
            "RabbitMQ is not installed (no " + SERVER_SCRIPT + "). Install it with:"
                    + " apt-get update && apt-get install -y rabbitmq-server";
    public static final String USER = "guest";
    public static final String PASSWORD = "guest";

    /** The three loopback ports a broker uses. */
    public record Ports3(int amqp, int dist, int epmd) {
        public static Ports3 free() {
            return new Ports3(Ports.free(), Ports.free(), Ports.free());
        }
    }

    private final Path dataDir;
    private final Ports3 ports;
    private ChildProcess epmd;
    private ChildProcess server;

    private RabbitMqServer(Path dataDir, Ports3 ports, ChildProcess epmd, ChildProcess server) {
        this.dataDir = dataDir;
        this.ports = ports;
        this.epmd = epmd;
        this.server = server;
    }

    public static boolean isInstalled() {
        return Files.isExecutable(SERVER_SCRIPT);
    }

    /** A broker for tests: free ports, data under {@code dataDir}, stopped by {@link #close()}. */
    public static RabbitMqServer startEphemeral(Path dataDir) throws IOException {
        return start(dataDir, Ports3.free());
    }

    /** Starts epmd and the broker on {@code ports} and waits until AMQP accepts connections. */
    public static RabbitMqServer start(Path dataDir, Ports3 ports) throws IOException {
        if (!isInstalled()) {
            throw new IllegalStateException(INSTALL_HINT);
        }
        Files.createDirectories(dataDir);
        RabbitMqServer s = new RabbitMqServer(dataDir.toAbsolutePath(), ports, null, null);
        s.startProcesses();
        return s;
    }

    /** Re-attaches to a broker started by an earlier invocation of the CLI. */
    public static RabbitMqServer attach(Path dataDir, Ports3 ports, long epmdPid, long serverPid) {
        return new RabbitMqServer(dataDir, ports,
                ChildProcess.attach("epmd", epmdPid, dataDir.resolve("epmd.log")),
                ChildProcess.attach("rabbitmq", serverPid, dataDir.resolve("rabbitmq.log")));
    }

    public int amqpPort() {
        return ports.amqp();
    }

    public Ports3 ports() {
        return ports;
    }

    /** {@code amqp://guest:guest@127.0.0.1:PORT/%2F}: the default virtual host. */
    public String uri() {
        return uri(ports.amqp());
    }

    /** The URI of the default virtual host of a broker on the loopback {@code amqpPort}. */
    public static String uri(int amqpPort) {
        return "amqp://" + USER + ":" + PASSWORD + "@" + Ports.LOOPBACK + ":" + amqpPort + "/%2F";
    }

    public long pid() {
        return server.pid();
    }

    public long epmdPid() {
        return epmd.pid();
    }

    public Path logFile() {
        return server.logFile();
    }

    public boolean isRunning() {
        return server != null && server.isAlive();
    }

    /** Graceful broker stop (SIGTERM), keeping epmd, data and ports for {@link #restart()}. */
    public void stopBroker() {
        if (server != null) {
            server.stop("TERM", Duration.ofSeconds(60));
        }
    }

    /** Stops the broker if it runs and starts it again on the same ports and data. */
    public void restart() throws IOException {
        stopBroker();
        startBroker();
    }

    public void stop() {
        stopBroker();
        if (epmd != null) {
            epmd.stop("TERM", Duration.ofSeconds(10));
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void startProcesses() throws IOException {
        Files.writeString(dataDir.resolve("rabbitmq.conf"),
                "# written by sqlpack: AMQP on loopback only, guest allowed (loopback only anyway)\n"
                        + "listeners.tcp.1 = " + Ports.LOOPBACK + ":" + ports.amqp() + "\n"
                        + "loopback_users = none\n");
        // No plugins: the management UI would open one more listener.
        Files.writeString(dataDir.resolve("enabled_plugins"), "[].\n");
        Files.createDirectories(dataDir.resolve("home"));
        Path nodeNameFile = dataDir.resolve("nodename");
        if (!Files.exists(nodeNameFile)) {
            // Mnesia's directory is named after the node: one name per data directory, for restarts.
            byte[] b = new byte[4];
            ThreadLocalRandom.current().nextBytes(b);
            Files.writeString(nodeNameFile, "sqlpack-" + HexFormat.of().formatHex(b) + "@localhost");
        }
        // Our own epmd, bound to loopback; the broker would otherwise start one on every interface.
        epmd = ChildProcess.start("epmd",
                List.of("epmd", "-address", Ports.LOOPBACK, "-port", Integer.toString(ports.epmd())),
                dataDir.resolve("epmd.log"), dataDir, Map.of());
        awaitListening(ports.epmd(), Duration.ofSeconds(20), epmd);
        startBroker();
    }

    private void startBroker() throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", dataDir.resolve("home").toString()); // the Erlang cookie goes here
        env.put("ERL_EPMD_ADDRESS", Ports.LOOPBACK);
        env.put("ERL_EPMD_PORT", Integer.toString(ports.epmd()));
        env.put("RABBITMQ_NODENAME", Files.readString(dataDir.resolve("nodename")).trim());
        env.put("RABBITMQ_NODE_IP_ADDRESS", Ports.LOOPBACK);
        env.put("RABBITMQ_NODE_PORT", Integer.toString(ports.amqp()));
        env.put("RABBITMQ_DIST_PORT", Integer.toString(ports.dist()));
        env.put("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-kernel inet_dist_use_interface {127,0,0,1}");
        env.put("RABBITMQ_MNESIA_BASE", dataDir.resolve("mnesia").toString());
        env.put("RABBITMQ_LOG_BASE", dataDir.resolve("log").toString());
        env.put("RABBITMQ_CONFIG_FILE", dataDir.resolve("rabbitmq.conf").toString());
        env.put("RABBITMQ_ADVANCED_CONFIG_FILE", dataDir.resolve("advanced.config").toString());
        env.put("RABBITMQ_CONF_ENV_FILE", dataDir.resolve("rabbitmq-env.conf").toString());
        env.put("RABBITMQ_ENABLED_PLUGINS_FILE", dataDir.resolve("enabled_plugins").toString());
        env.put("RABBITMQ_PID_FILE", dataDir.resolve("rabbitmq.pid").toString());
        server = ChildProcess.start("rabbitmq", List.of(SERVER_SCRIPT.toString()),
                dataDir.resolve("rabbitmq.log"), dataDir, env);
        awaitListening(ports.amqp(), Duration.ofSeconds(120), server);
    }

    private void awaitListening(int port, Duration timeout, ChildProcess p) {
        boolean listening = Poll.within(p.name() + " on " + Ports.LOOPBACK + ":" + port, timeout, Duration.ofMillis(200), () -> {
            if (!p.isAlive()) {
                throw new IllegalStateException(p.name() + " exited during start-up. Log "
                        + p.logFile() + ":\n" + p.tail(30));
            }
            return Ports.isListening(port);
        });
        if (listening) {
            return;
        }
        p.stop("TERM", Duration.ofSeconds(10));
        throw new IllegalStateException(p.name() + " did not listen on " + Ports.LOOPBACK + ":" + port + " within "
                + timeout.toSeconds() + " s. Log " + p.logFile() + ":\n" + p.tail(30));
    }
}
