package dev.sqlpack.stack;

import dev.sqlpack.stack.process.ChildProcess;
import dev.sqlpack.stack.process.ProcessHistory;
import dev.sqlpack.stack.process.Supervisor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The stack's server processes as recorded in its run directory. Every server runs under its own
 * {@link Supervisor}: {@code run/<id>.pid} holds the supervisor's pid, {@code run/<id>-server.pid}
 * the server's (written by the supervisor), {@code run/<id>.events} its {@link ProcessHistory}.
 */
public final class ServerProcesses {
    private static final Pattern TASKMANAGER_PID = Pattern.compile("taskmanager-(\\d+)\\.pid");
    /** Longer than the supervisor's own grace for its server, so the supervisor can finish cleanly. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(40);

    /** What runs of one server. */
    public enum State {
        /** the server and its supervisor run */
        UP,
        /** the server exited and its supervisor is about to start it again */
        RESTARTING,
        /** the server runs, but its supervisor died: nobody restarts it ({@code up} supervises it again) */
        UNSUPERVISED,
        /** neither runs */
        DOWN
    }

    private final StackConfig config;

    ServerProcesses(StackConfig config) {
        this.config = config;
    }

    Path supervisorPidFile(Server s) {
        return config.runDir().resolve(s.id() + ".pid");
    }

    Path serverPidFile(Server s) {
        return config.runDir().resolve(s.id() + "-server.pid");
    }

    ProcessHistory history(Server s) {
        return new ProcessHistory(config.runDir().resolve(s.id() + ".events"));
    }

    Path logFile(Server s) {
        return config.logDir().resolve(s.id() + ".log");
    }

    /** Where the supervisor's and the server's standard output go (for Kafka and PostgreSQL, their log). */
    Path outFile(Server s) {
        return switch (s.component()) {
            case KAFKA, POSTGRES -> logFile(s);
            default -> config.logDir().resolve(s.id() + ".out");
        };
    }

    Optional<ProcessHandle> supervisor(Server s) {
        return Supervisor.livePid(supervisorPidFile(s));
    }

    Optional<ProcessHandle> server(Server s) {
        return Supervisor.livePid(serverPidFile(s));
    }

    State state(Server s) {
        boolean supervised = supervisor(s).isPresent();
        boolean serving = server(s).isPresent();
        if (supervised) {
            return serving ? State.UP : State.RESTARTING;
        }
        return serving ? State.UNSUPERVISED : State.DOWN;
    }

    /**
     * Starts {@code command} under a new supervisor. With {@code adopt}, a server left running by a
     * dead supervisor is watched instead of started twice.
     */
    ProcessHandle launch(Server s, List<String> command, Path workDir, Map<String, String> env, boolean adopt)
            throws IOException {
        Files.createDirectories(config.runDir());
        if (!adopt) {
            Files.deleteIfExists(serverPidFile(s));
        }
        List<String> cmd = Supervisor.commandLine(ServerLauncher.javaExecutable(), serverPidFile(s), history(s).file(),
                s.component().stopSignal(), adopt, command);
        ChildProcess p = ChildProcess.start(s.id(), cmd, outFile(s), workDir, env);
        Files.writeString(supervisorPidFile(s), Long.toString(p.pid()));
        return ProcessHandle.of(p.pid()).orElseThrow(() -> new StackException(
                "the supervisor of " + s.id() + " exited at once; see " + outFile(s)));
    }

    /** Stops the server (through its supervisor when it has one); true when something was running. */
    boolean stop(Server s, Consumer<String> progress) {
        Optional<ProcessHandle> supervisor = supervisor(s);
        Optional<ProcessHandle> server = server(s);
        boolean stopped = false;
        if (supervisor.isPresent()) {
            progress.accept("Stopping " + s.id() + " (pid " + server.map(ProcessHandle::pid).orElse(supervisor.get().pid())
                    + (server.isPresent() ? ", supervisor " + supervisor.get().pid() : "") + ")");
            ChildProcess.attach(s.id(), supervisor.get().pid(), outFile(s)).stop("TERM", STOP_GRACE);
            stopped = true;
        }
        if (server.isPresent() && server.get().isAlive()) {
            // no supervisor (it died), or it could not stop the server in time
            progress.accept("Stopping " + s.id() + " (pid " + server.get().pid() + ")");
            ChildProcess.attach(s.id(), server.get().pid(), logFile(s)).stop(s.component().stopSignal(), STOP_GRACE);
            history(s).record(ProcessHistory.Kind.STOPPED, server.get().pid(), null);
            stopped = true;
        }
        try {
            Files.deleteIfExists(supervisorPidFile(s));
            Files.deleteIfExists(serverPidFile(s));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return stopped;
    }

    /**
     * Records that a server is gone when nobody recorded its end (its supervisor died with it), so
     * {@code status} can say since when it is known to be down.
     */
    void noticeDeath(Server s) {
        if (state(s) != State.DOWN || !Files.exists(supervisorPidFile(s))) {
            return;
        }
        history(s).last().filter(e -> e.kind() == ProcessHistory.Kind.STARTED || e.kind() == ProcessHistory.Kind.ADOPTED)
                .ifPresent(e -> history(s).record(ProcessHistory.Kind.FOUND_DEAD, e.pid(), null));
    }

    /** TaskManagers with a pid file, whether or not the recorded configuration still counts them. */
    List<Server> recordedTaskManagers() {
        if (!Files.isDirectory(config.runDir())) {
            return List.of();
        }
        List<Server> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(config.runDir())) {
            files.forEach(f -> {
                Matcher m = TASKMANAGER_PID.matcher(f.getFileName().toString());
                if (m.matches()) {
                    found.add(Server.taskManager(Integer.parseInt(m.group(1))));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        found.sort(Comparator.comparingInt(Server::index));
        return found;
    }
}
