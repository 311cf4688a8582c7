package dev.sqlpack.stack.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlpack.stack.LocalStack;
import dev.sqlpack.stack.SqlPackHome;
import dev.sqlpack.stack.load.GatewayLoad;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./sqlpack loadtest}: a bounded load on the running stack's gateway. */
@Command(name = "loadtest", description = "Open N concurrent gateway sessions sending valid and invalid statements for a"
    + " fixed time (loopback only), then report throughput, error rates, latency, gateway heap and leaked sessions as JSON.")
final class LoadTestCommand implements Callable<Integer> {
    @Mixin SqlPackCli.StateOption state = new SqlPackCli.StateOption();
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--sessions", defaultValue = "20", description = "Concurrent sessions (default ${DEFAULT-VALUE}).")
    int sessions;

    @Option(names = "--seconds", defaultValue = "180", description = "How long (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--out", description = "JSON report file. Default: perf/results/gateway-load-<date>.json")
    Path outFile;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        SqlPackHome home = SqlPackHome.locate();
        LocalStack stack = state.running(home, out);
        if (sessions < 1 || sessions > 200 || seconds < 1 || seconds > 1800) {
            throw new dev.sqlpack.stack.StackException("--sessions must be 1..200 and --seconds 1..1800.");
        }
        out.printf("Load on %s: %d sessions for %d s ...%n", stack.config().gatewayUrl(), sessions, seconds);
        ObjectNode report = new GatewayLoad(stack.config(), out::println).run(sessions, Duration.ofSeconds(seconds), 42);
        Path target = outFile != null ? CallerDir.resolve(outFile)
                : home.root().resolve("perf/results/gateway-load-" + LocalDate.now() + ".json");
        Files.createDirectories(target.toAbsolutePath().getParent());
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(target.toFile(), report);
        out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
        out.println("Written to " + target);
        return report.path("unexpectedOutcomes").asLong() == 0 && report.path("sessionsLeftOpen").asInt() == 0 ? 0 : 1;
    }
}
