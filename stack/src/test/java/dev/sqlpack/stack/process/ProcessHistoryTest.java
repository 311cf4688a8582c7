package dev.sqlpack.stack.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlpack.stack.process.ProcessHistory.Event;
import dev.sqlpack.stack.process.ProcessHistory.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessHistoryTest {
    @TempDir Path tmp;

    private static Event at(int second, Kind kind, long pid, Integer code) {
        return new Event(Instant.parse("2026-11-29T21:00:00Z").plusSeconds(second), kind, pid, code);
    }

    @Test
    void countsRestartsAfterDeathsAndRemembersTheLastDeath() {
        ProcessHistory.Summary s = ProcessHistory.summarize(List.of(
                at(0, Kind.STARTED, 10, null), at(5, Kind.EXITED, 10, 137), at(6, Kind.STARTED, 11, null),
                at(9, Kind.EXITED, 11, 1), at(11, Kind.STARTED, 12, null)));
        assertThat(s.restarts()).isEqualTo(2);
        assertThat(s.lastDeath()).contains(at(9, Kind.EXITED, 11, 1));
        assertThat(s.lastStart()).contains(at(11, Kind.STARTED, 12, null));
    }

    @Test
    void aRequestedStopStartsTheCountAgainAndIsNoDeath() {
        ProcessHistory.Summary s = ProcessHistory.summarize(List.of(
                at(0, Kind.STARTED, 10, null), at(5, Kind.EXITED, 10, 137), at(6, Kind.STARTED, 11, null),
                at(9, Kind.STOPPED, 11, 143), at(20, Kind.STARTED, 30, null)));
        assertThat(s.restarts()).isZero();
        assertThat(s.lastDeath()).isEmpty();
    }

    @Test
    void aServerFoundDeadThenStartedByUpIsARestart() {
        ProcessHistory.Summary s = ProcessHistory.summarize(List.of(
                at(0, Kind.STARTED, 10, null), at(50, Kind.FOUND_DEAD, 10, null), at(51, Kind.STARTED, 11, null)));
        assertThat(s.restarts()).isEqualTo(1);
        assertThat(s.lastDeath().orElseThrow().describeExit()).isEqualTo("exit status unknown");
    }

    @Test
    void adoptingARunningServerIsNoRestart() {
        ProcessHistory.Summary s = ProcessHistory.summarize(List.of(at(0, Kind.STARTED, 10, null), at(9, Kind.ADOPTED, 10, null)));
        assertThat(s.restarts()).isZero();
        assertThat(s.lastStart()).contains(at(9, Kind.ADOPTED, 10, null));
    }

    @Test
    void eachStartKnowsItsRestartCountSoARestartedServerCanTakeAFreshName() throws Exception {
        ProcessHistory h = new ProcessHistory(tmp.resolve("tm.events"));
        assertThat(h.restartsOfNextStart()).as("a first start").isZero();
        h.record(at(0, Kind.STARTED, 10, null));
        assertThat(h.restartsOfNextStart()).as("a second start without a death between: no restart").isZero();
        h.record(at(5, Kind.EXITED, 10, 137));
        assertThat(h.restartsOfNextStart()).isEqualTo(1);
        h.record(at(6, Kind.STARTED, 11, null));
        h.record(at(7, Kind.ADOPTED, 11, null));
        h.record(at(8, Kind.FOUND_DEAD, 11, null));
        h.record(at(9, Kind.STARTED, 12, null));
        assertThat(h.restartsWhenStarted(10)).hasValue(0);
        assertThat(h.restartsWhenStarted(11)).hasValue(1);
        assertThat(h.restartsWhenStarted(12)).hasValue(2);
        assertThat(h.restartsWhenStarted(99)).as("never started here").isEmpty();
        h.record(at(20, Kind.STOPPED, 12, 143));
        assertThat(h.restartsOfNextStart()).as("after a requested stop the names start again").isZero();
    }

    @Test
    void describesExitCodesAndSignals() {
        assertThat(at(0, Kind.EXITED, 1, 137).describeExit()).isEqualTo("killed by SIGKILL");
        assertThat(at(0, Kind.EXITED, 1, 143).describeExit()).isEqualTo("killed by SIGTERM");
        assertThat(at(0, Kind.EXITED, 1, 134).describeExit()).isEqualTo("killed by SIGABRT");
        assertThat(at(0, Kind.EXITED, 1, 140).describeExit()).isEqualTo("killed by signal 12");
        assertThat(at(0, Kind.EXITED, 1, 1).describeExit()).isEqualTo("exit 1");
        assertThat(at(0, Kind.EXITED, 1, 0).describeExit()).isEqualTo("exit 0");
        assertThat(at(0, Kind.EXITED, 1, 255).describeExit()).isEqualTo("exit 255");
    }

    @Test
    void recordsAndReadsBackSkippingLinesCutShortOrMalformed() throws Exception {
        ProcessHistory h = new ProcessHistory(tmp.resolve("run/kafka.events"));
        assertThat(h.events()).isEmpty();
        assertThat(h.last()).isEmpty();
        h.record(at(0, Kind.STARTED, 10, null));
        Files.writeString(h.file(), "2026-11-29T21:00:01Z\tEXI\n2026-11-29T21:00:02Z\tNOPE\t3\t-\nnot a line at all\n\n",
                java.nio.file.StandardOpenOption.APPEND);
        h.record(at(5, Kind.EXITED, 10, 137));
        assertThat(h.events()).containsExactly(at(0, Kind.STARTED, 10, null), at(5, Kind.EXITED, 10, 137));
        assertThat(h.last()).contains(at(5, Kind.EXITED, 10, 137));
    }
}
