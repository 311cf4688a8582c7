package dev.sqlpack.stack.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A server process started in a session of its own, so that it outlives the command that started
 * it and a Ctrl-C in the user's terminal does not reach it; stopped by pid.
 */
public final class ChildProcess {
    private final String name;
    private final long pid;
    private final Path logFile;

    private ChildProcess(String name, long pid, Path logFile) {
        this.name = name;
        this.pid = pid;
        this.logFile = logFile;
    }

    /** Starts {@code command} with stdout and stderr appended to {@code logFile}. */
    public static ChildProcess start(
            String name, List<String> command, Path logFile, Path workDir, Map<String, String> env)
            throws IOException {
        Files.createDirectories(logFile.getParent());
        List<String> full = new ArrayList<>();
        full.add("setsid");
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(env);
        Process p = pb.start();
        return new ChildProcess(name, p.pid(), logFile);
    }

    /** Re-attaches to a process started earlier, e.g. by another invocation of the CLI. */
    public static ChildProcess attach(String name, long pid, Path logFile) {
        return new ChildProcess(name, pid, logFile);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return pid;
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * Sends {@code signal} (e.g. "TERM", or "INT" for PostgreSQL's fast shutdown), waits up to
     * {@code grace} for the process and its descendants to exit, then kills what is left.
     *
     * @return true when the process exited within the grace period
     */
    public boolean stop(String signal, Duration grace) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return true;
        }
        List<ProcessHandle> family = new ArrayList<>(handle.get().descendants().toList());
        family.add(handle.get());
        signal(pid, signal);
        if (Poll.within(name + " (pid " + pid + ") to exit", grace, Duration.ofMillis(100),
                () -> family.stream().noneMatch(ProcessHandle::isAlive))) {
            return true;
        }
        family.forEach(ProcessHandle::destroyForcibly);
        family.forEach(h -> h.onExit().join());
        return false;
    }

    /** The last {@code lines} lines of the log, for error messages. */
    public String tail(int lines) {
        return tail(logFile, lines);
    }

    public static String tail(Path file, int lines) {
        try {
            if (!Files.exists(file)) {
                return "(no log file at " + file + ")";
            }
            List<String> all = Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8);
            return String.join(
                    System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(could not read " + file + ": " + e.getMessage() + ")";
        }
    }

    static void signal(long pid, String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start()
                    .waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("could not signal pid " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
