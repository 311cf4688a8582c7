package dev.sqlpack.connector.sideinput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connector's metrics reach Flink's metric system (the one behind the Web UI and REST API). */
class SideInputMetricsITCase {
    static final Map<String, Metric> METRICS = new ConcurrentHashMap<>();

    /** Collects every registered metric by its fully scoped name. */
    public static final class CollectingReporterFactory implements MetricReporterFactory {
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

    @TempDir
    Path temp;

    private static long sum(String suffix) {
        return METRICS.entrySet().stream().filter(e -> e.getKey().endsWith(suffix)).mapToLong(e -> {
            Metric m = e.getValue();
            return m instanceof Counter c ? c.getCount() : ((Number) ((Gauge<?>) m).getValue()).longValue();
        }).sum();
    }

    private static long count(String suffix) {
        return METRICS.keySet().stream().filter(k -> k.endsWith(suffix)).count();
    }

    @Test
    void reportsRowsBytesLoadsLookupsAndMissesPerSubtask() throws Exception {
        Path file = Files.writeString(temp.resolve("customers.csv"), "1,gold\n2,silver\n");
        try (LookupJoin join = new LookupJoin(Map.of(
                "metrics.reporter.collect.factory.class", CollectingReporterFactory.class.getName()))) {
            join.env().executeSql("CREATE TABLE customers (id BIGINT, tier STRING) WITH ('connector' = 'side-input',"
                    + " 'source' = 'file', 'path' = '" + file.toUri() + "', 'format' = 'csv')");
            join.start("SELECT e.customer_id, c.tier FROM events AS e"
                    + " LEFT JOIN customers FOR SYSTEM_TIME AS OF e.proc_time AS c ON e.customer_id = c.id");
            join.awaitRow("for customer 3 (a miss)", r -> r.getFieldAs(0).equals(3L));
            await().atMost(LookupJoin.DEADLINE).until(() -> sum(".sideinput.misses") > 0 && sum(".sideinput.lookups") > 2);

            assertThat(count(".sideinput.rows")).isEqualTo(2); // one per subtask
            assertThat(METRICS.entrySet().stream().filter(e -> e.getKey().endsWith(".sideinput.rows")))
                    .allSatisfy(e -> assertThat(((Gauge<?>) e.getValue()).getValue()).isEqualTo(2L));
            assertThat(sum(".sideinput.bytes")).isPositive();
            assertThat(sum(".sideinput.loads")).isEqualTo(2); // the one shared load, seen by both subtasks
            assertThat(sum(".sideinput.loadFailures")).isZero();
            assertThat(count(".sideinput.snapshotAgeMs")).isEqualTo(2);
            assertThat(count(".sideinput.lastLoadDurationMs")).isEqualTo(2);
            assertThat(sum(".sideinput.lookups")).isGreaterThan(sum(".sideinput.misses"));
        }
    }
}
