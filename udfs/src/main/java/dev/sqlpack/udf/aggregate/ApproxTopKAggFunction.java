package dev.sqlpack.udf.aggregate;

import dev.sqlpack.udf.FunctionDoc;
import java.util.Arrays;
import java.util.Comparator;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.FunctionHint;
import org.apache.flink.table.functions.AggregateFunction;
import org.apache.flink.types.Row;

/** The k most frequent items, from a frequent-items sketch. */
@FunctionDoc(
        signature = "APPROX_TOP_K(item STRING, k INT)",
        description = "The `k` most frequent items with their estimated counts, most frequent first (ties by item), from an Apache DataSketches frequent-items sketch with a 1024-entry map: exact while a group has at most 768 distinct items, otherwise counts are over-estimated by at most the sketch's maximum error (about 3.5 / 1024 of the group's size). `k` is taken from the first row. Mergeable.",
        nullRule = "NULL items are ignored; a group without items gives an empty array.",
        example = "SELECT t.item, t.estimate FROM (SELECT APPROX_TOP_K(x, 2) AS top FROM (VALUES ('a'), ('b'), ('a'), ('c'), ('a'), ('b')) AS v(x)) CROSS JOIN UNNEST(top) AS t (item, estimate)",
        exampleResult = "a | 3\nb | 2")
@FunctionHint(output = @DataTypeHint("ARRAY<ROW<item STRING, estimate BIGINT>>"))
public class ApproxTopKAggFunction extends AggregateFunction<Row[], ApproxTopKAggFunction.Acc> {
    static final int MAX_MAP_SIZE = 1024;

    /** The accumulator: k and a frequent-items sketch held as a RAW value. */
    @SuppressWarnings("rawtypes")
    public static class Acc {
        public Integer k;

        @DataTypeHint(value = "RAW", bridgedTo = ItemsSketch.class, rawSerializer = SketchSerializer.Items.class)
        public ItemsSketch sketch = new ItemsSketch<String>(MAX_MAP_SIZE);
    }

    @Override
    public Acc createAccumulator() {
        return new Acc();
    }

    @SuppressWarnings("unchecked")
    public void accumulate(Acc acc, String item, Integer k) {
        if (acc.k == null && k != null) {
            acc.k = k;
        }
        if (item != null) {
            acc.sketch.update(item);
        }
    }

    @SuppressWarnings("unchecked")
    public void merge(Acc acc, Iterable<Acc> others) {
        for (Acc o : others) {
            if (acc.k == null) {
                acc.k = o.k;
            }
            acc.sketch.merge(o.sketch);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public Row[] getValue(Acc acc) {
        int k = acc.k == null ? 0 : Math.max(0, acc.k);
        ItemsSketch.Row<String>[] rows = acc.sketch.getFrequentItems(ErrorType.NO_FALSE_NEGATIVES);
        ItemsSketch.Row<String>[] sorted = Arrays.copyOf(rows, rows.length);
        Arrays.sort(sorted, Comparator.comparingLong((ItemsSketch.Row<String> r) -> -r.getEstimate())
                .thenComparing(ItemsSketch.Row::getItem));
        Row[] out = new Row[Math.min(k, sorted.length)];
        for (int i = 0; i < out.length; i++) {
            out[i] = Row.of(sorted[i].getItem(), sorted[i].getEstimate());
        }
        return out;
    }
}
