package dev.sqlpack.perf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every benchmark command that perf/README.md documents runs, in its short mode, as a user runs
 * it: {@code ./sqlpack bench NAME --quick --out-dir out}, from another directory (so the relative
 * out dir must land there), and writes a result file that parses. The numbers of a quick run mean
 * nothing and are not checked.
 *
 * <p>What this does not cover: the build step of the bench commands ({@code mvn -pl perf -am
 * package}, run when perf's build is missing or stale) is skipped here by handing the commands
 * this test's class path (PERF_CLASSPATH), because a Maven build inside a Maven build would race
 * the outer one. {@code bench udf} needs a Python virtual environment with apache-flink==2.0.0
 * and a running stack (tens of minutes); only its argument handling is checked.
 */
class BenchCommandsITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The checkout: surefire runs this module's tests in perf/. */
    private final Path root = Path.of("").toAbsolutePath().getParent();
    @TempDir Path caller;

    @Test
    void sideInputQuickWritesItsReport() throws Exception {
        Run r = bench("side-input", "--quick", "--out-dir", "out");
        assertThat(r.code).as(r.output).isZero();
        JsonNode report = JSON.readTree(caller.resolve("out/sideinput.json").toFile());
        assertThat(report.path("rows").asInt()).isEqualTo(2000);
        assertThat(report.toString()).contains("events_per_second");
        assertThat(caller.resolve("out/sideinput.png")).isNotEmptyFile();
    }

    @Test
    void functionsQuickWritesJmhAndSqlReports() throws Exception {
        Run r = bench("functions", "--quick", "--out-dir", "out");
        assertThat(r.code).as(r.output).isZero();
        String day = LocalDate.now().toString();
        JsonNode jmh = JSON.readTree(caller.resolve("out/functions-jmh-" + day + ".json").toFile());
        assertThat(jmh.isArray()).isTrue();
        long methods = java.util.Arrays.stream(dev.sqlpack.perf.functions.FunctionBenchmark.class.getMethods())
                .filter(m -> m.isAnnotationPresent(org.openjdk.jmh.annotations.Benchmark.class)).count();
        assertThat(methods).isPositive();
        assertThat(jmh).as("one JMH result per benchmark method").hasSize((int) methods)
                .allSatisfy(b -> assertThat(b.path("primaryMetric").path("score").isNumber()).isTrue());
        JsonNode sql = JSON.readTree(caller.resolve("out/functions-sql-" + day + ".json").toFile());
        assertThat(sql.path("rowsPerRun").asLong()).isEqualTo(2000);
        assertThat(sql.path("medianRowsPerSecond").size()).isEqualTo(5);
    }

    @Test
    void udfTakesHelpAndUnknownBenchmarksAreRefused() throws Exception {
        Run help = bench("udf", "--help");
        assertThat(help.code).as(help.output).isZero();
        assertThat(help.output).contains("./sqlpack bench udf [--state-dir DIR]");
        Run list = bench("--help");
        assertThat(list.output).contains("Usage: ./sqlpack bench udf | side-input | functions");
        Run unknown = bench("nope");
        assertThat(unknown.code).isEqualTo(2);
        assertThat(unknown.output).contains("bench: unknown benchmark 'nope' (known: udf, side-input, functions)");
        for (String name : List.of("side-input", "functions")) {
            Run bad = bench(name, "--bogus");
            assertThat(bad.code).as(name).isEqualTo(2);
            assertThat(bad.output).contains("unknown argument '--bogus'");
        }
    }

    private Run bench(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(root.resolve("sqlpack").toString(), "bench"));
        cmd.addAll(List.of(args));
        Path log = caller.resolve("bench-" + System.nanoTime() + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(caller.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("PERF_CLASSPATH", System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path")));
        pb.environment().remove("SQLPACK_CALLER_DIR");
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("./sqlpack bench " + String.join(" ", args) + " did not finish in 5 minutes:\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private record Run(int code, String output) {}
}
