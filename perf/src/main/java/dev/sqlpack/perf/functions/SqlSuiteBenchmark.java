package dev.sqlpack.perf.functions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * Side-by-side SQL-level runs of one suite's variants (the same bounded job: datagen source,
 * blackhole sink, MiniCluster, parallelism 1, object reuse on), interleaved in one process so the
 * ratios come from one run on a noisy machine. Writes perf/results/SUITE-sql-DATE.json and .png.
 * Usage: SqlSuiteBenchmark SUITE ROWS REPS OUT_DIR, with SUITE one of {@link SqlSuite#ALL}.
 */
public final class SqlSuiteBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SqlSuiteBenchmark() {}

    public static void main(String[] args) throws Exception {
        SqlSuite suite = SqlSuite.named(args[0]);
        long rows = Long.parseLong(args[1]);
        int reps = Integer.parseInt(args[2]);
        Path outDir = Path.of(args[3]);
        for (Map.Entry<String, String> v : suite.variants().entrySet()) {
            System.out.printf("warm-up  %-40s %,.0f rows/s (not counted)%n", v.getKey(), run(suite, v.getValue(), Math.max(1, rows / 5)));
        }
        Map<String, List<Double>> perSecond = new LinkedHashMap<>();
        suite.variants().keySet().forEach(k -> perSecond.put(k, new ArrayList<>()));
        for (int rep = 0; rep < reps; rep++) {
            for (Map.Entry<String, String> v : suite.variants().entrySet()) {
                double rps = run(suite, v.getValue(), rows);
                perSecond.get(v.getKey()).add(rps);
                System.out.printf("rep %d  %-40s %,.0f rows/s%n", rep + 1, v.getKey(), rps);
            }
        }
        ObjectNode report = JSON.createObjectNode();
        report.put("suite", suite.id());
        report.put("date", LocalDate.now().toString());
        report.put("rowsPerRun", rows);
        report.put("repetitions", reps);
        report.put("setup", "Flink 2.0.0 MiniCluster in one JVM, streaming mode, parallelism 1, object reuse on, "
                + "HashMap state backend, one warm-up round (rows / 5, not counted), then the variants interleaved; rows/s = rows / wall time of the job including its start. "
                + suite.setupNote());
        report.put("machine", Runtime.getRuntime().availableProcessors() + " cores (shared with other work), Java "
                + System.getProperty("java.version"));
        ObjectNode queries = report.putObject("queries");
        suite.variants().forEach(queries::put);
        ObjectNode median = report.putObject("medianRowsPerSecond");
        ObjectNode all = report.putObject("runs");
        perSecond.forEach((k, list) -> {
            median.put(k, median(list));
            ArrayNode a = all.putArray(k);
            list.forEach(a::add);
        });
        ObjectNode ratios = report.putObject("throughputRatios");
        for (String[] r : suite.ratios()) {
            ratios.put(r[0] + " : " + r[1], median(perSecond.get(r[0])) / median(perSecond.get(r[1])));
        }
        if (suite.baseline() != null) {
            // time per row above the baseline's (source and sink): the functions' own cost
            double base = 1e9 / median(perSecond.get(suite.baseline()));
            ObjectNode net = report.putObject("functionCostRatiosAboveBaseline");
            ObjectNode ns = report.putObject("nsPerRowAboveBaseline");
            perSecond.forEach((k, list) -> ns.put(k, 1e9 / median(list) - base));
            for (String[] r : suite.ratios()) {
                net.put(r[1] + " / " + r[0], (1e9 / median(perSecond.get(r[1])) - base) / (1e9 / median(perSecond.get(r[0])) - base));
            }
        }
        Files.createDirectories(outDir);
        String base = suite.id() + "-sql-" + LocalDate.now();
        Path json = outDir.resolve(base + ".json");
        JSON.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), report);
        System.out.println("wrote " + json);
        System.out.println(ratios.toPrettyString());
        chart(suite, perSecond, outDir.resolve(base + ".png"));
    }

    private static double run(SqlSuite suite, String insert, long rows) throws Exception {
        Configuration conf = new Configuration();
        conf.setString("pipeline.object-reuse", "true");
        conf.setString("parallelism.default", "1");
        conf.setString("state.backend.type", "hashmap");
        TableEnvironment env = TableEnvironment.create(EnvironmentSettings.newInstance().inStreamingMode().withConfiguration(conf).build());
        env.executeSql("LOAD MODULE sqlpack");
        for (String ddl : suite.setup(rows)) {
            env.executeSql(ddl);
        }
        long t0 = System.nanoTime();
        env.executeSql(insert).await();
        return rows / ((System.nanoTime() - t0) / 1e9);
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }

    private static void chart(SqlSuite suite, Map<String, List<Double>> perSecond, Path png) throws Exception {
        List<String> names = new ArrayList<>(perSecond.keySet());
        List<Double> rps = new ArrayList<>();
        names.forEach(n -> rps.add(median(perSecond.get(n)) / 1000));
        CategoryChart c = new CategoryChartBuilder().width(1000).height(560)
                .title(suite.title() + " (median of the interleaved runs)")
                .xAxisTitle("variant").yAxisTitle("thousand rows/s").build();
        c.getStyler().setXAxisLabelRotation(20);
        c.getStyler().setLegendVisible(false);
        c.addSeries("rows/s", names, rps);
        BitmapEncoder.saveBitmap(c, png.toString().replace(".png", ""), BitmapEncoder.BitmapFormat.PNG);
        System.out.println("wrote " + png);
    }
}
