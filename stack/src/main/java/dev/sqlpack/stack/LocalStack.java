package dev.sqlpack.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sqlpack.stack.kafka.KafkaBroker;
import dev.sqlpack.stack.postgres.PostgresServer;
import dev.sqlpack.stack.process.ChildProcess;
import dev.sqlpack.stack.process.Ports;
import dev.sqlpack.stack.process.ProcessHistory;
import dev.sqlpack.stack.process.Supervisor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Starts, inspects and stops the local stack: Kafka, PostgreSQL, a Flink JobManager, one or more
 * TaskManagers, and the SQL gateway, each its own process bound to 127.0.0.1 under a supervisor
 * that restarts it ({@link ServerProcesses}). What runs is recorded under {@code <state dir>/run}
 * so later commands find it; {@link #up()} starts only what is missing.
 */
public final class LocalStack {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(
            Long.getLong("sqlpack.startTimeoutSeconds", 120));
    private static final int LOG_LINES_ON_FAILURE = 25;

    private final SqlPackHome home;
    private final StackConfig config;
    private final Consumer<String> progress;
    private final ServerProcesses processes;
    private final StackHealth health;
    private HttpClient http;
    private boolean udfJarOnClasspath = true;
    private boolean auth = true;
    private final Map<String, String> extraConf = new LinkedHashMap<>();
    private String extraClasspath = "";

    public LocalStack(SqlPackHome home, StackConfig config, Consumer<String> progress) {
        this.home = home;
        this.config = config;
        this.progress = progress;
        this.processes = new ServerProcesses(config);
        this.health = new StackHealth(config, this::http, this::currentTaskManagerId);
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

    /** Puts {@code jars} on the class path of every Flink process this stack starts (a catalog's or connector's jar). */
    public LocalStack withJars(List<Path> jars) {
        for (Path j : jars) {
            extraClasspath += java.io.File.pathSeparator + j.toAbsolutePath();
        }
        return this;
    }

    /** The configuration of the stack recorded as running in {@code stateDir}, if any. */
    public static Optional<StackConfig> recorded(Path stateDir) {
        return StackState.read(stateDir.resolve("run")).map(s -> s.config(stateDir.toAbsolutePath().normalize()));
    }

    /**
     * Starts every server that is not running, and leaves the running ones alone: ports and paths
     * come from the recorded configuration, so parts started now fit the parts still running. A
     * server whose supervisor died is supervised again without a restart. TaskManagers beyond
     * {@link StackConfig#taskManagers()} are stopped. Returns false when there was nothing to do.
     */
    public boolean up() {
        List<Server> wanted = Server.all(config.taskManagers());
        Map<Server, ServerProcesses.State> before = new LinkedHashMap<>();
        for (Server s : servers()) {
            processes.noticeDeath(s);
            before.put(s, processes.state(s));
        }
        List<Server> missing = wanted.stream().filter(s -> before.get(s) == ServerProcesses.State.DOWN
                || before.get(s) == ServerProcesses.State.UNSUPERVISED).toList();
        List<Server> surplus = before.keySet().stream().filter(s -> !wanted.contains(s)
                && before.get(s) != ServerProcesses.State.DOWN).toList();
        if (missing.isEmpty() && surplus.isEmpty()) {
            if (!whole()) {
                // a supervisor is restarting a server, or a restarted JobManager awaits its TaskManagers
                progress.accept("Every server runs; waiting until all of them answer again.");
                awaitWhole(START_TIMEOUT);
            }
            return false;
        }
        boolean fresh = before.values().stream().allMatch(st -> st == ServerProcesses.State.DOWN);
        if (!fresh) {
            udfJarOnClasspath = udfJarOnClasspathAsRecorded(); // new parts get the class path the running ones have
        }
        checkPortsFree(missing.stream().filter(s -> before.get(s) == ServerProcesses.State.DOWN).toList());
        try {
            Files.createDirectories(config.runDir());
            Files.createDirectories(config.logDir());
            writeRecord();
            if (fresh || !Files.exists(config.confDir().resolve("config.yaml"))) {
                writeFlinkConf();
            }
            initSql();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Server> started = new ArrayList<>();
        try {
            for (Server s : missing) {
                started.add(s); // stopped on failure too: its supervisor would restart it forever
                start(s, before.get(s) == ServerProcesses.State.UNSUPERVISED);
            }
            for (Server s : surplus) {
                processes.stop(s, progress);
            }
            if (!fresh) {
                awaitWhole(START_TIMEOUT);
            }
        } catch (RuntimeException e) {
            progress.accept("Start-up failed; stopping what was started.");
            java.util.Collections.reverse(started);
            started.forEach(s -> processes.stop(s, progress));
            throw e;
        }
        return true;
    }

    /** Stops every server, last started first; returns the ones that were running. */
    public List<Server> down() {
        List<Server> order = new ArrayList<>(servers());
        java.util.Collections.reverse(order);
        List<Server> stopped = new ArrayList<>();
        for (Server s : order) {
            if (processes.stop(s, progress)) {
                stopped.add(s);
            }
        }
        StackState.delete(config.runDir());
        return stopped;
    }

    /** Every server of the stack, with what is known of its life; records deaths nobody recorded. */
    public List<ComponentStatus> status() {
        List<ComponentStatus> all = new ArrayList<>();
        for (Server s : servers()) {
            processes.noticeDeath(s);
            Optional<ProcessHandle> supervisor = processes.supervisor(s);
            Optional<ProcessHandle> server = processes.server(s);
            Integer port = s.component().portKey() == null ? null : config.ports().get(s.component().portKey()).port();
            all.add(new ComponentStatus(s, processes.state(s), supervisor.or(() -> server).map(ProcessHandle::pid).orElse(null),
                    server.map(ProcessHandle::pid).orElse(null), port, logFile(s), processes.history(s).summary()));
        }
        return all;
    }

    /** True when every server runs and answers (Kafka and PostgreSQL accept clients, every TaskManager is registered). */
    public boolean whole() {
        for (Server s : Server.all(config.taskManagers())) {
            if (processes.state(s) != ServerProcesses.State.UP || !health.healthy(s)) {
                return false;
            }
        }
        return true;
    }

    /** Waits until {@link #whole()}, e.g. after a supervisor restarted a server. */
    public void awaitWhole(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!whole()) {
            if (System.nanoTime() > deadline) {
                List<String> notReady = new ArrayList<>();
                for (Server s : Server.all(config.taskManagers())) {
                    if (processes.state(s) != ServerProcesses.State.UP || !health.healthy(s)) {
                        notReady.add(s.id() + " (" + processes.state(s).name().toLowerCase(java.util.Locale.ROOT)
                                + ", log " + logFile(s) + ")");
                    }
                }
                throw new StackException("The stack is not whole after " + timeout.toSeconds() + " s: "
                        + String.join(", ", notReady) + " not answering. See './sqlpack status' and the logs.");
            }
            sleep(300);
        }
    }

    public Path logFile(Component c) {
        return logFile(c == Component.TASKMANAGER ? Server.taskManager(1) : Server.of(c));
    }

    public Path logFile(Server s) {
        return processes.logFile(s);
    }

    /** The recorded servers: those of the configuration, and TaskManagers left from a larger one. */
    public List<Server> servers() {
        List<Server> all = new ArrayList<>(Server.all(config.taskManagers()));
        for (Server tm : processes.recordedTaskManagers()) {
            if (!all.contains(tm)) {
                all.add(all.indexOf(Server.of(Component.GATEWAY)), tm);
            }
        }
        return all;
    }

    private void checkPortsFree(List<Server> toStart) {
        for (Map.Entry<String, StackConfig.PortUse> e : config.ports().entrySet()) {
            StackConfig.PortUse use = e.getValue();
            boolean needed = toStart.stream().anyMatch(s -> s.component().portKey() != null
                    && e.getKey().startsWith(s.component().portKey()));
            if (needed && !Ports.isFree(use.port())) {
                throw new StackException("Port " + use.port() + " (" + use.what() + ") is already in use on 127.0.0.1. "
                        + "Stop whatever uses it, or choose another port: ./sqlpack up " + use.flag() + " <port> "
                        + "(or set " + use.env() + ").");
            }
        }
    }

    private void start(Server s, boolean adopt) {
        Component c = s.component();
        progress.accept((adopt ? "Supervising the running " : "Starting ") + s.id() + portSuffix(c));
        long t0 = System.nanoTime();
        java.time.Instant since = java.time.Instant.now();
        try {
            switch (c) {
                case KAFKA -> {
                    Path dir = config.stateDir().resolve("kafka");
                    List<String> cmd = KafkaBroker.prepare(home.kafkaClasspath(), dir,
                            config.kafkaPort(), config.kafkaControllerPort(), logFile(s));
                    processes.launch(s, cmd, dir, Map.of(), adopt);
                }
                case POSTGRES -> {
                    Path data = config.stateDir().resolve("postgres/data");
                    List<String> cmd = PostgresServer.prepare(data, config.postgresPort(), logFile(s), true);
                    processes.launch(s, cmd, data.getParent(), Map.of(), adopt);
                }
                case JOBMANAGER -> {
                    startFlinkProcess(s, "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                            resourceParams("GET_JM_RESOURCE_PARAMS"), adopt);
                }
                case TASKMANAGER -> {
                    FlinkProcessParams p = resourceParams("GET_TM_RESOURCE_PARAMS");
                    List<String> dynamic = new ArrayList<>(p.dynamicConfigs());
                    // its own id, so the JobManager tells the TaskManagers apart. A restart gets a new
                    // one (sqlpack-taskmanager-2-restart-1): the ResourceManager keeps watching the
                    // heartbeat of a dead TaskManager's id and, when it times out, would disconnect a
                    // successor that reused the id, failing its tasks a second time.
                    dynamic.addAll(List.of("-D", "taskmanager.resource-id=" + taskManagerResourceId(s.index())
                            + Supervisor.RESTART_SUFFIX));
                    startFlinkProcess(s, "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                            new FlinkProcessParams(p.jvmArgs(), dynamic), adopt);
                }
                case GATEWAY -> {
                    startFlinkProcess(s, "org.apache.flink.table.gateway.SqlGateway",
                            new FlinkProcessParams(List.of("-Xmx768m"), List.of()), adopt);
                }
                default -> throw new IllegalStateException(c.toString());
            }
            awaitHealthy(s, since);
            if (c == Component.POSTGRES) {
                PostgresServer.ensureDatabase(config.postgresPort());
            }
        } catch (IOException e) {
            throw new StackException("Could not start " + s.id() + ": " + e.getMessage()
                    + ". Log " + logFile(s) + ":\n" + ChildProcess.tail(logFile(s), LOG_LINES_ON_FAILURE), e);
        } catch (IllegalStateException e) {
            throw new StackException("Could not start " + s.id() + ": " + e.getMessage(), e);
        }
        progress.accept(String.format("  %s is up (%.1f s)", s.id(), (System.nanoTime() - t0) / 1e9));
    }

    /** The resource id of TaskManager {@code index} as first started: its name in the Web UI and the REST API. */
    public static String taskManagerResourceId(int index) {
        return "sqlpack-taskmanager-" + index;
    }

    /** The resource id of TaskManager {@code index} after {@code restarts} restarts by its supervisor. */
    public static String taskManagerResourceId(int index, int restarts) {
        return taskManagerResourceId(index) + Supervisor.restartSuffix(restarts);
    }

    /** The resource id the running process of TaskManager {@code s} registers with (empty when not running). */
    public Optional<String> currentTaskManagerId(Server s) {
        return processes.server(s).flatMap(h -> {
            java.util.OptionalInt restarts = processes.history(s).restartsWhenStarted(h.pid());
            return restarts.isPresent() ? Optional.of(taskManagerResourceId(s.index(), restarts.getAsInt())) : Optional.empty();
        });
    }

    private String portSuffix(Component c) {
        return c.portKey() == null ? "" : " on 127.0.0.1:" + config.ports().get(c.portKey()).port();
    }

    private void startFlinkProcess(Server s, String mainClass, FlinkProcessParams params, boolean adopt) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable());
        cmd.addAll(params.jvmArgs());
        cmd.addAll(javaOptions());
        cmd.add("-Dlog.file=" + logFile(s));
        cmd.add("-Dlog4j.configurationFile=" + config.confDir().resolve("log4j.properties").toUri());
        cmd.add("-cp");
        cmd.add(home.flinkClasspath(udfJarOnClasspath) + extraClasspath);
        cmd.add(mainClass);
        if (s.component() != Component.GATEWAY) {
            cmd.add("--configDir");
            cmd.add(config.confDir().toString());
        }
        cmd.addAll(params.dynamicConfigs());
        processes.launch(s, cmd, config.stateDir(), Map.of("FLINK_CONF_DIR", config.confDir().toString()), adopt);
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

    /**
     * Waits until the server answers; fails when it exits during start-up (its supervisor records
     * the exit) or its supervisor dies.
     */
    private void awaitHealthy(Server s, java.time.Instant since) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            boolean exited = processes.history(s).events().stream()
                    .anyMatch(e -> e.kind() == ProcessHistory.Kind.EXITED && !e.time().isBefore(since));
            if (exited || processes.supervisor(s).isEmpty()) {
                throw new StackException("Could not start " + s.id() + ": " + s.component().displayName()
                        + " exited during start-up. Log " + logFile(s)
                        + ":\n" + lastLines(s));
            }
            if (processes.server(s).isPresent() && health.healthy(s)) {
                return;
            }
            sleep(300);
        }
        String why = health.lastProblem().isEmpty() ? "" : " (last check: " + health.lastProblem() + ")";
        throw new StackException("Could not start " + s.id() + ": it did not answer within " + START_TIMEOUT.toSeconds()
                + " s" + why + ". Log " + logFile(s) + ":\n" + lastLines(s));
    }

    private String lastLines(Server s) {
        Path out = processes.outFile(s);
        String tail = ChildProcess.tail(logFile(s), LOG_LINES_ON_FAILURE);
        if (!out.equals(logFile(s)) && Files.exists(out)) {
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

    /** The resource ids of the TaskManagers registered with the JobManager (empty when it does not answer). */
    public java.util.Set<String> registeredTaskManagers() {
        return health.registeredTaskManagers();
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
            if (authAsRecorded()) {
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
        return StackState.read(config.runDir()).map(StackState::udfJarOnClasspath).orElse(true);
    }

    /** Whether the running stack was started with the gateway extension on (a stack recorded before the flag: off). */
    private boolean authAsRecorded() {
        return StackState.read(config.runDir()).map(StackState::auth).orElse(false);
    }

    /** JVM options every Flink process needs on Java 17, from {@code env.java.opts.all} in the config. */
    List<String> javaOptions() throws IOException {
        String value = FlinkConfFile.read(Files.readString(config.confDir().resolve("config.yaml")), "env.java.opts.all");
        return value == null ? List.of() : split(value);
    }

    private void writeRecord() {
        StackState.of(config, udfJarOnClasspath, auth).write(config.runDir());
    }

    /** The pid of the running TaskManager JVM (the first TaskManager's), if any. */
    public Optional<Long> taskManagerPid() {
        return serverPid(Server.taskManager(1));
    }

    /** What happened to a server: its starts, exits and stops. */
    public ProcessHistory history(Server s) {
        return processes.history(s);
    }

    /** The pid of the server process itself (not its supervisor's), if it runs. */
    public Optional<Long> serverPid(Server s) {
        return processes.server(s).map(ProcessHandle::pid);
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

    /**
     * One server's state as {@code ./sqlpack status} shows it. {@code pid} is the root of its
     * processes (its supervisor's pid, or the server's when it runs unsupervised); {@code serverPid}
     * the server's own.
     */
    public record ComponentStatus(Server server, ServerProcesses.State state, Long pid, Long serverPid, Integer port,
            Path logFile, ProcessHistory.Summary history) {
        public Component component() {
            return server.component();
        }

        /** Running, or about to run again (its supervisor restarts it). */
        public boolean running() {
            return state != ServerProcesses.State.DOWN;
        }
    }
}
