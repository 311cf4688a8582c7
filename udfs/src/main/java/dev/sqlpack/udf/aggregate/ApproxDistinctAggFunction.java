package dev.sqlpack.udf.aggregate;

import dev.sqlpack.udf.FunctionDoc;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.InputGroup;
import org.apache.flink.table.functions.AggregateFunction;

/** Approximate distinct count from a HyperLogLog sketch. */
@FunctionDoc(
        signature = "APPROX_DISTINCT(x ANY) -> BIGINT",
        description = "The number of distinct values, estimated with an Apache DataSketches HyperLogLog sketch (lgK = 12, about 3 KB): relative standard error about 1.6 %, exact for small counts. Mergeable, so it works in every window kind.",
        nullRule = "NULL values are ignored; a group without non-NULL values gives 0.",
        example = "SELECT APPROX_DISTINCT(x) AS distinct_values FROM (VALUES ('a'), ('b'), ('a'), (CAST(NULL AS STRING)), ('c')) AS t(x)",
        exampleResult = "3")
public class ApproxDistinctAggFunction extends AggregateFunction<Long, ApproxDistinctAggFunction.Acc> {
    static final int LG_K = 12;

    /** The accumulator: a HyperLogLog sketch held as a RAW value. */
    public static class Acc {
        @DataTypeHint(value = "RAW", bridgedTo = HllSketch.class, rawSerializer = SketchSerializer.Hll.class)
        public HllSketch sketch = new HllSketch(LG_K, TgtHllType.HLL_8);
    }

    @Override
    public Acc createAccumulator() {
        return new Acc();
    }

    public void accumulate(Acc acc, @DataTypeHint(inputGroup = InputGroup.ANY) Object value) {
        if (value != null) {
            acc.sketch.update(value.toString());
        }
    }

    public void merge(Acc acc, Iterable<Acc> others) {
        Union u = new Union(LG_K);
        u.update(acc.sketch);
        for (Acc o : others) {
            u.update(o.sketch);
        }
        acc.sketch = u.getResult(TgtHllType.HLL_8);
    }

    @Override
    public Long getValue(Acc acc) {
        return Math.round(acc.sketch.getEstimate());
    }
}
