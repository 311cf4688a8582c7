package dev.sqlpack.udf.aggregate;

import dev.sqlpack.udf.FunctionDoc;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.FunctionHint;
import org.apache.flink.table.functions.AggregateFunction;
import org.apache.flink.types.Row;

/** Count, mean, standard deviation, min and max in one pass. */
@FunctionDoc(
        signature = "STATS(x DOUBLE)",
        description = "Count, mean, sample standard deviation, minimum and maximum in one pass, with a numerically stable, mergeable update (Welford, and Chan et al. for merges): five numbers of state whatever the group's size.",
        nullRule = "NULL values are ignored. A group without values gives NULL; with one value, stddev is NULL (the sample standard deviation needs two).",
        example = "SELECT s.n, s.mean, s.stddev, s.`min`, s.`max` FROM (SELECT STATS(x) AS s FROM (VALUES (2.0), (4.0), (4.0), (4.0), (5.0), (5.0), (7.0), (9.0)) AS t(x))",
        exampleResult = "8 | 5.0 | 2.138089935299395 | 2.0 | 9.0")
@FunctionHint(output = @DataTypeHint("ROW<n BIGINT, mean DOUBLE, stddev DOUBLE, `min` DOUBLE, `max` DOUBLE>"))
public class StatsAggFunction extends AggregateFunction<Row, StatsAggFunction.Acc> {

    /** Count, mean, sum of squared deviations, minimum and maximum. */
    public static class Acc {
        public long n;
        public double mean;
        public double m2;
        public double min = Double.POSITIVE_INFINITY;
        public double max = Double.NEGATIVE_INFINITY;
    }

    @Override
    public Acc createAccumulator() {
        return new Acc();
    }

    public void accumulate(Acc acc, Double x) {
        if (x == null || x.isNaN()) {
            return;
        }
        acc.n++;
        double delta = x - acc.mean;
        acc.mean += delta / acc.n;
        acc.m2 += delta * (x - acc.mean);
        acc.min = Math.min(acc.min, x);
        acc.max = Math.max(acc.max, x);
    }

    public void merge(Acc acc, Iterable<Acc> others) {
        for (Acc o : others) {
            if (o.n == 0) {
                continue;
            }
            long n = acc.n + o.n;
            double delta = o.mean - acc.mean;
            acc.m2 = acc.m2 + o.m2 + delta * delta * acc.n * o.n / n;
            acc.mean = acc.mean + delta * o.n / n;
            acc.n = n;
            acc.min = Math.min(acc.min, o.min);
            acc.max = Math.max(acc.max, o.max);
        }
    }

    @Override
    public Row getValue(Acc acc) {
        if (acc.n == 0) {
            return null;
        }
        Double stddev = acc.n < 2 ? null : Math.sqrt(acc.m2 / (acc.n - 1));
        return Row.of(acc.n, acc.mean, stddev, acc.min, acc.max);
    }
}
