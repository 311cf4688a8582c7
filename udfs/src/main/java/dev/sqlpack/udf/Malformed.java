package dev.sqlpack.udf;

import java.util.Locale;
import org.apache.flink.metrics.Counter;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.UserDefinedFunction;

/**
 * The per-function counter of malformed input, metric {@code sqlpack_<function>_malformed}; the
 * function's name comes from the {@link FunctionRegistry}, never from a literal.
 */
public final class Malformed implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private transient Counter counter;

    /** Registers the counter of {@code function} (a function of the registry, or a subclass of one). */
    public void open(FunctionContext context, UserDefinedFunction function) {
        counter = context.getMetricGroup().counter(metricName(function.getClass()));
    }

    /** {@code sqlpack_<sql name in lower case>_malformed}. */
    public static String metricName(Class<? extends UserDefinedFunction> function) {
        return "sqlpack_" + FunctionRegistry.nameOf(function).toLowerCase(Locale.ROOT) + "_malformed";
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
