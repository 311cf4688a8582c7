package dev.sqlpack.stack.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Keeps one server process running: restarts it when it exits, with {@link RestartBackoff}, until
 * this process is told to stop (SIGTERM), which it passes on to the server as the server's own
 * stop signal. Every start and exit goes to the server's {@link ProcessHistory}. The local stack
 * runs each of its servers under one, as a cluster manager would.
 *
 * <p>Usage: {@code Supervisor PIDFILE HISTORYFILE STOPSIGNAL [adopt] -- COMMAND...}; the server's
 * pid is written to PIDFILE. With {@code adopt}, a live server whose pid is in PIDFILE (left by a
 * supervisor that died) is watched until it exits, instead of starting a second one. Uses only the
 * JDK, so its class path is one directory or jar.
 *
 * <p>Each start replaces {@value #RESTART_SUFFIX} in the command with {@link #restartSuffix} of the
 * start's restart count, for servers that must not reuse the name of their dead predecessor.
 */
public final class Supervisor {
    private static final Duration STOP_GRACE = Duration.ofSeconds(25);
    /** Replaced in every argument of the command by {@link #restartSuffix} of this start. */
    public static final String RESTART_SUFFIX = "${restart-suffix}";

    private final Path pidFile;
    private final ProcessHistory history;
    private final String stopSignal;
    private final List<String> command;
    private final RestartBackoff backoff;
    private final Object lock = new Object();
    private boolean stopping;
    private ProcessHandle server;
    private Process serverProcess;

    Supervisor(Path pidFile, ProcessHistory history, String stopSignal, List<String> command, RestartBackoff backoff) {
        this.pidFile = pidFile;
        this.history = history;
        this.stopSignal = stopSignal;
        this.command = command;
        this.backoff = backoff;
    }

    public static void main(String[] args) throws Exception {
        int sep = Arrays.asList(args).indexOf("--");
        if ((sep != 3 && sep != 4) || args.length <= sep + 1 || (sep == 4 && !"adopt".equals(args[3]))) {
            System.err.println("usage: Supervisor PIDFILE HISTORYFILE STOPSIGNAL [adopt] -- COMMAND...");
            System.exit(2);
        }
        Supervisor s = new Supervisor(Path.of(args[0]), new ProcessHistory(Path.of(args[1])), args[2],
                List.copyOf(Arrays.asList(args).subList(sep + 1, args.length)), RestartBackoff.DEFAULT);
        Runtime.getRuntime().addShutdownHook(new Thread(s::stop, "supervisor-stop"));
        s.run(sep == 4);
    }

    /** The command line that runs {@code command} under a supervisor in a small JVM of its own. */
    public static List<String> commandLine(String java, Path pidFile, Path historyFile, String stopSignal,
            boolean adopt, List<String> command) {
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-Xmx32m", "-XX:+UseSerialGC", "-cp", classpath(),
                Supervisor.class.getName(), pidFile.toString(), historyFile.toString(), stopSignal));
        if (adopt) {
            cmd.add("adopt");
        }
        cmd.add("--");
        cmd.addAll(command);
        return cmd;
    }

    void run(boolean adopt) throws IOException, InterruptedException {
        int exitsInARow = 0;
        if (adopt) {
            Optional<ProcessHandle> left = livePid(pidFile);
            if (left.isPresent()) {
                synchronized (lock) {
                    if (stopping) {
                        return;
                    }
                    server = left.get();
                }
                history.record(ProcessHistory.Kind.ADOPTED, left.get().pid(), null);
                left.get().onExit().join();
                if (isStopping()) {
                    return;
                }
                history.record(ProcessHistory.Kind.EXITED, left.get().pid(), null);
                exitsInARow = 1;
                if (!pause(backoff.delay(exitsInARow), left.get().pid(), "exit status unknown", exitsInARow)) {
                    return;
                }
            }
        }
        while (true) {
            Process p;
            synchronized (lock) {
                if (stopping) {
                    return;
                }
                p = new ProcessBuilder(commandFor(history.restartsOfNextStart())).inheritIO().start();
                serverProcess = p;
                server = p.toHandle();
            }
            Files.writeString(pidFile, Long.toString(p.pid()));
            history.record(ProcessHistory.Kind.STARTED, p.pid(), null);
            long started = System.nanoTime();
            int code = p.waitFor();
            if (isStopping()) {
                return;
            }
            ProcessHistory.Event exit = new ProcessHistory.Event(Instant.now(), ProcessHistory.Kind.EXITED, p.pid(), code);
            history.record(exit);
            exitsInARow = backoff.exitsInARow(exitsInARow, Duration.ofNanos(System.nanoTime() - started));
            if (!pause(backoff.delay(exitsInARow), p.pid(), exit.describeExit(), exitsInARow)) {
                return;
            }
        }
    }

    /** "" for a first start, "-restart-N" for the N-th restart. */
    public static String restartSuffix(int restarts) {
        return restarts == 0 ? "" : "-restart-" + restarts;
    }

    List<String> commandFor(int restarts) {
        return command.stream().map(a -> a.replace(RESTART_SUFFIX, restartSuffix(restarts))).toList();
    }

    /** Waits before a restart; false when asked to stop meanwhile. */
    private boolean pause(Duration delay, long pid, String how, int exitsInARow) {
        System.out.println("[sqlpack supervisor " + Instant.now() + "] server pid " + pid + " ended (" + how
                + "); restarting in " + delay.toMillis() + " ms (exit " + exitsInARow + " in a row)");
        System.out.flush();
        return !Poll.within("the restart delay to pass", delay, Duration.ofMillis(100), this::isStopping)
                && !isStopping();
    }

    private boolean isStopping() {
        synchronized (lock) {
            return stopping;
        }
    }

    /** Stops the server with its stop signal, then forcibly after a grace period. */
    void stop() {
        ProcessHandle h;
        Process p;
        synchronized (lock) {
            stopping = true;
            h = server;
            p = serverProcess;
        }
        if (h == null) {
            return;
        }
        if (!h.isAlive()) {
            history.record(ProcessHistory.Kind.STOPPED, h.pid(), null); // stopped while waiting to restart it
            return;
        }
        ChildProcess.signal(h.pid(), stopSignal);
        try {
            h.onExit().get(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            h.destroyForcibly();
            h.onExit().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
        Integer code = p != null && p.pid() == h.pid() && !p.isAlive() ? p.exitValue() : null;
        history.record(ProcessHistory.Kind.STOPPED, h.pid(), code);
    }

    /** The live process whose pid is in {@code pidFile}, if any. */
    public static Optional<ProcessHandle> livePid(Path pidFile) {
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            return ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The class path entry holding this class: what a supervisor JVM needs. */
    public static String classpath() {
        // the supervisor runs this module's classes and ChildProcess, which lives in the runtime library (stack/lib)
        return codeSource(Supervisor.class) + java.io.File.pathSeparator + codeSource(ChildProcess.class);
    }

    private static String codeSource(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
