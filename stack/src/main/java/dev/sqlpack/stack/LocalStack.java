package dev.sqlpack.stack;

import dev.sqlpack.stack.postgres.PostgresServer;
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
    private static final Duration START_TIMEOUT = HealthWait.START_TIMEOUT;

    private final StackConfig config;
    private final Consumer<String> progress;
    private final ServerProcesses processes;
    private final StackHealth health;
    private final HealthWait waits;
    private final FlinkConfDir conf;
    private final ServerLauncher launcher;
    private HttpClient http;
    private boolean udfJarOnClasspath = true;
    private boolean auth = true;
    private final Map<String, String> extraConf = new LinkedHashMap<>();

    public LocalStack(SqlPackHome home, StackConfig config, Consumer<String> progress) {
        this.config = config;
        this.progress = progress;
        this.processes = new ServerProcesses(config);
        this.health = new StackHealth(config, this::http, this::currentTaskManagerId);
        this.waits = new HealthWait(config, processes, health);
        this.conf = new FlinkConfDir(home, config);
        this.launcher = new ServerLauncher(home, config, processes, conf);
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
        launcher.addJars(jars);
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
            if (fresh || !Files.exists(conf.configYaml())) {
                conf.writeFlinkConf(auth, extraConf);
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
        return waits.whole();
    }

    /** Waits until {@link #whole()}, e.g. after a supervisor restarted a server. */
    public void awaitWhole(Duration timeout) {
        waits.awaitWhole(timeout);
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
                throw new StackException("Port " + use.port() + " (" + use.what() + ") is already in use on " + Ports.LOOPBACK + ". "
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
            launcher.launch(s, adopt, udfJarOnClasspath);
            waits.awaitHealthy(s, since);
            if (c == Component.POSTGRES) {
                PostgresServer.ensureDatabase(config.postgresPort());
            }
        } catch (IOException e) {
            throw new StackException("Could not start " + s.id() + ": " + e.getMessage()
                    + ". Log " + logFile(s) + ":\n" + waits.lastLines(s), e);
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
        return c.portKey() == null ? "" : " on " + Ports.LOOPBACK + ":" + config.ports().get(c.portKey()).port();
    }

    /** The resource ids of the TaskManagers registered with the JobManager (empty when it does not answer). */
    public java.util.Set<String> registeredTaskManagers() {
        return health.registeredTaskManagers();
    }

    /**
     * Writes gateway-config/init.sql with this stack's paths filled in to the conf directory
     * (afresh each time, so edits apply to the next session) and returns its path.
     */
    public Path initSql() {
        try {
            return conf.writeInitSql(udfJarOnClasspathAsRecorded(), authAsRecorded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean udfJarOnClasspathAsRecorded() {
        return StackState.read(config.runDir()).map(StackState::udfJarOnClasspath).orElse(true);
    }

    /** Whether the running stack was started with the gateway extension on (a stack recorded before the flag: off). */
    private boolean authAsRecorded() {
        return StackState.read(config.runDir()).map(StackState::auth).orElse(false);
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
