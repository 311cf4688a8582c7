package dev.sqlpack.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlpack.stack.kafka.KafkaBroker;
import dev.sqlpack.stack.postgres.PostgresServer;
import dev.sqlpack.stack.process.ChildProcess;
import dev.sqlpack.stack.process.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Starts, inspects and stops the local stack: Kafka, PostgreSQL, a Flink JobManager and
 * TaskManager, and the SQL gateway, each its own process bound to 127.0.0.1. What runs is
 * recorded under {@code <state dir>/run} so later commands find it.
 */
public final class LocalStack {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(
            Long.getLong("sqlpack.startTimeoutSeconds", 120));
    private static final int LOG_LINES_ON_FAILURE = 25;

    private final SqlPackHome home;
    private final StackConfig config;
    private final Consumer<String> progress;
    private HttpClient http;
    private boolean udfJarOnClasspath = true;
    private boolean auth = true;
    private final Map<String, String> extraConf = new LinkedHashMap<>();

    public LocalStack(SqlPackHome home, StackConfig config, Consumer<String> progress) {
        this.home = home;
        this.config = config;
        this.progress = progress;
    }

    /** Made on first use: with TLS, the certificate exists only once the config is written. */
    private HttpClient http() {
        if (http == null) {
            HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
            Tls.clientContext(config).ifPresent(b::sslContext);
            http = b.build();
        }
        return http;
    }

    public StackConfig config() {
        return config;
    }

    /** Leaves sqlpack-udfs.jar off the cluster's class path (see {@link SqlPackHome#flinkClasspath(boolean)}). */
    public LocalStack withoutUdfJarOnClasspath() {
        this.udfJarOnClasspath = false;
        return this;
    }

    /** Runs the stock SQL gateway endpoint: no identities, policy, audit or session-init (./sqlpack up --no-auth). */
    public LocalStack withoutAuth() {
        this.auth = false;
        return this;
    }

    /** Extra config.yaml entries for this start (tests: short idle timeouts, low limits). */
    public LocalStack withConfig(Map<String, String> entries) {
        extraConf.putAll(entries);
        return this;
    }

    /** The configuration of the stack recorded as running in {@code stateDir}, if any. */
    public static Optional<StackConfig> recorded(Path stateDir) {
        Path file = stateDir.resolve("run/stack.json");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonNode n = JSON.readTree(file.toFile());
            return Optional.of(new StackConfig(stateDir.toAbsolutePath().normalize(),
                    n.get("kafkaPort").asInt(), n.get("kafkaControllerPort").asInt(),
                    n.get("postgresPort").asInt(), n.get("jobManagerPort").asInt(),
                    n.get("jobManagerRpcPort").asInt(), n.get("gatewayPort").asInt(),
                    n.get("slots").asInt(), n.path("tls").asBoolean(false)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts every component not yet running; returns false when all of them already ran. */
    public boolean up() {
        Map<Component, ComponentStatus> before = statusByComponent();
        if (before.values().stream().allMatch(ComponentStatus::running)) {
            return false;
        }
        if (before.values().stream().anyMatch(ComponentStatus::running)) {
            throw new StackException("Part of the stack is already running in " + config.stateDir()
                    + " (" + describeRunning(before) + "). Run './sqlpack down' first, then './sqlpack up'.");
        }
        checkPortsFree();
        try {
            Files.createDirectories(config.runDir());
            Files.createDirectories(config.logDir());
            writeRecord();
            writeFlinkConf();
            initSql();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Component> started = new ArrayList<>();
        try {
            for (Component c : Component.values()) {
                start(c);
                started.add(c);
            }
        } catch (RuntimeException e) {
            progress.accept("Start-up failed; stopping what was started.");
            stopAll();
            throw e;
        }
        return true;
    }

    /** Stops every component, last started first; returns the ones that were running. */
    public List<Component> down() {
        List<Component> stopped = stopAll();
        try {
            Files.deleteIfExists(config.runDir().resolve("stack.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return stopped;
    }

    public List<ComponentStatus> status() {
        return new ArrayList<>(statusByComponent().values());
    }

    public Path logFile(Component c) {
        return config.logDir().resolve(c.id() + ".log");
    }

    private List<Component> stopAll() {
        List<Component> stopped = new ArrayList<>();
        List<Component> order = new ArrayList<>(List.of(Component.values()));
        java.util.Collections.reverse(order);
        for (Component c : order) {
            Optional<ChildProcess> p = recordedProcess(c);
            if (p.isPresent() && p.get().isAlive()) {
                progress.accept("Stopping " + c.id() + " (pid " + p.get().pid() + ")");
                p.get().stop(c == Component.POSTGRES ? "INT" : "TERM", Duration.ofSeconds(30));
                stopped.add(c);
            }
            try {
                Files.deleteIfExists(pidFile(c));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return stopped;
    }

    private Map<Component, ComponentStatus> statusByComponent() {
        Map<Component, ComponentStatus> m = new EnumMap<>(Component.class);
        for (Component c : Component.values()) {
            Optional<ChildProcess> p = recordedProcess(c);
            boolean alive = p.isPresent() && p.get().isAlive();
            Integer port = c.portKey() == null ? null : config.ports().get(c.portKey()).port();
            m.put(c, new ComponentStatus(c, alive, alive ? p.get().pid() : null, port, logFile(c)));
        }
        return m;
    }

    private static String describeRunning(Map<Component, ComponentStatus> status) {
        List<String> parts = new ArrayList<>();
        status.values().stream().filter(ComponentStatus::running)
                .forEach(s -> parts.add(s.component().id() + " pid " + s.pid()));
        return String.join(", ", parts);
    }

    private void checkPortsFree() {
        for (StackConfig.PortUse use : config.ports().values()) {
            if (!Ports.isFree(use.port())) {
                throw new StackException("Port " + use.port() + " (" + use.what() + ") is already in use on 127.0.0.1. "
                        + "Stop whatever uses it, or choose another port: ./sqlpack up " + use.flag() + " <port> "
                        + "(or set " + use.env() + ").");
            }
        }
    }

    private void start(Component c) {
        progress.accept("Starting " + c.id() + portSuffix(c));
        long t0 = System.nanoTime();
        try {
            switch (c) {
                case KAFKA -> {
                    KafkaBroker broker = KafkaBroker.start(home.kafkaClasspath(), config.stateDir().resolve("kafka"),
                            config.kafkaPort(), config.kafkaControllerPort(), logFile(c), START_TIMEOUT);
                    writePid(c, broker.pid());
                }
                case POSTGRES -> {
                    PostgresServer pg = PostgresServer.start(config.stateDir().resolve("postgres/data"),
                            config.postgresPort(), logFile(c), true);
                    writePid(c, pg.pid());
                }
                case JOBMANAGER -> {
                    ChildProcess p = startFlinkProcess(c, "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                            resourceParams("GET_JM_RESOURCE_PARAMS"));
                    awaitHealthy(c, p, () -> httpOk(config.webUiUrl() + "/overview"));
                }
                case TASKMANAGER -> {
                    ChildProcess p = startFlinkProcess(c, "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                            resourceParams("GET_TM_RESOURCE_PARAMS"));
                    awaitHealthy(c, p, this::taskManagerRegistered);
                }
                case GATEWAY -> {
                    ChildProcess p = startFlinkProcess(c, "org.apache.flink.table.gateway.SqlGateway",
                            new FlinkProcessParams(List.of("-Xmx768m"), List.of()));
                    awaitHealthy(c, p, () -> httpOk(config.gatewayUrl() + "/v1/info"));
                }
                default -> throw new IllegalStateException(c.toString());
            }
        } catch (IOException e) {
            throw new StackException("Could not start " + c.id() + ": " + e.getMessage()
                    + ". Log " + logFile(c) + ":\n" + ChildProcess.tail(logFile(c), LOG_LINES_ON_FAILURE), e);
        } catch (IllegalStateException e) {
            throw new StackException("Could not start " + c.id() + ": " + e.getMessage(), e);
        }
        progress.accept(String.format("  %s is up (%.1f s)", c.id(), (System.nanoTime() - t0) / 1e9));
    }

    private String portSuffix(Component c) {
        return c.portKey() == null ? "" : " on 127.0.0.1:" + config.ports().get(c.portKey()).port();
    }

    private ChildProcess startFlinkProcess(Component c, String mainClass, FlinkProcessParams params) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable());
        cmd.addAll(params.jvmArgs());
        cmd.addAll(javaOptions());
        cmd.add("-Dlog.file=" + logFile(c));
        cmd.add("-Dlog4j.configurationFile=" + config.confDir().resolve("log4j.properties").toUri());
        cmd.add("-cp");
        cmd.add(home.flinkClasspath(udfJarOnClasspath));
        cmd.add(mainClass);
        if (c != Component.GATEWAY) {
            cmd.add("--configDir");
            cmd.add(config.confDir().toString());
        }
        cmd.addAll(params.dynamicConfigs());
        if (c == Component.TASKMANAGER) {
            // restarted when it dies, like under a cluster manager; down stops the supervisor
            List<String> supervised = new ArrayList<>(List.of(javaExecutable(), "-Xmx32m", "-cp",
                    dev.sqlpack.stack.process.Supervisor.classpath(), dev.sqlpack.stack.process.Supervisor.class.getName(),
                    taskManagerPidFile().toString(), "1000", "--"));
            supervised.addAll(cmd);
            cmd = supervised;
        }
        ChildProcess p = ChildProcess.start(c.id(), cmd, config.logDir().resolve(c.id() + ".out"),
                config.stateDir(), Map.of("FLINK_CONF_DIR", config.confDir().toString()));
        writePid(c, p.pid());
        return p;
    }

    /** JVM sizes and memory settings computed by Flink's own BashJavaUtils, as flink-dist's scripts do. */
    private FlinkProcessParams resourceParams(String command) throws IOException {
        List<String> cmd = List.of(javaExecutable(), "-cp", home.flinkClasspath(),
                "-Dlog4j2.level=OFF", "-Dlog4j.configurationFile=none",
                "org.apache.flink.runtime.util.bash.BashJavaUtils", command,
                "--configDir", config.confDir().toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        List<String> results = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("BASH_JAVA_UTILS_EXEC_RESULT:")) {
                results.add(line.substring("BASH_JAVA_UTILS_EXEC_RESULT:".length()).trim());
            }
        }
        if (results.size() < 2 || p.exitValue() != 0) {
            throw new IllegalStateException("Flink could not size the process from " + config.confDir()
                    + "/config.yaml (" + command + "):\n" + out);
        }
        return new FlinkProcessParams(split(results.get(0)), split(results.get(1)));
    }

    private static List<String> split(String s) {
        List<String> parts = new ArrayList<>();
        for (String t : s.trim().split("\\s+")) {
            if (!t.isEmpty()) {
                parts.add(t);
            }
        }
        return parts;
    }

    private void awaitHealthy(Component c, ChildProcess p, BooleanSupplier healthy) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new StackException(c.id() + " exited during start-up. Log " + logFile(c) + ":\n"
                        + lastLines(c));
            }
            if (healthy.getAsBoolean()) {
                return;
            }
            sleep(300);
        }
        throw new StackException(c.id() + " did not become healthy within " + START_TIMEOUT.toSeconds()
                + " s. Log " + logFile(c) + ":\n" + lastLines(c));
    }

    private String lastLines(Component c) {
        Path out = config.logDir().resolve(c.id() + ".out");
        String tail = ChildProcess.tail(logFile(c), LOG_LINES_ON_FAILURE);
        if (Files.exists(out)) {
            try {
                if (Files.size(out) > 0) {
                    tail += "\n--- " + out + ":\n" + ChildProcess.tail(out, LOG_LINES_ON_FAILURE);
                }
            } catch (IOException ignored) {
                // the main log is what matters
            }
        }
        return tail;
    }

    private boolean taskManagerRegistered() {
        try {
            HttpResponse<String> r = http().send(HttpRequest.newBuilder(URI.create(config.webUiUrl() + "/overview"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && JSON.readTree(r.body()).path("taskmanagers").asInt() >= 1;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean httpOk(String url) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2));
            GatewayExtension.token(config).ifPresent(t -> b.header("Authorization", "Bearer " + t));
            return http().send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Writes {@code <state>/conf}: the template from gateway-config with this run's ports and paths. */
    private void writeFlinkConf() throws IOException {
        Files.createDirectories(config.confDir());
        Path state = config.stateDir();
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("jobmanager.rpc.port", Integer.toString(config.jobManagerRpcPort()));
        overrides.put("rest.port", Integer.toString(config.jobManagerPort()));
        overrides.put("sql-gateway.endpoint.rest.port", Integer.toString(config.gatewayPort()));
        overrides.put("taskmanager.numberOfTaskSlots", Integer.toString(config.slots()));
        overrides.put("execution.checkpointing.dir", state.resolve("checkpoints").toUri().toString());
        overrides.put("execution.checkpointing.savepoint-dir", state.resolve("savepoints").toUri().toString());
        overrides.put("io.tmp.dirs", state.resolve("tmp").toString());
        overrides.put("web.tmpdir", state.resolve("tmp/web").toString());
        if (config.tls()) {
            overrides.putAll(Tls.ensureCertificate(config));
        }
        if (auth) {
            GatewayExtension.prepare(config, home.gatewayConfig().resolve("identities"));
            overrides.putAll(GatewayExtension.configOverrides(config));
        } else {
            GatewayExtension.forgetToken(config);
        }
        overrides.putAll(extraConf);
        Files.createDirectories(state.resolve("tmp/web"));
        Files.writeString(config.confDir().resolve("config.yaml"),
                FlinkConfFile.render(Files.readString(home.gatewayConfig().resolve("config.yaml")), overrides));
        Files.copy(home.gatewayConfig().resolve("log4j.properties"), config.confDir().resolve("log4j.properties"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(home.gatewayConfig().resolve("log4j-cli.properties"), config.confDir().resolve("log4j-cli.properties"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Writes gateway-config/init.sql with this stack's paths filled in to the conf directory
     * (afresh each time, so edits apply to the next session) and returns its path.
     */
    public Path initSql() {
        Path target = config.confDir().resolve("init.sql");
        try {
            Files.createDirectories(config.confDir());
            String init = Files.readString(home.gatewayConfig().resolve("init.sql"))
                    .replace("${state.dir}", config.stateDir().toString());
            if (!udfJarOnClasspathAsRecorded()) {
                // the module's classes come with the session, as on a stock cluster
                init = "-- added by ./sqlpack: the stack runs with --no-udf-jar\nADD JAR '" + home.udfJar() + "';\n" + init;
            }
            Files.writeString(GatewayExtension.sessionInitFile(config), init);
            if (recordedFlag("auth")) {
                // the gateway already ran the rest in the session; only client-side settings stay
                init = "-- The gateway extension ran " + GatewayExtension.sessionInitFile(config).getFileName()
                        + " when the session opened; what remains is for the client.\n"
                        + dev.sqlpack.stack.gateway.SqlScript.split(init).stream()
                                .filter(st -> st.replaceAll("(?s)^(\\s|--[^\n]*\n)*", "").regionMatches(true, 0, "SET ", 0, 4))
                                .map(st -> st + ";\n").collect(java.util.stream.Collectors.joining());
            }
            Files.writeString(target, init);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    private boolean udfJarOnClasspathAsRecorded() {
        return recordedFlag("udfJarOnClasspath");
    }

    private boolean recordedFlag(String name) {
        Path file = config.runDir().resolve("stack.json");
        try {
            boolean absent = name.equals("udfJarOnClasspath"); // what a stack recorded before the flag existed had
            return !Files.exists(file) ? absent : JSON.readTree(file.toFile()).path(name).asBoolean(absent);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** JVM options every Flink process needs on Java 17, from {@code env.java.opts.all} in the config. */
    List<String> javaOptions() throws IOException {
        String value = FlinkConfFile.read(Files.readString(config.confDir().resolve("config.yaml")), "env.java.opts.all");
        return value == null ? List.of() : split(value);
    }

    private void writeRecord() throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("kafkaPort", config.kafkaPort());
        n.put("kafkaControllerPort", config.kafkaControllerPort());
        n.put("postgresPort", config.postgresPort());
        n.put("jobManagerPort", config.jobManagerPort());
        n.put("jobManagerRpcPort", config.jobManagerRpcPort());
        n.put("gatewayPort", config.gatewayPort());
        n.put("slots", config.slots());
        n.put("tls", config.tls());
        n.put("udfJarOnClasspath", udfJarOnClasspath);
        n.put("auth", auth);
        JSON.writerWithDefaultPrettyPrinter().writeValue(config.runDir().resolve("stack.json").toFile(), n);
    }

    /** The TaskManager JVM itself (the component's recorded pid is its supervisor's). */
    public Path taskManagerPidFile() {
        return config.runDir().resolve("taskmanager-jvm.pid");
    }

    /** The pid of the running TaskManager JVM, if any. */
    public Optional<Long> taskManagerPid() {
        try {
            Path f = taskManagerPidFile();
            if (!Files.exists(f)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(f).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private Path pidFile(Component c) {
        return config.runDir().resolve(c.id() + ".pid");
    }

    private void writePid(Component c, long pid) throws IOException {
        Files.writeString(pidFile(c), Long.toString(pid));
    }

    private Optional<ChildProcess> recordedProcess(Component c) {
        Path f = pidFile(c);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readString(f).trim());
            return Optional.of(ChildProcess.attach(c.id(), pid, logFile(c)));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted", e);
        }
    }

    private record FlinkProcessParams(List<String> jvmArgs, List<String> dynamicConfigs) {}

    /** One component's state as {@code ./sqlpack status} shows it. */
    public record ComponentStatus(Component component, boolean running, Long pid, Integer port, Path logFile) {}
}
