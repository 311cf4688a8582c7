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
 * Messages per second consumed from one queue of a real local broker: a {@code rabbitmq} source
 * → blackhole SQL job (parallelism 1, JSON, checkpoints every second, acknowledged per checkpoint)
 * against a plain amqp-client consumer (same prefetch, manual acknowledgement every 1,000
 * messages) on the same broker in the same run, each over the same number of pre-published
 * messages. The rate is counted from the first to the last message consumed (the job's
 * {@code numRecordsIn}, polled every 10 ms), so job start-up is not in it. Writes
 * {@code rabbitmq.json} and {@code rabbitmq.png} to the directory given as the first argument.
 */
public final class RabbitMqBenchmark {
    private static final int MESSAGES = Integer.getInteger("messages", 300_000);
    private static final int PREFETCH = Integer.getInteger("prefetch", 65_535);
    private static final int ROUNDS = Integer.getInteger("rounds", 2);
    static final Map<String, Metric> METRICS = new ConcurrentHashMap<>();

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
        Path dir = Files.createTempDirectory("sqlpack-rabbitmq-bench");
        String loadBefore = loadAverage();
        try (RabbitMqServer broker = RabbitMqServer.startEphemeral(dir.resolve("broker"))) {
            double[] plain = new double[ROUNDS];
            double[] flink = new double[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                publish(broker, "bench");
                plain[r] = plainConsumer(broker, "bench");
                System.out.printf("round %d: plain amqp-client %.0f msg/s%n", r + 1, plain[r]);
                publish(broker, "bench");
                flink[r] = flinkJob(broker, "bench");
                System.out.printf("round %d: rabbitmq -> blackhole %.0f msg/s (%.2fx)%n", r + 1, flink[r], flink[r] / plain[r]);
            }
            write(out, plain, flink, loadBefore, loadAverage());
        }
    }

    private static ConnectionFactory factory(RabbitMqServer broker) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(broker.uri());
        return f;
    }

    /** MESSAGES small JSON orders, persistent, published with confirms. */
    private static void publish(RabbitMqServer broker, String queue) throws Exception {
        try (Connection c = factory(broker).newConnection("bench-publisher"); Channel ch = c.createChannel()) {
            ch.queueDeclare(queue, true, false, false, null);
            ch.queuePurge(queue);
            ch.confirmSelect();
            for (int i = 0; i < MESSAGES; i++) {
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

    private static double plainConsumer(RabbitMqServer broker, String queue) throws Exception {
        try (Connection c = factory(broker).newConnection("bench-plain"); Channel ch = c.createChannel()) {
            ch.basicQos(PREFETCH);
            CountDownLatch done = new CountDownLatch(1);
            AtomicLong first = new AtomicLong();
            AtomicLong last = new AtomicLong();
            ObjectMapper json = new ObjectMapper();
            ch.basicConsume(queue, false, new DefaultConsumer(ch) {
                long n;

                @Override
                public void handleDelivery(String tag, Envelope env, AMQP.BasicProperties p, byte[] body)
                        throws java.io.IOException {
                    if (n == 0) {
                        first.set(System.nanoTime());
                    }
                    json.readTree(body); // parse, as the job's JSON format does
                    n++;
                    if (n % 1000 == 0 || n == MESSAGES) {
                        ch.basicAck(env.getDeliveryTag(), true);
                    }
                    if (n == MESSAGES) {
                        last.set(System.nanoTime());
                        done.countDown();
                    }
                }
            });
            if (!done.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("plain consumer did not finish");
            }
            return (MESSAGES - 1) / ((last.get() - first.get()) / 1e9);
        }
    }

    private static double flinkJob(RabbitMqServer broker, String queue) throws Exception {
        Configuration conf = new Configuration();
        conf.setString("parallelism.default", "1");
        conf.setString("execution.checkpointing.interval", "1 s");
        conf.setString("metrics.reporter.bench.factory.class", Reporter.class.getName());
        conf.setString("metrics.reporter.bench.interval", "1 s");
        TableEnvironment env = TableEnvironment.create(
                EnvironmentSettings.newInstance().inStreamingMode().withConfiguration(conf).build());
        env.executeSql("CREATE TABLE orders (order_id STRING, amount DECIMAL(10, 2), ts TIMESTAMP(3)) WITH ("
                + " 'connector' = 'rabbitmq', 'uri' = '" + broker.uri() + "', 'queue' = '" + queue + "',"
                + " 'format' = 'json', 'prefetch-count' = '" + PREFETCH + "')");
        env.executeSql("CREATE TABLE sink (order_id STRING, amount DECIMAL(10, 2), ts TIMESTAMP(3))"
                + " WITH ('connector' = 'blackhole')");
        METRICS.clear();
        TableResult job = env.executeSql("INSERT INTO sink SELECT * FROM orders");
        AtomicLong first = new AtomicLong();
        AtomicLong last = new AtomicLong();
        Poll.within("the job to consume " + MESSAGES + " messages", Duration.ofMinutes(10), Duration.ofMillis(10), () -> {
            long n = recordsIn();
            long now = System.nanoTime();
            if (first.get() == 0 && n > 0) {
                first.set(now);
            }
            if (n >= MESSAGES) {
                last.set(now);
            }
            return n >= MESSAGES;
        });
        job.getJobClient().orElseThrow().cancel().get(1, TimeUnit.MINUTES);
        if (last.get() == 0) {
            throw new IllegalStateException("the job consumed only " + recordsIn() + " of " + MESSAGES);
        }
        return (MESSAGES - 1) / ((last.get() - first.get()) / 1e9);
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

    private static void write(Path out, double[] plain, double[] flink, String loadBefore, String loadAfter)
            throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode n = json.createObjectNode();
        n.put("messages", MESSAGES);
        n.put("prefetchCount", PREFETCH);
        n.put("format", "json");
        n.put("checkpointInterval", "1 s");
        n.put("machine", "shared build machine, other builds running");
        n.put("loadAverageBefore", loadBefore);
        n.put("loadAverageAfter", loadAfter);
        var rounds = n.putArray("rounds");
        double bestRatio = 0;
        for (int i = 0; i < plain.length; i++) {
            ObjectNode r = rounds.addObject();
            r.put("plainAmqpClientMsgPerSec", Math.round(plain[i]));
            r.put("flinkRabbitMqToBlackholeMsgPerSec", Math.round(flink[i]));
            r.put("ratio", Math.round(flink[i] / plain[i] * 100) / 100.0);
            bestRatio = Math.max(bestRatio, flink[i] / plain[i]);
        }
        double medianPlain = median(plain);
        double medianFlink = median(flink);
        n.put("medianPlainMsgPerSec", Math.round(medianPlain));
        n.put("medianFlinkMsgPerSec", Math.round(medianFlink));
        n.put("ratioOfMedians", Math.round(medianFlink / medianPlain * 100) / 100.0);
        n.put("target", ">= 0.8");
        json.writerWithDefaultPrettyPrinter().writeValue(out.resolve("rabbitmq.json").toFile(), n);
        CategoryChart c = new CategoryChartBuilder().width(720).height(420)
                .title("Messages/s from one RabbitMQ queue (" + MESSAGES + " JSON messages)").yAxisTitle("messages/s").build();
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        c.addSeries("median of " + plain.length + " rounds", List.of("plain amqp-client", "rabbitmq -> blackhole"),
                List.of(medianPlain, medianFlink));
        BitmapEncoder.saveBitmap(c, out.resolve("rabbitmq.png").toString(), BitmapEncoder.BitmapFormat.PNG);
        System.out.println("wrote " + out.resolve("rabbitmq.json") + " and rabbitmq.png");
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
