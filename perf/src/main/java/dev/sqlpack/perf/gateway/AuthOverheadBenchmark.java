package dev.sqlpack.perf.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlpack.stack.LocalStack;
import dev.sqlpack.stack.SqlPackHome;
import dev.sqlpack.stack.StackConfig;
import dev.sqlpack.stack.load.GatewayLoad;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * The cost of the gateway extension, in one run: the load of {@code ./sqlpack loadtest}
 * ({@link GatewayLoad}: concurrent sessions, a mix of valid and invalid statements) on a stack
 * with the extension on, then on the same ports with {@code --no-auth}, alternating for
 * {@code rounds} rounds so drifting machine load hits both alike. Writes
 * {@code perf/results/gateway-auth-<date>.json} and a PNG of statements/s and p99 side by side.
 * The load runs as the local admin (every statement authenticated, audited and counted; the
 * analyst-only parse is not on this path).
 *
 * <p>Usage: AuthOverheadBenchmark SECONDS SESSIONS ROUNDS OUT_DIR
 */
public final class AuthOverheadBenchmark {
    private AuthOverheadBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("--chart")) { // redraw the chart of a committed result
            chart((ArrayNode) new ObjectMapper().readTree(Path.of(args[1]).toFile()).path("runs"), Path.of(args[2]));
            return;
        }
        int seconds = Integer.parseInt(args[0]);
        int sessions = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        Path outDir = Path.of(args[3]);
        SqlPackHome home = SqlPackHome.locate();
        Path state = Files.createTempDirectory("sqlpack-authbench-");
        StackConfig config = StackConfig.freePorts(state);
        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("date", LocalDate.now().toString());
        result.put("secondsPerRun", seconds);
        result.put("sessions", sessions);
        result.put("rounds", rounds);
        ArrayNode runs = result.putArray("runs");
        double[] sum = new double[4]; // on stmts/s, off stmts/s, on p99, off p99
        for (int r = 0; r < rounds; r++) {
            for (boolean auth : new boolean[] {true, false}) {
                LocalStack stack = new LocalStack(home, config, s -> System.err.println(s));
                if (!auth) {
                    stack.withoutAuth();
                }
                stack.up();
                try {
                    ObjectNode report = new GatewayLoad(config, System.err::println).run(sessions, Duration.ofSeconds(seconds), 42 + r);
                    report.put("extension", auth ? "on" : "off (--no-auth)");
                    report.put("round", r + 1);
                    runs.add(report);
                    sum[auth ? 0 : 1] += report.path("statementsPerSecond").asDouble();
                    sum[auth ? 2 : 3] += report.path("latencyMs").path("p99").asDouble();
                    System.err.printf("round %d, extension %s: %.1f statements/s, p99 %.1f ms%n", r + 1, auth ? "on" : "off",
                            report.path("statementsPerSecond").asDouble(), report.path("latencyMs").path("p99").asDouble());
                } finally {
                    stack.down();
                }
            }
        }
        ObjectNode summary = result.putObject("summary");
        summary.put("statementsPerSecondOn", sum[0] / rounds);
        summary.put("statementsPerSecondOff", sum[1] / rounds);
        summary.put("p99MsOn", sum[2] / rounds);
        summary.put("p99MsOff", sum[3] / rounds);
        double ratio = sum[0] / sum[1];
        summary.put("throughputRatioOnOverOff", ratio);
        summary.put("throughputLossPercent", (1 - ratio) * 100);
        summary.put("target", "at most 5 % fewer statements/s with the extension on");
        summary.put("targetMet", ratio >= 0.95);
        Files.createDirectories(outDir);
        Path out = outDir.resolve("gateway-auth-" + LocalDate.now() + ".json");
        json.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), result);
        chart(runs, outDir.resolve("gateway-auth-" + LocalDate.now() + ".png"));
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(summary));
        System.out.println("wrote " + out);
    }

    /** Two panels: statements/s per round, and p99 latency per round; each mode a colour. */
    private static void chart(ArrayNode runs, Path png) throws Exception {
        List<String> rounds = new ArrayList<>();
        List<Double> onRate = new ArrayList<>();
        List<Double> offRate = new ArrayList<>();
        List<Double> onP99 = new ArrayList<>();
        List<Double> offP99 = new ArrayList<>();
        for (int r = 0; r < runs.size() / 2; r++) {
            rounds.add("round " + (r + 1));
            onRate.add(runs.get(2 * r).path("statementsPerSecond").asDouble());
            offRate.add(runs.get(2 * r + 1).path("statementsPerSecond").asDouble());
            onP99.add(runs.get(2 * r).path("latencyMs").path("p99").asDouble() / 1000);
            offP99.add(runs.get(2 * r + 1).path("latencyMs").path("p99").asDouble() / 1000);
        }
        CategoryChart rate = new CategoryChartBuilder().width(600).height(450)
                .title("Statements per second (higher is better)").yAxisTitle("statements/s").build();
        rate.addSeries("extension on", rounds, onRate);
        rate.addSeries("--no-auth", rounds, offRate);
        CategoryChart p99 = new CategoryChartBuilder().width(600).height(450)
                .title("p99 latency (lower is better)").yAxisTitle("seconds").build();
        p99.addSeries("extension on", rounds, onP99);
        p99.addSeries("--no-auth", rounds, offP99);
        BitmapEncoder.saveBitmap(List.of(rate, p99), 1, 2, png.toString().replace(".png", ""), BitmapEncoder.BitmapFormat.PNG);
    }
}
