package dev.sqlpack.stack.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sqlpack.stack.process.ProcessHistory.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor as a process of its own, keeping a real (sleeping) process alive. */
class SupervisorTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir Path tmp;

    private ChildProcess supervise(boolean adopt) throws Exception {
        return supervise(adopt, List.of("sleep", "600"));
    }

    private ChildProcess supervise(boolean adopt, List<String> server) throws Exception {
        List<String> cmd = Supervisor.commandLine(JAVA, tmp.resolve("server.pid"), tmp.resolve("server.events"), "TERM",
                adopt, server);
        return ChildProcess.start("supervisor", cmd, tmp.resolve("supervisor.out"), tmp, Map.of());
    }

    private Optional<ProcessHandle> server() {
        return Supervisor.livePid(tmp.resolve("server.pid"));
    }

    private List<ProcessHistory.Event> history() {
        return new ProcessHistory(tmp.resolve("server.events")).events();
    }

    @Test
    void aRestartedServerGetsTheRestartSuffixInItsCommandLine() throws Exception {
        Path names = tmp.resolve("names");
        // the server appends the name it was given, then sleeps (exec: the pid is the sleeping one)
        ChildProcess supervisor = supervise(false, List.of("sh", "-c",
                "echo \"tm" + Supervisor.RESTART_SUFFIX + "\" >> " + names + "; exec sleep 600"));
        try {
            await().atMost(DEADLINE).until(() -> server().isPresent() && Files.exists(names));
            ProcessHandle first = server().orElseThrow();
            first.destroyForcibly();
            await().atMost(DEADLINE).until(() -> Files.readAllLines(names).size() == 2);
            assertThat(Files.readAllLines(names)).containsExactly("tm", "tm-restart-1");
        } finally {
            supervisor.stop("KILL", Duration.ofSeconds(5));
            server().ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void restartsAKilledServerRecordsBothLivesAndStopsItOnTerm() throws Exception {
        ChildProcess supervisor = supervise(false);
        try {
            await().atMost(DEADLINE).until(() -> server().isPresent());
            ProcessHandle first = server().orElseThrow();
            first.destroyForcibly(); // SIGKILL
            await().atMost(DEADLINE).until(() -> server().filter(p -> p.pid() != first.pid()).isPresent());
            ProcessHandle second = server().orElseThrow();
            await().atMost(DEADLINE).until(() -> history().size() == 3);
            assertThat(history()).extracting(ProcessHistory.Event::kind, ProcessHistory.Event::pid, ProcessHistory.Event::exitCode)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(Kind.STARTED, first.pid(), null),
                            org.assertj.core.groups.Tuple.tuple(Kind.EXITED, first.pid(), 137),
                            org.assertj.core.groups.Tuple.tuple(Kind.STARTED, second.pid(), null));
            assertThat(Files.readString(tmp.resolve("supervisor.out")))
                    .contains("server pid " + first.pid() + " ended (killed by SIGKILL); restarting in 1000 ms");

            assertThat(supervisor.stop("TERM", DEADLINE)).isTrue();
            assertThat(second.isAlive()).isFalse();
            assertThat(history().get(history().size() - 1).kind()).isEqualTo(Kind.STOPPED);
            assertThat(history().get(history().size() - 1).pid()).isEqualTo(second.pid());
        } finally {
            supervisor.stop("KILL", Duration.ofSeconds(5));
        }
    }

    @Test
    void adoptsAServerLeftRunningByADeadSupervisorInsteadOfStartingASecond() throws Exception {
        Process orphan = new ProcessBuilder("sleep", "600").start();
        Files.writeString(tmp.resolve("server.pid"), Long.toString(orphan.pid()));
        ChildProcess supervisor = supervise(true);
        try {
            await().atMost(DEADLINE).until(() -> !history().isEmpty());
            assertThat(history()).extracting(ProcessHistory.Event::kind).containsExactly(Kind.ADOPTED);
            assertThat(server().map(ProcessHandle::pid)).contains(orphan.pid());
            assertThat(ProcessHandle.of(supervisor.pid()).orElseThrow().children()).as("no second server").isEmpty();

            orphan.destroyForcibly();
            await().atMost(DEADLINE).until(() -> server().filter(p -> p.pid() != orphan.pid()).isPresent());
            assertThat(history()).extracting(ProcessHistory.Event::kind)
                    .containsExactly(Kind.ADOPTED, Kind.EXITED, Kind.STARTED);
            assertThat(history().get(1).exitCode()).as("not our child: its exit code is unknown").isNull();
            assertThat(supervisor.stop("TERM", DEADLINE)).isTrue();
        } finally {
            orphan.destroyForcibly();
            supervisor.stop("KILL", Duration.ofSeconds(5));
        }
    }

    @Test
    void refusesAMalformedCommandLine() throws Exception {
        Process p = new ProcessBuilder(JAVA, "-cp", Supervisor.classpath(), Supervisor.class.getName(), "only-one-arg", "--", "sleep")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).isEqualTo(2);
        assertThat(out).contains("usage: Supervisor PIDFILE HISTORYFILE STOPSIGNAL [adopt] -- COMMAND...");
    }
}
