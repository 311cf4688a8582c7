package dev.sqlpack.perf.rabbitmq;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.sqlpack.stack.process.Poll;
import dev.sqlpack.stack.rabbitmq.RabbitMqServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * Messages per second consumed from one queue of a real local broker, several variants
 * interleaved in one run on the same broker and queue, each over the same number of
 * pre-published persistent JSON messages:
 * <ul>
 *   <li>{@code plain}: a plain amqp-client consumer (same prefetch, Jackson tree parse of each
 *       body, manual acknowledgement every 1,000 messages);
 *   <li>{@code plain-typed}: the same consumer reading the fields in the table's types (String,
 *       BigDecimal, LocalDateTime), the work the job's JSON format does; the tree parse of
 *       {@code plain} builds no typed values;
 *   <li>{@code job}: a {@code rabbitmq} (JSON) → blackhole SQL job, parallelism 1, checkpoints
 *       every second, acknowledgement when a checkpoint completes: the configuration the target
 *       is about;
 *   <li>{@code job-wide}: the same job with {@code 'prefetch-count' = '262140'} (four consumers
 *       on the reader's channel). A reader may hold only 'prefetch-count' unacknowledged messages
 *       and acknowledges them when a checkpoint completes, so with 1 s checkpoints and AMQP's
 *       one-consumer maximum of 65,535 it cannot pass about 65,535 messages per second;
 *   <li>{@code job-cp200}: the {@code job} (prefetch 65,535) with checkpoints every 200 ms, the
 *       other way around that bound;
 *   <li>{@code job-raw}: the job with checkpoints every 200 ms and {@code 'format' = 'raw'} into
 *       one BYTES column: no parsing at all, so the rest of the gap to {@code job-cp200} is the
 *       JSON format's typed conversion.
 * </ul>
 * The rate is counted from the first to the last message consumed (the job's
 * {@code numRecordsIn}, polled every 10 ms), so job start-up is not in it. Writes
 * {@code rabbitmq.json} and {@code rabbitmq.png} to the directory given as the first argument.
 * System properties: {@code messages}, {@code prefetch}, {@code rounds}, {@code variants}.
 */
public final class RabbitMqBenchmark {
    private static final int MESSAGES = Integer.getInteger("messages", 150_000);
    private static final int PREFETCH = Integer.getInteger("prefetch", 65_535);
    private static final int ROUNDS = Integer.getInteger("rounds", 3);
    /** Messages per variant run: MESSAGES, or a fifth of it in the uncounted warm-up round (JIT, class loading). */
    private static int count = MESSAGES;
    static final Map<String, Metric> METRICS = new ConcurrentHashMap<>();

    /** One way of consuming the queue. */
    private record Variant(String key, String label, String description, Run run) {}

    @FunctionalInterface
    private interface Run {
        /** Consumes {@link #count} messages from {@code queue}; returns messages/s. */
        double consume(RabbitMqServer broker, String queue) throws Exception;
    }

    private static final List<Variant> ALL = List.of(
            new Variant("plain", "plain amqp-client",
                    "amqp-client push consumer, Jackson readTree per body, basicAck(multiple) every 1,000 messages",
                    (b, q) -> plainConsumer(b, q, RabbitMqBenchmark::tree)),
            new Variant("plain-typed", "plain amqp-client, typed fields",
                    "the plain consumer reading the three fields as String, BigDecimal and LocalDateTime (Jackson"
                            + " streaming parser): the per-message work of the job's JSON format",
                    (b, q) -> plainConsumer(b, q, RabbitMqBenchmark::typed)),
            new Variant("job", "rabbitmq -> blackhole, checkpoint 1 s",
                    "SQL job, 'format' = 'json' (order_id STRING, amount DECIMAL(10, 2), ts TIMESTAMP(3)),"
                            + " parallelism 1, checkpoints every 1 s, acknowledged on checkpoint completion",
                    (b, q) -> flinkJob(b, q, "1 s", PREFETCH, false)),
            new Variant("job-wide", "rabbitmq -> blackhole, checkpoint 1 s, prefetch 262140",
                    "the same job with 'prefetch-count' = '262140' (four consumers on the reader's channel)",
                    (b, q) -> flinkJob(b, q, "1 s", 262_140, false)),
            new Variant("job-cp200", "rabbitmq -> blackhole, checkpoint 200 ms",
                    "the job with checkpoints every 200 ms (prefetch-count no longer bounds the rate)",
                    (b, q) -> flinkJob(b, q, "200 ms", PREFETCH, false)),
            new Variant("job-raw", "rabbitmq raw -> blackhole, checkpoint 200 ms",
                    "the job with 'format' = 'raw' into one BYTES column (no parsing), checkpoints every 200 ms",
                    (b, q) -> flinkJob(b, q, "200 ms", PREFETCH, true)));

    /** Collects every metric of the MiniCluster in this JVM by its scoped name. */
    public static final class Reporter implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new MetricReporter() {
                @Override
                public void open(MetricConfig config) {}

                @Override
                public void close() {}

                @Override
                public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
                    METRICS.put(group.getMetricIdentifier(name), metric);
                }

                @Override
                public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {}
            };
        }
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "perf/results");
        Files.createDirectories(out);
        List<String> keys = List.of(System.getProperty("variants", "plain,plain-typed,job,job-wide,job-cp200,job-raw").split(","));
        List<Variant> variants = ALL.stream().filter(v -> keys.contains(v.key())).toList();
        if (!keys.contains("plain") || variants.size() != keys.size()) {
            throw new IllegalArgumentException("-Dvariants=" + String.join(",", keys)
                    + ": give known variants, 'plain' (the baseline) among them; known: "
                    + ALL.stream().map(Variant::key).toList());
        }
        Path dir = Files.createTempDirectory("sqlpack-rabbitmq-bench");
        String started = java.time.Instant.now().toString();
        String loadBefore = loadAverage();
        Map<String, double[]> rates = new LinkedHashMap<>();
        variants.forEach(v -> rates.put(v.key(), new double[ROUNDS]));
        try (RabbitMqServer broker = RabbitMqServer.startEphemeral(dir.resolve("broker"))) {
            count = Math.max(1000, MESSAGES / 5);
            for (Variant v : variants) {
                publish(broker, "bench");
                System.out.printf("warm-up: %-46s %,8.0f msg/s (not counted)%n", v.label(), v.run().consume(broker, "bench"));
            }
            count = MESSAGES;
            for (int r = 0; r < ROUNDS; r++) {
                for (Variant v : variants) {
                    publish(broker, "bench");
                    double rate = v.run().consume(broker, "bench");
                    rates.get(v.key())[r] = rate;
                    System.out.printf("round %d: %-46s %,8.0f msg/s, load %s%n", r + 1, v.label(), rate, loadAverage());
                }
            }
            write(out, variants, rates, started, loadBefore, loadAverage());
        }
    }

    private static ConnectionFactory factory(RabbitMqServer broker) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(broker.uri());
        return f;
    }

    /** {@link #count} small JSON orders, persistent, published with confirms. */
    private static void publish(RabbitMqServer broker, String queue) throws Exception {
        try (Connection c = factory(broker).newConnection("bench-publisher"); Channel ch = c.createChannel()) {
            ch.queueDeclare(queue, true, false, false, null);
            ch.queuePurge(queue);
            ch.confirmSelect();
            for (int i = 0; i < count; i++) {
                String body = "{\"order_id\":\"o" + i + "\",\"amount\":" + (i % 1000) + ".25,\"ts\":\"2026-03-01 10:00:00\"}";
                ch.basicPublish("", queue, new AMQP.BasicProperties.Builder().deliveryMode(2).messageId("m" + i).build(),
                        body.getBytes(StandardCharsets.UTF_8));
                if (i % 5000 == 4999) {
                    ch.waitForConfirmsOrDie(60_000);
                }
            }
            ch.waitForConfirmsOrDie(60_000);
        }
    }

    /** What the plain consumer does with each body. */
    @FunctionalInterface
    private interface BodyWork {
        void parse(byte[] body) throws java.io.IOException;
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.time.format.DateTimeFormatter TS =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** The Jackson tree of the body: what an application that only inspects the message does. */
    private static void tree(byte[] body) throws java.io.IOException {
        JSON.readTree(body);
    }

    /**
     * The fields in the types the SQL table declares (STRING, DECIMAL, TIMESTAMP), read with
     * Jackson's streaming parser: the work Flink's JSON format does per message.
     */
    static void typed(byte[] body) throws java.io.IOException {
        String orderId = null;
        java.math.BigDecimal amount = null;
        java.time.LocalDateTime ts = null;
        try (com.fasterxml.jackson.core.JsonParser p = JSON.getFactory().createParser(body)) {
            p.nextToken();
            while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "order_id" -> orderId = p.getText();
                    case "amount" -> amount = p.getDecimalValue();
                    case "ts" -> ts = java.time.LocalDateTime.parse(p.getText(), TS);
                    default -> p.skipChildren();
                }
            }
        }
        if (orderId == null || amount == null || ts == null) {
            throw new java.io.IOException("incomplete order: " + new String(body, StandardCharsets.UTF_8));
        }
    }

    private static double plainConsumer(RabbitMqServer broker, String queue, BodyWork work) throws Exception {
        try (Connection c = factory(broker).newConnection("bench-plain"); Channel ch = c.createChannel()) {
            ch.basicQos(PREFETCH);
            CountDownLatch done = new CountDownLatch(1);
            AtomicLong first = new AtomicLong();
            AtomicLong last = new AtomicLong();
            ch.basicConsume(queue, false, new DefaultConsumer(ch) {
                long n;

                @Override
                public void handleDelivery(String tag, Envelope env, AMQP.BasicProperties p, byte[] body)
                        throws java.io.IOException {
                    if (n == 0) {
                        first.set(System.nanoTime());
                    }
                    work.parse(body);
                    n++;
                    if (n % 1000 == 0 || n == count) {
                        ch.basicAck(env.getDeliveryTag(), true);
                    }
                    if (n == count) {
                        last.set(System.nanoTime());
                        done.countDown();
                    }
                }
            });
            if (!done.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("plain consumer did not finish");
            }
            return (count - 1) / ((last.get() - first.get()) / 1e9);
        }
    }

    private static double flinkJob(RabbitMqServer broker, String queue, String checkpointInterval, int prefetch,
            boolean raw)
            throws Exception {
        Configuration conf = new Configuration();
        conf.setString("parallelism.default", "1");
        conf.setString("execution.checkpointing.interval", checkpointInterval);
        conf.setString("metrics.reporter.bench.factory.class", Reporter.class.getName());
        conf.setString("metrics.reporter.bench.interval", "1 s");
        TableEnvironment env = TableEnvironment.create(
                EnvironmentSettings.newInstance().inStreamingMode().withConfiguration(conf).build());
        String columns = raw ? "body BYTES" : "order_id STRING, amount DECIMAL(10, 2), ts TIMESTAMP(3)";
        env.executeSql("CREATE TABLE orders (" + columns + ") WITH ("
                + " 'connector' = 'rabbitmq', 'uri' = '" + broker.uri() + "', 'queue' = '" + queue + "',"
                + " 'format' = '" + (raw ? "raw" : "json") + "', 'prefetch-count' = '" + prefetch + "')");
        env.executeSql("CREATE TABLE sink (" + columns + ") WITH ('connector' = 'blackhole')");
        METRICS.clear();
        TableResult job = env.executeSql("INSERT INTO sink SELECT * FROM orders");
        AtomicLong first = new AtomicLong();
        AtomicLong last = new AtomicLong();
        Poll.within("the job to consume " + count + " messages", Duration.ofMinutes(10), Duration.ofMillis(10), () -> {
            long n = recordsIn();
            long now = System.nanoTime();
            if (first.get() == 0 && n > 0) {
                first.set(now);
            }
            if (n >= count) {
                last.set(now);
            }
            return n >= count;
        });
        job.getJobClient().orElseThrow().cancel().get(1, TimeUnit.MINUTES);
        if (last.get() == 0) {
            throw new IllegalStateException("the job consumed only " + recordsIn() + " of " + count);
        }
        return (count - 1) / ((last.get() - first.get()) / 1e9);
    }

    /** numRecordsIn of the operator that also holds the connector's own counters (the source's). */
    private static long recordsIn() {
        return METRICS.keySet().stream().filter(k -> k.endsWith(".messagesSkipped"))
                .map(k -> METRICS.get(k.substring(0, k.length() - "messagesSkipped".length()) + "numRecordsIn"))
                .filter(m -> m instanceof Counter).mapToLong(m -> ((Counter) m).getCount()).max().orElse(0);
    }

    /** The machine's 1/5/15-minute load averages (Linux), recorded with the result: it is a shared machine. */
    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2] + " (" + Runtime.getRuntime().availableProcessors() + " cores)";
        } catch (java.io.IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static void write(Path out, List<Variant> variants, Map<String, double[]> rates, String started,
            String loadBefore, String loadAfter) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode n = json.createObjectNode();
        n.put("started", started);
        n.put("messages", MESSAGES);
        n.put("prefetchCount", PREFETCH);
        n.put("rounds", ROUNDS);
        n.put("warmUp", "one uncounted round of " + Math.max(1000, MESSAGES / 5) + " messages per variant first");
        n.put("machine", "shared 2-core build machine; the load averages are recorded");
        n.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + ", max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB");
        n.put("loadAverageBefore", loadBefore);
        n.put("loadAverageAfter", loadAfter);
        double plain = median(rates.get("plain"));
        ObjectNode byVariant = n.putObject("variants");
        List<String> labels = new java.util.ArrayList<>();
        List<Double> medians = new java.util.ArrayList<>();
        for (Variant v : variants) {
            double[] r = rates.get(v.key());
            ObjectNode o = byVariant.putObject(v.key());
            o.put("label", v.label());
            o.put("description", v.description());
            var runs = o.putArray("msgPerSecByRound");
            for (double x : r) {
                runs.add(Math.round(x));
            }
            o.put("medianMsgPerSec", Math.round(median(r)));
            o.put("ratioOfMediansToPlain", Math.round(median(r) / plain * 100) / 100.0);
            labels.add(v.label());
            medians.add(median(r));
        }
        n.put("target", "job >= 0.8 x plain (ratio of medians)");
        json.writerWithDefaultPrettyPrinter().writeValue(out.resolve("rabbitmq.json").toFile(), n);
        CategoryChart c = new CategoryChartBuilder().width(900).height(460)
                .title("Messages/s from one RabbitMQ queue (" + MESSAGES + " JSON messages, median of " + ROUNDS
                        + " rounds)").yAxisTitle("messages/s").build();
        c.getStyler().setLegendVisible(false);
        c.getStyler().setXAxisLabelRotation(12);
        c.addSeries("median", labels, medians);
        BitmapEncoder.saveBitmap(c, out.resolve("rabbitmq.png").toString(), BitmapEncoder.BitmapFormat.PNG);
        System.out.println("wrote " + out.resolve("rabbitmq.json") + " and rabbitmq.png");
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
