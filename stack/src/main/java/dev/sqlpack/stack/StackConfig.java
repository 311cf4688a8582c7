package dev.sqlpack.stack;

import dev.sqlpack.stack.postgres.PostgresServer;
import dev.sqlpack.stack.process.Ports;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Ports, sizes and the state directory of one local stack. Immutable; change with {@code with*}. */
public record StackConfig(
        Path stateDir,
        int kafkaPort,
        int kafkaControllerPort,
        int postgresPort,
        int jobManagerPort,
        int jobManagerRpcPort,
        int gatewayPort,
        int slots,
        boolean tls,
        int taskManagers,
        boolean clientCerts) {

    public StackConfig {
        checkTaskManagers(taskManagers);
        if (clientCerts && !tls) {
            throw new StackException("Client certificates need TLS: ./sqlpack up --tls --client-certs");
        }
    }

    /** Without client certificates. */
    public StackConfig(Path stateDir, int kafkaPort, int kafkaControllerPort, int postgresPort, int jobManagerPort,
            int jobManagerRpcPort, int gatewayPort, int slots, boolean tls, int taskManagers) {
        this(stateDir, kafkaPort, kafkaControllerPort, postgresPort, jobManagerPort, jobManagerRpcPort, gatewayPort, slots,
                tls, taskManagers, false);
    }

    /** Fails with a message naming the bad count and the flag, unless {@code n} is at least 1. */
    public static int checkTaskManagers(int n) {
        if (n < 1) {
            throw new StackException("The number of TaskManagers must be at least 1, but was " + n
                    + ": ./sqlpack up --taskmanagers <n>");
        }
        return n;
    }

    /** Without TLS, one TaskManager. */
    public StackConfig(Path stateDir, int kafkaPort, int kafkaControllerPort, int postgresPort, int jobManagerPort,
            int jobManagerRpcPort, int gatewayPort, int slots) {
        this(stateDir, kafkaPort, kafkaControllerPort, postgresPort, jobManagerPort, jobManagerRpcPort, gatewayPort, slots, false);
    }

    /** One TaskManager. */
    public StackConfig(Path stateDir, int kafkaPort, int kafkaControllerPort, int postgresPort, int jobManagerPort,
            int jobManagerRpcPort, int gatewayPort, int slots, boolean tls) {
        this(stateDir, kafkaPort, kafkaControllerPort, postgresPort, jobManagerPort, jobManagerRpcPort, gatewayPort, slots,
                tls, 1);
    }

    /** The same stack with the JobManager's and the gateway's REST endpoints on TLS (or not). */
    public StackConfig withTls(boolean on) {
        return new StackConfig(stateDir, kafkaPort, kafkaControllerPort, postgresPort, jobManagerPort, jobManagerRpcPort,
                gatewayPort, slots, on, taskManagers, on && clientCerts);
    }

    /**
     * The same stack whose REST endpoints demand a client certificate signed by the stack's
     * authority (TLS on too), or not.
     */
    public StackConfig withClientCerts(boolean on) {
        return new StackConfig(stateDir, kafkaPort, kafkaControllerPort, postgresPort, jobManagerPort, jobManagerRpcPort,
                gatewayPort, slots, tls || on, taskManagers, on);
    }

    /** The same stack with {@code n} TaskManagers, each with {@link #slots()} slots. */
    public StackConfig withTaskManagers(int n) {
        return new StackConfig(stateDir, kafkaPort, kafkaControllerPort, postgresPort, jobManagerPort, jobManagerRpcPort,
                gatewayPort, slots, tls, n, clientCerts);
    }

    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final int DEFAULT_KAFKA_CONTROLLER_PORT = 9093;
    public static final int DEFAULT_POSTGRES_PORT = 5432;
    public static final int DEFAULT_JOBMANAGER_PORT = 8081;
    public static final int DEFAULT_JOBMANAGER_RPC_PORT = 6123;
    public static final int DEFAULT_GATEWAY_PORT = 8083;

    public static StackConfig defaults(Path stateDir) {
        return new StackConfig(stateDir.toAbsolutePath().normalize(), DEFAULT_KAFKA_PORT,
                DEFAULT_KAFKA_CONTROLLER_PORT, DEFAULT_POSTGRES_PORT, DEFAULT_JOBMANAGER_PORT,
                DEFAULT_JOBMANAGER_RPC_PORT, DEFAULT_GATEWAY_PORT, 2);
    }

    /** Every port chosen free on loopback: for tests that run beside a user's stack. */
    public static StackConfig freePorts(Path stateDir) {
        return new StackConfig(stateDir.toAbsolutePath().normalize(),
                dev.sqlpack.stack.process.Ports.free(), dev.sqlpack.stack.process.Ports.free(),
                dev.sqlpack.stack.process.Ports.free(), dev.sqlpack.stack.process.Ports.free(),
                dev.sqlpack.stack.process.Ports.free(), dev.sqlpack.stack.process.Ports.free(), 2);
    }

    /**
     * Each port with what uses it and the flag that changes it, in start order; a port-taken
     * message names both.
     */
    public Map<String, PortUse> ports() {
        Map<String, PortUse> m = new LinkedHashMap<>();
        m.put("kafka", new PortUse(kafkaPort, "Kafka broker", "--kafka-port", "SQLPACK_KAFKA_PORT"));
        m.put("kafka-controller", new PortUse(kafkaControllerPort, "Kafka KRaft controller",
                "--kafka-controller-port", "SQLPACK_KAFKA_CONTROLLER_PORT"));
        m.put("postgres", new PortUse(postgresPort, "PostgreSQL", "--postgres-port", "SQLPACK_POSTGRES_PORT"));
        m.put("jobmanager", new PortUse(jobManagerPort, "Flink JobManager REST API and Web UI",
                "--jobmanager-port", "SQLPACK_JOBMANAGER_PORT"));
        m.put("jobmanager-rpc", new PortUse(jobManagerRpcPort, "Flink JobManager RPC",
                "--jobmanager-rpc-port", "SQLPACK_JOBMANAGER_RPC_PORT"));
        m.put("gateway", new PortUse(gatewayPort, "Flink SQL gateway REST API", "--gateway-port", "SQLPACK_GATEWAY_PORT"));
        return m;
    }

    public Path logDir() {
        return stateDir.resolve("logs");
    }

    public Path runDir() {
        return stateDir.resolve("run");
    }

    public Path confDir() {
        return stateDir.resolve("conf");
    }

    public String gatewayUrl() {
        return (tls ? "https" : "http") + "://" + Ports.LOOPBACK + ":" + gatewayPort;
    }

    public String webUiUrl() {
        return (tls ? "https" : "http") + "://" + Ports.LOOPBACK + ":" + jobManagerPort;
    }

    public String kafkaBootstrap() {
        return Ports.LOOPBACK + ":" + kafkaPort;
    }

    public String postgresJdbcUrl() {
        return PostgresServer.jdbcUrl(postgresPort, PostgresServer.DATABASE);
    }

    /** A port, its user, and how to change it. */
    public record PortUse(int port, String what, String flag, String env) {}
}
