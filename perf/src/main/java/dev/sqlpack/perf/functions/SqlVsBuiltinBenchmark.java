package dev.sqlpack.perf.functions;

import com.fasterxml.jackson.databind.JsonNode;
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
 * The same bounded SQL job (datagen source, blackhole sink, parallelism 1, object reuse on) with
 * the pack's function and with the same logic in Flink built-ins, interleaved in one run; and a
 * chart of the JMH ns/call results. Usage: SqlVsBuiltinBenchmark ROWS REPS JMH_JSON OUT_DIR, or chart JMH_JSON PNG
 */
public final class SqlVsBuiltinBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SqlVsBuiltinBenchmark() {}

    public static void main(String[] args) throws Exception {
        if ("chart".equals(args[0])) {
            chart(JSON.readTree(Path.of(args[1]).toFile()), Path.of(args[2]));
            return;
        }
        long rows = Long.parseLong(args[0]);
        int reps = Integer.parseInt(args[1]);
        Path jmhJson = Path.of(args[2]);
        Path outDir = Path.of(args[3]);
        Map<String, String> variants = new LinkedHashMap<>();
        variants.put("source only", "SELECT lat1 FROM src");
        variants.put("GEO_DISTANCE_KM", "SELECT GEO_DISTANCE_KM(lat1, lon1, lat2, lon2) FROM src");
        variants.put("haversine in built-ins",
                "SELECT 2 * 6371.0088 * ASIN(SQRT(POWER(SIN(RADIANS(lat2 - lat1) / 2), 2)"
                        + " + COS(RADIANS(lat1)) * COS(RADIANS(lat2)) * POWER(SIN(RADIANS(lon2 - lon1) / 2), 2))) FROM src");
        variants.put("MASK_EMAIL", "SELECT MASK_EMAIL(email) FROM src");
        variants.put("REGEXP_REPLACE", "SELECT REGEXP_REPLACE(email, '^(.)[^@]*@', '$1***@') FROM src");

        Map<String, List<Double>> perSecond = new LinkedHashMap<>();
        variants.keySet().forEach(k -> perSecond.put(k, new ArrayList<>()));
        for (int rep = 0; rep < reps; rep++) {
            for (Map.Entry<String, String> v : variants.entrySet()) {
                double rps = run(v.getValue(), rows);
                perSecond.get(v.getKey()).add(rps);
                System.out.printf("rep %d  %-24s %,.0f rows/s%n", rep + 1, v.getKey(), rps);
            }
        }
        ObjectNode report = JSON.createObjectNode();
        report.put("date", LocalDate.now().toString());
        report.put("rowsPerRun", rows);
        report.put("repetitions", reps);
        report.put("setup", "Flink 2.0.0 MiniCluster in one JVM, streaming mode, parallelism 1, object reuse on, "
                + "datagen source (random doubles; 10-character strings + '@example.com'), blackhole sink; "
                + "rows/s = rows / wall time of the job including its start (about the same for every variant)");
        report.put("machine", Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version"));
        ObjectNode median = report.putObject("medianRowsPerSecond");
        ObjectNode all = report.putObject("runs");
        perSecond.forEach((k, list) -> {
            median.put(k, median(list));
            ArrayNode a = all.putArray(k);
            list.forEach(a::add);
        });
        ObjectNode ratios = report.putObject("packToBuiltinThroughputRatio");
        ratios.put("GEO_DISTANCE_KM : haversine in built-ins", median(perSecond.get("GEO_DISTANCE_KM")) / median(perSecond.get("haversine in built-ins")));
        ratios.put("MASK_EMAIL : REGEXP_REPLACE", median(perSecond.get("MASK_EMAIL")) / median(perSecond.get("REGEXP_REPLACE")));
        Files.createDirectories(outDir);
        Path json = outDir.resolve("functions-sql-" + LocalDate.now() + ".json");
        JSON.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), report);
        System.out.println("wrote " + json);
        if (Files.exists(jmhJson)) {
            chart(JSON.readTree(jmhJson.toFile()), outDir.resolve("functions-jmh-" + LocalDate.now() + ".png"));
        }
    }

    private static double run(String select, long rows) throws Exception {
        Configuration conf = new Configuration();
        conf.setString("pipeline.object-reuse", "true");
        conf.setString("parallelism.default", "1");
        TableEnvironment env = TableEnvironment.create(EnvironmentSettings.newInstance().inStreamingMode().withConfiguration(conf).build());
        env.executeSql("LOAD MODULE sqlpack");
        env.executeSql("CREATE TABLE gen (lat1 DOUBLE, lon1 DOUBLE, lat2 DOUBLE, lon2 DOUBLE, name STRING) WITH ("
                + "'connector' = 'datagen', 'number-of-rows' = '" + rows + "', 'rows-per-second' = '1000000000',"
                + "'fields.lat1.min' = '-90', 'fields.lat1.max' = '90', 'fields.lat2.min' = '-90', 'fields.lat2.max' = '90',"
                + "'fields.lon1.min' = '-180', 'fields.lon1.max' = '180', 'fields.lon2.min' = '-180', 'fields.lon2.max' = '180',"
                + "'fields.name.length' = '10')");
        env.executeSql("CREATE VIEW src AS SELECT lat1, lon1, lat2, lon2, CONCAT(name, '@example.com') AS email FROM gen");
        env.executeSql("CREATE TABLE sink (x STRING) WITH ('connector' = 'blackhole')");
        long t0 = System.nanoTime();
        env.executeSql("INSERT INTO sink SELECT CAST(v AS STRING) FROM (" + select.replace("SELECT ", "SELECT (") .replaceFirst(" FROM src", ") AS v FROM src") + ")").await();
        return rows / ((System.nanoTime() - t0) / 1e9);
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }

    private static void chart(JsonNode jmh, Path png) throws Exception {
        List<String> names = new ArrayList<>();
        List<Double> ns = new ArrayList<>();
        for (JsonNode b : jmh) {
            String name = b.path("benchmark").asText();
            names.add(name.substring(name.lastIndexOf('.') + 1));
            ns.add(b.path("primaryMetric").path("score").asDouble());
        }
        CategoryChart c = new CategoryChartBuilder().width(1100).height(600)
                .title("Flink SQL Pack functions: ns per call (scalars) or per accumulated row (aggregates)")
                .xAxisTitle("function").yAxisTitle("ns").build();
        c.getStyler().setXAxisLabelRotation(45);
        c.getStyler().setLegendVisible(false);
        c.addSeries("ns", names, ns);
        BitmapEncoder.saveBitmap(c, png.toString().replace(".png", ""), BitmapEncoder.BitmapFormat.PNG);
        System.out.println("wrote " + png);
    }
}
