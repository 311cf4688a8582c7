package dev.sqlpack.stack;

import dev.sqlpack.stack.process.ChildProcess;
import dev.sqlpack.stack.process.Poll;
import dev.sqlpack.stack.process.ProcessHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Waits for the stack's servers to answer ({@link StackHealth}) and, when they do not, fails
 * with what their logs last said.
 */
final class HealthWait {
    static final Duration START_TIMEOUT = Duration.ofSeconds(
            Long.getLong("sqlpack.startTimeoutSeconds", 120));
    private static final Duration POLL_INTERVAL = Duration.ofMillis(300);
    private static final int LOG_LINES_ON_FAILURE = 25;

    private final StackConfig config;
    private final ServerProcesses processes;
    private final StackHealth health;

    HealthWait(StackConfig config, ServerProcesses processes, StackHealth health) {
        this.config = config;
        this.processes = processes;
        this.health = health;
    }

    /** True when every server runs and answers (Kafka and PostgreSQL accept clients, every TaskManager is registered). */
    boolean whole() {
        return notAnswering().isEmpty();
    }

    /** Waits until {@link #whole()}, e.g. after a supervisor restarted a server. */
    void awaitWhole(Duration timeout) {
        if (!Poll.within("the whole stack to answer", timeout, POLL_INTERVAL, this::whole)) {
            List<String> notReady = new ArrayList<>();
            for (Server s : notAnswering()) {
                notReady.add(s.id() + " (" + processes.state(s).name().toLowerCase(Locale.ROOT)
                        + ", log " + processes.logFile(s) + ")");
            }
            throw new StackException("The stack is not whole after " + timeout.toSeconds() + " s: "
                    + String.join(", ", notReady) + " not answering. See './sqlpack status' and the logs.");
        }
    }

    private List<Server> notAnswering() {
        List<Server> down = new ArrayList<>();
        for (Server s : Server.all(config.taskManagers())) {
            if (processes.state(s) != ServerProcesses.State.UP || !health.healthy(s)) {
                down.add(s);
            }
        }
        return down;
    }

    /**
     * Waits until the server answers; fails when it exits during start-up (its supervisor records
     * the exit) or its supervisor dies.
     */
    void awaitHealthy(Server s, Instant since) {
        boolean answers = Poll.within(s.id() + " to answer", START_TIMEOUT, POLL_INTERVAL, () -> {
            boolean exited = processes.history(s).events().stream()
                    .anyMatch(e -> e.kind() == ProcessHistory.Kind.EXITED && !e.time().isBefore(since));
            if (exited || processes.supervisor(s).isEmpty()) {
                throw new StackException("Could not start " + s.id() + ": " + s.component().displayName()
                        + " exited during start-up. Log " + processes.logFile(s)
                        + ":\n" + lastLines(s));
            }
            return processes.server(s).isPresent() && health.healthy(s);
        });
        if (answers) {
            return;
        }
        String why = health.lastProblem().isEmpty() ? "" : " (last check: " + health.lastProblem() + ")";
        throw new StackException("Could not start " + s.id() + ": it did not answer within " + START_TIMEOUT.toSeconds()
                + " s" + why + ". Log " + processes.logFile(s) + ":\n" + lastLines(s));
    }

    /** The end of the server's log, and of its standard output when that is a file of its own. */
    String lastLines(Server s) {
        Path log = processes.logFile(s);
        Path out = processes.outFile(s);
        String tail = ChildProcess.tail(log, LOG_LINES_ON_FAILURE);
        if (!out.equals(log) && Files.exists(out)) {
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
}
