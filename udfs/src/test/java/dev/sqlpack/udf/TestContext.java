package dev.sqlpack.udf;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.table.functions.FunctionContext;

/** A FunctionContext whose counters can be read back, for unit tests without a cluster. */
public final class TestContext extends FunctionContext {
    private final Map<String, SimpleCounter> counters = new HashMap<>();

    public TestContext() {
        super(null);
    }

    @Override
    public MetricGroup getMetricGroup() {
        return new UnregisteredMetricsGroup() {
            @Override
            public Counter counter(String name) {
                return counters.computeIfAbsent(name, n -> new SimpleCounter());
            }
        };
    }

    public long count(String name) {
        SimpleCounter c = counters.get(name);
        return c == null ? 0 : c.getCount();
    }
}
