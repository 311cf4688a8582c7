package dev.sqlpack.stack;

import static dev.sqlpack.stack.LocalStack.taskManagerResourceId;

import dev.sqlpack.stack.kafka.KafkaBroker;
import dev.sqlpack.stack.postgres.PostgresServer;
import dev.sqlpack.stack.process.Supervisor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds each server's command line (for Flink's processes with the JVM and memory sizes Flink
 * computes from the config) and hands it to {@link ServerProcesses} to run under a supervisor.
 */
final class ServerLauncher {
    private static final String BASH_JAVA_UTILS_RESULT = "BASH_JAVA_UTILS_EXEC_RESULT:";

    private final SqlPackHome home;
    private final StackConfig config;
    private final ServerProcesses processes;
    private final FlinkConfDir conf;

    private String extraClasspath = "";

    /** Puts {@code jars} on the class path of every Flink process started from now on. */
    void addJars(List<Path> jars) {
        for (Path j : jars) {
            extraClasspath += java.io.File.pathSeparator + j.toAbsolutePath();
        }
    }

    ServerLauncher(SqlPackHome home, StackConfig config, ServerProcesses processes, FlinkConfDir conf) {
        this.home = home;
        this.config = config;
        this.processes = processes;
        this.conf = conf;
    }

    /**
     * Starts server {@code s} under a new supervisor; returns at once. With {@code adopt} the
     * supervisor watches the server left running by a dead one instead.
     */
    void launch(Server s, boolean adopt, boolean udfJarOnClasspath) throws IOException {
        Component c = s.component();
        switch (c) {
            case KAFKA -> {
                Path dir = config.stateDir().resolve("kafka");
                List<String> cmd = KafkaBroker.prepare(home.kafkaClasspath(), dir,
                        config.kafkaPort(), config.kafkaControllerPort(), processes.logFile(s));
                processes.launch(s, cmd, dir, Map.of(), adopt);
            }
            case POSTGRES -> {
                Path data = config.stateDir().resolve("postgres/data");
                List<String> cmd = PostgresServer.prepare(data, config.postgresPort(), processes.logFile(s), true);
                processes.launch(s, cmd, data.getParent(), Map.of(), adopt);
            }
            case JOBMANAGER -> {
                startFlinkProcess(s, "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                        resourceParams("GET_JM_RESOURCE_PARAMS"), adopt, udfJarOnClasspath);
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
                        new FlinkProcessParams(p.jvmArgs(), dynamic), adopt, udfJarOnClasspath);
            }
            case GATEWAY -> {
                startFlinkProcess(s, "org.apache.flink.table.gateway.SqlGateway",
                        new FlinkProcessParams(List.of("-Xmx768m"), List.of()), adopt, udfJarOnClasspath);
            }
            default -> throw new IllegalStateException(c.toString());
        }
    }

    private void startFlinkProcess(Server s, String mainClass, FlinkProcessParams params, boolean adopt,
            boolean udfJarOnClasspath) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable());
        cmd.addAll(params.jvmArgs());
        cmd.addAll(conf.javaOptions());
        cmd.add("-Dlog.file=" + processes.logFile(s));
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
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        List<String> results = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith(BASH_JAVA_UTILS_RESULT)) {
                results.add(line.substring(BASH_JAVA_UTILS_RESULT.length()).trim());
            }
        }
        if (results.size() < 2 || p.exitValue() != 0) {
            throw new IllegalStateException("Flink could not size the process from " + conf.configYaml()
                    + " (" + command + "):\n" + out);
        }
        return new FlinkProcessParams(split(results.get(0)), split(results.get(1)));
    }

    /** The words of a space-separated list of JVM arguments or {@code -D} options. */
    static List<String> split(String s) {
        List<String> parts = new ArrayList<>();
        for (String t : s.trim().split("\\s+")) {
            if (!t.isEmpty()) {
                parts.add(t);
            }
        }
        return parts;
    }

    /** The java of the JVM running this, for every process the stack starts. */
    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private record FlinkProcessParams(List<String> jvmArgs, List<String> dynamicConfigs) {}
}
