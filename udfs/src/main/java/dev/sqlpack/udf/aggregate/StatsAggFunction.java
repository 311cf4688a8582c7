package dev.sqlpack.udf.aggregate;

import dev.sqlpack.udf.FunctionDoc;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.FunctionHint;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.binary.BinaryRowData;
import org.apache.flink.table.functions.AggregateFunction;
import org.apache.flink.types.Row;

/** Count, mean, standard deviation, min and max in one pass. */
@FunctionDoc(
        signature = "STATS(x DOUBLE)",
        description = "Count, mean, sample standard deviation, minimum and maximum in one pass, with a numerically stable, mergeable update (Welford, and Chan et al. for merges): five numbers of state whatever the group's size.",
        nullRule = "NULL values are ignored. A group without values gives NULL; with one value, stddev is NULL (the sample standard deviation needs two).",
        example = "SELECT s.n, s.mean, s.stddev, s.`min`, s.`max` FROM (SELECT STATS(x) AS s FROM (VALUES (2.0), (4.0), (4.0), (4.0), (5.0), (5.0), (7.0), (9.0)) AS t(x))",
        exampleResult = "8 | 5.0 | 2.138089935299395 | 2.0 | 9.0")
@FunctionHint(
        accumulator = @DataTypeHint(value = "ROW<n BIGINT NOT NULL, mean DOUBLE NOT NULL, m2 DOUBLE NOT NULL, `min` DOUBLE NOT NULL, `max` DOUBLE NOT NULL>",
                bridgedTo = RowData.class),
        output = @DataTypeHint("ROW<n BIGINT, mean DOUBLE, stddev DOUBLE, `min` DOUBLE, `max` DOUBLE>"))
public class StatsAggFunction extends AggregateFunction<Row, RowData> {
    // The accumulator is Flink's own row (count, mean, sum of squared deviations, min, max),
    // updated in place: a POJO accumulator is converted to and from a row for every input row,
    // which made STATS slower than the built-ins (perf/README.md, "STATS: accumulator shapes").
    private static final int N = 0;
    private static final int MEAN = 1;
    private static final int M2 = 2;
    private static final int MIN = 3;
    private static final int MAX = 4;

    @Override
    public RowData createAccumulator() {
        return GenericRowData.of(0L, 0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
    }

    public void accumulate(RowData acc, Double x) {
        if (x == null || x.isNaN()) {
            return;
        }
        long n = acc.getLong(N) + 1;
        double mean = acc.getDouble(MEAN);
        double delta = x - mean;
        mean += delta / n;
        set(acc, n, mean, acc.getDouble(M2) + delta * (x - mean), Math.min(acc.getDouble(MIN), x), Math.max(acc.getDouble(MAX), x));
    }

    public void merge(RowData acc, Iterable<RowData> others) {
        for (RowData o : others) {
            long on = o.getLong(N);
            if (on == 0) {
                continue;
            }
            long an = acc.getLong(N);
            long n = an + on;
            double delta = o.getDouble(MEAN) - acc.getDouble(MEAN);
            set(acc, n, acc.getDouble(MEAN) + delta * on / n, acc.getDouble(M2) + o.getDouble(M2) + delta * delta * an * on / n,
                    Math.min(acc.getDouble(MIN), o.getDouble(MIN)), Math.max(acc.getDouble(MAX), o.getDouble(MAX)));
        }
    }

    /** Writes the accumulator: a GenericRowData made here, or a BinaryRowData read back from serialized state. */
    private static void set(RowData acc, long n, double mean, double m2, double min, double max) {
        if (acc instanceof GenericRowData g) {
            g.setField(N, n);
            g.setField(MEAN, mean);
            g.setField(M2, m2);
            g.setField(MIN, min);
            g.setField(MAX, max);
        } else {
            BinaryRowData b = (BinaryRowData) acc;
            b.setLong(N, n);
            b.setDouble(MEAN, mean);
            b.setDouble(M2, m2);
            b.setDouble(MIN, min);
            b.setDouble(MAX, max);
        }
    }

    @Override
    public Row getValue(RowData acc) {
        long n = acc.getLong(N);
        if (n == 0) {
            return null;
        }
        Double stddev = n < 2 ? null : Math.sqrt(acc.getDouble(M2) / (n - 1));
        return Row.of(n, acc.getDouble(MEAN), stddev, acc.getDouble(MIN), acc.getDouble(MAX));
    }
}
