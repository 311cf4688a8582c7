package dev.sqlpack.udf.aggregate;

import dev.sqlpack.udf.FunctionDoc;
import java.time.LocalDateTime;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.FunctionHint;
import org.apache.flink.table.annotation.InputGroup;
import org.apache.flink.table.functions.AggregateFunction;
import org.apache.flink.types.Row;

/** Open, high, low and close by event time. */
@FunctionDoc(
        signature = "OHLC(price NUMERIC, ts TIMESTAMP(3))",
        description = "Open, high, low and close by event time: open is the price of the row with the earliest `ts`, close of the latest, whatever order the rows arrived in (on equal timestamps open takes the lower price and close the higher, so arrival order never matters). Mergeable. `open` and `close` are SQL keywords: write bar.`open`.",
        nullRule = "Rows with a NULL price or timestamp are ignored; a group without such rows gives NULL.",
        example = "SELECT b.`open`, b.high, b.low, b.`close` FROM (SELECT OHLC(price, ts) AS b FROM (VALUES (100.5, TIMESTAMP '2026-03-02 10:00:00.950'), (100.0, TIMESTAMP '2026-03-02 10:00:00.100'), (101.0, TIMESTAMP '2026-03-02 10:00:00.900'), (99.5, TIMESTAMP '2026-03-02 10:00:00.400')) AS t(price, ts))",
        exampleResult = "100.0 | 101.0 | 99.5 | 100.5")
@FunctionHint(output = @DataTypeHint("ROW<`open` DOUBLE, high DOUBLE, low DOUBLE, `close` DOUBLE>"))
public class OhlcAggFunction extends AggregateFunction<Row, OhlcAggFunction.Acc> {

    /** Earliest and latest (ts, price), and the extremes. */
    public static class Acc {
        public long count;
        public long openTs = Long.MAX_VALUE;
        public double open;
        public long closeTs = Long.MIN_VALUE;
        public double close;
        public double high = Double.NEGATIVE_INFINITY;
        public double low = Double.POSITIVE_INFINITY;
    }

    @Override
    public Acc createAccumulator() {
        return new Acc();
    }

    public void accumulate(Acc acc, @DataTypeHint(inputGroup = InputGroup.ANY) Object price,
            @DataTypeHint("TIMESTAMP(3)") LocalDateTime ts) {
        if (price instanceof Number p && ts != null) {
            add(acc, p.doubleValue(), ts.atZone(java.time.ZoneOffset.UTC).toInstant().toEpochMilli(), 1);
        }
    }

    private static void add(Acc acc, double price, long t, long count) {
        if (t < acc.openTs || t == acc.openTs && price < acc.open) {
            acc.openTs = t;
            acc.open = price;
        }
        if (t > acc.closeTs || t == acc.closeTs && price > acc.close) {
            acc.closeTs = t;
            acc.close = price;
        }
        acc.high = Math.max(acc.high, price);
        acc.low = Math.min(acc.low, price);
        acc.count += count;
    }

    public void merge(Acc acc, Iterable<Acc> others) {
        for (Acc o : others) {
            if (o.count == 0) {
                continue;
            }
            add(acc, o.open, o.openTs, 0);
            add(acc, o.close, o.closeTs, 0);
            acc.high = Math.max(acc.high, o.high);
            acc.low = Math.min(acc.low, o.low);
            acc.count += o.count;
        }
    }

    @Override
    public Row getValue(Acc acc) {
        return acc.count == 0 ? null : Row.of(acc.open, acc.high, acc.low, acc.close);
    }
}
