package dev.sqlpack.udf;

import org.apache.flink.metrics.Counter;
import org.apache.flink.table.functions.FunctionContext;

/** The per-function counter of malformed input (metric {@code sqlpack_<function>_malformed}). */
public final class Malformed implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private transient Counter counter;

    public void open(FunctionContext context, String functionName) {
        counter = context.getMetricGroup().counter("sqlpack_" + functionName.toLowerCase(java.util.Locale.ROOT) + "_malformed");
    }

    /** Counts one malformed input; works before open() too (as in unit tests). */
    public void inc() {
        if (counter != null) {
            counter.inc();
        }
    }

    public long count() {
        return counter == null ? 0 : counter.getCount();
    }
}
