package dev.sqlpack.udf.aggregate;

import dev.sqlpack.udf.FunctionDoc;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.functions.AggregateFunction;

/** An approximate quantile from a KLL sketch. */
@FunctionDoc(
        signature = "APPROX_PERCENTILE(x DOUBLE, p DOUBLE) -> DOUBLE",
        description = "The value at quantile `p` (0 to 1; 0.5 is the median), from an Apache DataSketches KLL sketch with k = 200: the returned value's rank is within about 1.65 % of `p` (99 % confidence), exact while the group has at most 200 values. `p` is taken from the first row. Mergeable.",
        nullRule = "NULL values of `x` are ignored; a group without values gives NULL. A `p` outside [0, 1] gives NULL.",
        example = "SELECT APPROX_PERCENTILE(x, 0.5) AS median FROM (VALUES (1.0), (2.0), (3.0), (4.0), (100.0)) AS t(x)",
        exampleResult = "3.0")
public class ApproxPercentileAggFunction extends AggregateFunction<Double, ApproxPercentileAggFunction.Acc> {
    static final int K = 200;

    /** The accumulator: the requested quantile and a KLL sketch held as a RAW value. */
    public static class Acc {
        public Double p;

        @DataTypeHint(value = "RAW", bridgedTo = KllDoublesSketch.class, rawSerializer = SketchSerializer.Kll.class)
        public KllDoublesSketch sketch = KllDoublesSketch.newHeapInstance(K);
    }

    @Override
    public Acc createAccumulator() {
        return new Acc();
    }

    public void accumulate(Acc acc, Double value, Double p) {
        if (acc.p == null && p != null) {
            acc.p = p;
        }
        if (value != null && !value.isNaN()) {
            acc.sketch.update(value);
        }
    }

    public void merge(Acc acc, Iterable<Acc> others) {
        for (Acc o : others) {
            if (acc.p == null) {
                acc.p = o.p;
            }
            if (!o.sketch.isEmpty()) {
                acc.sketch.merge(o.sketch);
            }
        }
    }

    @Override
    public Double getValue(Acc acc) {
        if (acc.sketch.isEmpty() || acc.p == null || acc.p < 0 || acc.p > 1) {
            return null;
        }
        return acc.sketch.getQuantile(acc.p);
    }
}
