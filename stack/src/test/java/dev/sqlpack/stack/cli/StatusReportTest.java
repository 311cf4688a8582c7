package dev.sqlpack.stack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlpack.stack.Component;
import dev.sqlpack.stack.LocalStack;
import dev.sqlpack.stack.Server;
import dev.sqlpack.stack.ServerProcesses.State;
import dev.sqlpack.stack.process.ProcessHistory;
import dev.sqlpack.stack.process.ProcessHistory.Event;
import dev.sqlpack.stack.process.ProcessHistory.Kind;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusReportTest {
    private static final Instant T = Instant.parse("2026-11-29T21:03:04.567Z");

    private static LocalStack.ComponentStatus status(State state, Event... events) {
        return new LocalStack.ComponentStatus(Server.of(Component.KAFKA), state, 100L, 200L, 9092,
                Path.of("/s/logs/kafka.log"), ProcessHistory.summarize(List.of(events)));
    }

    @Test
    void saysNothingAboutAServerThatNeverDied() {
        assertThat(StatusReport.note(status(State.UP, new Event(T, Kind.STARTED, 200, null)))).isNull();
    }

    @Test
    void saysWhenAndHowAServerDiedAndWhenItCameBack() {
        String note = StatusReport.note(status(State.UP, new Event(T, Kind.STARTED, 150, null),
                new Event(T.plusSeconds(60), Kind.EXITED, 150, 137), new Event(T.plusSeconds(61), Kind.STARTED, 200, null)));
        assertThat(note).isEqualTo("pid 150 died at 2026-11-29T21:04:04Z (killed by SIGKILL); restarted at"
                + " 2026-11-29T21:04:05Z as pid 200; 1 restart(s) since './sqlpack up'");
    }

    @Test
    void aServerFoundDeadNeedsUp() {
        String note = StatusReport.note(status(State.DOWN, new Event(T, Kind.STARTED, 150, null),
                new Event(T.plusSeconds(60), Kind.FOUND_DEAD, 150, null)));
        assertThat(note).isEqualTo("pid 150 found dead at 2026-11-29T21:04:04Z (its supervisor was gone too);"
                + " nobody restarts it: run './sqlpack up'");
    }

    @Test
    void aRestartingServerAndAnUnsupervisedOne() {
        assertThat(StatusReport.note(status(State.RESTARTING, new Event(T, Kind.EXITED, 150, 1))))
                .isEqualTo("pid 150 died at 2026-11-29T21:03:04Z (exit 1); its supervisor restarts it (with back-off)");
        assertThat(StatusReport.note(status(State.UNSUPERVISED, new Event(T, Kind.STARTED, 150, null))))
                .isEqualTo("runs, but its supervisor died, so nobody restarts it; './sqlpack up' supervises it again");
    }

    @Test
    void printsOneLinePerServerThenTheNotes() {
        java.io.StringWriter out = new java.io.StringWriter();
        StatusReport.print(List.of(status(State.UP, new Event(T, Kind.EXITED, 150, 137), new Event(T, Kind.STARTED, 200, null))),
                new java.io.PrintWriter(out, true));
        assertThat(out.toString().lines().toList()).containsExactly(
                "COMPONENT      STATE        PORT   PID      SUPERVISOR RESTARTS LOG",
                "kafka          up           9092   200      100        1        /s/logs/kafka.log",
                "kafka: pid 150 died at 2026-11-29T21:03:04Z (killed by SIGKILL); 1 restart(s) since './sqlpack up'");
    }
}
