package dev.sqlpack.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./sqlpack} run from another directory, as a user does: the launcher changes to the
 * checkout, yet relative paths on the command line are the caller's. (No stack is started: a
 * stack recorded in the state directory whose gateway is not there is enough to see which file
 * submit reads.)
 */
class LauncherTest {
    private final Path launcher = SqlPackHome.locate().root().resolve("sqlpack");
    @TempDir Path caller;

    @Test
    void stateDirIsTheCallersRelativePath() throws Exception {
        Run r = run("down", "--state-dir", "st");
        assertThat(r.code).as(r.output).isZero();
        assertThat(r.output).contains("(state in " + caller.toRealPath().resolve("st") + ")");
    }

    @Test
    void submitReadsTheScriptNextToTheCaller() throws Exception {
        Files.createDirectories(caller.resolve("st/run"));
        Files.writeString(caller.resolve("st/run/stack.json"), "{\"kafkaPort\":1,\"kafkaControllerPort\":2,\"postgresPort\":3,"
                + "\"jobManagerPort\":4,\"jobManagerRpcPort\":5,\"gatewayPort\":9,\"slots\":1}");
        Run missing = run("submit", "--state-dir", "st", "my.sql");
        assertThat(missing.code).isEqualTo(1);
        assertThat(missing.output).contains("No such SQL file: " + caller.toRealPath().resolve("my.sql") + ".");
        Files.writeString(caller.resolve("my.sql"), "SELECT 1;");
        Run found = run("submit", "--state-dir", "st", "my.sql");
        assertThat(found.output).doesNotContain("No such SQL file");
    }

    @Test
    void upHelpListsItsFlags() throws Exception {
        Run r = run("up", "--help");
        assertThat(r.code).as(r.output).isZero();
        assertThat(r.output).startsWith("Usage: sqlpack up").contains("--kafka-port", "--state-dir").doesNotContain("Unknown option");
    }

    private Run run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(launcher.toString()));
        cmd.addAll(List.of(args));
        Path log = caller.resolve("launcher-" + System.nanoTime() + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(caller.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("SQLPACK_CALLER_DIR");
        pb.environment().remove("SQLPACK_STATE_DIR");
        Process p = pb.start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("./sqlpack " + String.join(" ", args) + " did not finish in 2 minutes");
        }
        return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private record Run(int code, String output) {}
}
