package dev.sqlpack.stack.cli;

import dev.sqlpack.stack.LocalStack;
import dev.sqlpack.stack.ServerProcesses;
import dev.sqlpack.stack.process.ProcessHistory;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/** What {@code ./sqlpack status} prints: one line per server, then what died and when. */
final class StatusReport {
    private static final String ROW = "%-14s %-12s %-6s %-8s %-10s %-8s %s%n";

    private StatusReport() {}

    static void print(List<LocalStack.ComponentStatus> servers, PrintWriter out) {
        out.printf(ROW, "COMPONENT", "STATE", "PORT", "PID", "SUPERVISOR", "RESTARTS", "LOG");
        for (LocalStack.ComponentStatus s : servers) {
            boolean supervised = s.state() == ServerProcesses.State.UP || s.state() == ServerProcesses.State.RESTARTING;
            out.printf(ROW, s.server().id(), s.state().name().toLowerCase(Locale.ROOT),
                    s.port() == null ? "-" : s.port(), s.serverPid() == null ? "-" : s.serverPid(),
                    supervised ? s.pid() : "-", s.history().restarts(), s.logFile());
        }
        for (LocalStack.ComponentStatus s : servers) {
            String note = note(s);
            if (note != null) {
                out.println(s.server().id() + ": " + note);
            }
        }
    }

    /** What happened to a server that died since the stack was last started, or null. */
    static String note(LocalStack.ComponentStatus s) {
        ProcessHistory.Summary h = s.history();
        if (h.lastDeath().isEmpty()) {
            return s.state() == ServerProcesses.State.UNSUPERVISED
                    ? "runs, but its supervisor died, so nobody restarts it; './sqlpack up' supervises it again" : null;
        }
        ProcessHistory.Event death = h.lastDeath().get();
        String what = death.kind() == ProcessHistory.Kind.FOUND_DEAD
                ? "pid " + death.pid() + " found dead at " + time(death.time()) + " (its supervisor was gone too)"
                : "pid " + death.pid() + " died at " + time(death.time()) + " (" + death.describeExit() + ")";
        String then = switch (s.state()) {
            case UP -> h.lastStart().filter(st -> st.time().isAfter(death.time()))
                    .map(st -> "; restarted at " + time(st.time()) + " as pid " + st.pid()).orElse("");
            case RESTARTING -> "; its supervisor restarts it (with back-off)";
            case UNSUPERVISED -> "; runs unsupervised: './sqlpack up' supervises it again";
            case DOWN -> "; nobody restarts it: run './sqlpack up'";
        };
        return what + then + (h.restarts() > 0 ? "; " + h.restarts() + " restart(s) since './sqlpack up'" : "");
    }

    private static String time(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
