package dev.sqlpack.perf.functions;

import dev.sqlpack.udf.aggregate.StatsAggFunction;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.FunctionHint;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.binary.BinaryRowData;
import org.apache.flink.table.functions.AggregateFunction;
import org.apache.flink.types.Row;

/**
 * Accumulator shapes for STATS, measured side by side ({@code SqlSuite.STATS}): the same
 * arithmetic as {@link StatsAggFunction}, only the accumulator's type differs.
 */
public final class StatsCandidates {
    private StatsCandidates() {}

    static final String OUTPUT = "ROW<n BIGINT, mean DOUBLE, stddev DOUBLE, `min` DOUBLE, `max` DOUBLE>";

    /** The POJO accumulator typed RAW: Flink keeps the object and serializes it only when state is. */
    @FunctionHint(accumulator = @DataTypeHint(value = "RAW", bridgedTo = StatsAggFunction.Acc.class), output = @DataTypeHint(OUTPUT))
    public static class RawAcc extends AggregateFunction<Row, StatsAggFunction.Acc> {
        private final StatsAggFunction stats = new StatsAggFunction();

        @Override
        public StatsAggFunction.Acc createAccumulator() {
            return stats.createAccumulator();
        }

        public void accumulate(StatsAggFunction.Acc acc, Double x) {
            stats.accumulate(acc, x);
        }

        public void merge(StatsAggFunction.Acc acc, Iterable<StatsAggFunction.Acc> others) {
            stats.merge(acc, others);
        }

        @Override
        public Row getValue(StatsAggFunction.Acc acc) {
            return stats.getValue(acc);
        }
    }

    /**
     * The accumulator as Flink's own internal row (a {@link GenericRowData}; the generated code
     * casts to it, a BinaryRowData fails), updated in place: no conversion per row, only boxing.
     */
    @FunctionHint(accumulator = @DataTypeHint(value = "ROW<n BIGINT NOT NULL, mean DOUBLE NOT NULL, m2 DOUBLE NOT NULL, mn DOUBLE NOT NULL, mx DOUBLE NOT NULL>",
            bridgedTo = RowData.class), output = @DataTypeHint(OUTPUT))
    public static class RowDataAcc extends AggregateFunction<Row, RowData> {
        @Override
        public RowData createAccumulator() {
            return GenericRowData.of(0L, 0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
        }

        public void accumulate(RowData acc, Double x) {
            if (x == null || x.isNaN()) {
                return;
            }
            long n = acc.getLong(0) + 1;
            double mean = acc.getDouble(1);
            double delta = x - mean;
            mean += delta / n;
            set(acc, n, mean, acc.getDouble(2) + delta * (x - mean), Math.min(acc.getDouble(3), x), Math.max(acc.getDouble(4), x));
        }

        public void merge(RowData acc, Iterable<RowData> others) {
            for (RowData o : others) {
                long on = o.getLong(0);
                if (on == 0) {
                    continue;
                }
                long an = acc.getLong(0);
                long n = an + on;
                double delta = o.getDouble(1) - acc.getDouble(1);
                set(acc, n, acc.getDouble(1) + delta * on / n, acc.getDouble(2) + o.getDouble(2) + delta * delta * an * on / n,
                        Math.min(acc.getDouble(3), o.getDouble(3)), Math.max(acc.getDouble(4), o.getDouble(4)));
            }
        }

        private static void set(RowData acc, long n, double mean, double m2, double min, double max) {
            if (acc instanceof BinaryRowData b) {
                b.setLong(0, n);
                b.setDouble(1, mean);
                b.setDouble(2, m2);
                b.setDouble(3, min);
                b.setDouble(4, max);
            } else {
                GenericRowData g = (GenericRowData) acc;
                g.setField(0, n);
                g.setField(1, mean);
                g.setField(2, m2);
                g.setField(3, min);
                g.setField(4, max);
            }
        }

        @Override
        public Row getValue(RowData acc) {
            long n = acc.getLong(0);
            if (n == 0) {
                return null;
            }
            Double stddev = n < 2 ? null : Math.sqrt(acc.getDouble(2) / (n - 1));
            return Row.of(n, acc.getDouble(1), stddev, acc.getDouble(3), acc.getDouble(4));
        }
    }
}
