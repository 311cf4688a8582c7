package dev.sqlpack.perf.functions;

import dev.sqlpack.udf.aggregate.OhlcAggFunction;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.FunctionHint;
import org.apache.flink.table.functions.AggregateFunction;
import org.apache.flink.types.Row;

/**
 * Accumulator shapes measured side by side ({@code SqlSuite.STATS}, {@code SqlSuite.TRADES}): the
 * same arithmetic as the shipped functions, only the accumulator's type differs. STATS and VWAP ship
 * the winner, a RowData accumulator; the POJO versions they replaced stay here to be measured again.
 */
public final class StatsCandidates {
    private StatsCandidates() {}

    static final String OUTPUT = "ROW<n BIGINT, mean DOUBLE, stddev DOUBLE, `min` DOUBLE, `max` DOUBLE>";

    /** STATS as first shipped: a POJO accumulator, which Flink types as a structured type. */
    @FunctionHint(output = @DataTypeHint(OUTPUT))
    public static class PojoAcc extends AggregateFunction<Row, PojoAcc.Acc> {
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

    /** The same POJO accumulator typed RAW: Flink keeps the object and serializes it only when state is. */
    @FunctionHint(accumulator = @DataTypeHint(value = "RAW", bridgedTo = PojoAcc.Acc.class), output = @DataTypeHint(OUTPUT))
    public static class RawAcc extends AggregateFunction<Row, PojoAcc.Acc> {
        private final PojoAcc stats = new PojoAcc();

        @Override
        public PojoAcc.Acc createAccumulator() {
            return stats.createAccumulator();
        }

        public void accumulate(PojoAcc.Acc acc, Double x) {
            stats.accumulate(acc, x);
        }

        public void merge(PojoAcc.Acc acc, Iterable<PojoAcc.Acc> others) {
            stats.merge(acc, others);
        }

        @Override
        public Row getValue(PojoAcc.Acc acc) {
            return stats.getValue(acc);
        }
    }

    /** VWAP as first shipped: a POJO accumulator, which Flink types as a structured type. */
    public static class VwapPojoAcc extends AggregateFunction<Double, VwapPojoAcc.Acc> {
        /** Running sums of price * qty and of qty. */
        public static class Acc {
            public double notional;
            public double volume;
        }

        @Override
        public Acc createAccumulator() {
            return new Acc();
        }

        public void accumulate(Acc acc, @DataTypeHint(inputGroup = org.apache.flink.table.annotation.InputGroup.ANY) Object price,
                @DataTypeHint(inputGroup = org.apache.flink.table.annotation.InputGroup.ANY) Object qty) {
            if (price instanceof Number p && qty instanceof Number q) {
                acc.notional += p.doubleValue() * q.doubleValue();
                acc.volume += q.doubleValue();
            }
        }

        public void merge(Acc acc, Iterable<Acc> others) {
            for (Acc o : others) {
                acc.notional += o.notional;
                acc.volume += o.volume;
            }
        }

        @Override
        public Double getValue(Acc acc) {
            return acc.volume == 0 ? null : acc.notional / acc.volume;
        }
    }

    /** VWAP with its first POJO accumulator typed RAW. */
    @FunctionHint(accumulator = @DataTypeHint(value = "RAW", bridgedTo = VwapPojoAcc.Acc.class))
    public static class VwapRawAcc extends AggregateFunction<Double, VwapPojoAcc.Acc> {
        private final VwapPojoAcc vwap = new VwapPojoAcc();

        @Override
        public VwapPojoAcc.Acc createAccumulator() {
            return vwap.createAccumulator();
        }

        public void accumulate(VwapPojoAcc.Acc acc, Double price, Double qty) {
            vwap.accumulate(acc, price, qty);
        }

        public void merge(VwapPojoAcc.Acc acc, Iterable<VwapPojoAcc.Acc> others) {
            vwap.merge(acc, others);
        }

        @Override
        public Double getValue(VwapPojoAcc.Acc acc) {
            return vwap.getValue(acc);
        }
    }

    /** The two sums of VWAP in Flink's own row, updated in place (what STATS ships). */
    @FunctionHint(accumulator = @DataTypeHint(value = "ROW<notional DOUBLE NOT NULL, volume DOUBLE NOT NULL>",
            bridgedTo = org.apache.flink.table.data.RowData.class))
    public abstract static class VwapRowDataBase extends AggregateFunction<Double, org.apache.flink.table.data.RowData> {
        @Override
        public org.apache.flink.table.data.RowData createAccumulator() {
            return org.apache.flink.table.data.GenericRowData.of(0.0, 0.0);
        }

        static void add(org.apache.flink.table.data.RowData acc, double notional, double volume) {
            double n = acc.getDouble(0) + notional;
            double v = acc.getDouble(1) + volume;
            if (acc instanceof org.apache.flink.table.data.GenericRowData g) {
                g.setField(0, n);
                g.setField(1, v);
            } else {
                org.apache.flink.table.data.binary.BinaryRowData b = (org.apache.flink.table.data.binary.BinaryRowData) acc;
                b.setDouble(0, n);
                b.setDouble(1, v);
            }
        }

        public void merge(org.apache.flink.table.data.RowData acc, Iterable<org.apache.flink.table.data.RowData> others) {
            for (org.apache.flink.table.data.RowData o : others) {
                add(acc, o.getDouble(0), o.getDouble(1));
            }
        }

        @Override
        public Double getValue(org.apache.flink.table.data.RowData acc) {
            return acc.getDouble(1) == 0 ? null : acc.getDouble(0) / acc.getDouble(1);
        }
    }

    /** RowData accumulator, arguments typed DOUBLE (other numeric types are cast by the planner). */
    public static class VwapRowDataDoubleArgs extends VwapRowDataBase {
        public void accumulate(org.apache.flink.table.data.RowData acc, Double price, Double qty) {
            if (price != null && qty != null) {
                add(acc, price * qty, qty);
            }
        }
    }

    /** OHLC with its POJO accumulator typed RAW. */
    @FunctionHint(accumulator = @DataTypeHint(value = "RAW", bridgedTo = OhlcAggFunction.Acc.class),
            output = @DataTypeHint("ROW<`open` DOUBLE, high DOUBLE, low DOUBLE, `close` DOUBLE>"))
    public static class OhlcRawAcc extends AggregateFunction<Row, OhlcAggFunction.Acc> {
        private final OhlcAggFunction ohlc = new OhlcAggFunction();

        @Override
        public OhlcAggFunction.Acc createAccumulator() {
            return ohlc.createAccumulator();
        }

        public void accumulate(OhlcAggFunction.Acc acc, Double price, @DataTypeHint("TIMESTAMP(3)") java.time.LocalDateTime ts) {
            ohlc.accumulate(acc, price, ts);
        }

        public void merge(OhlcAggFunction.Acc acc, Iterable<OhlcAggFunction.Acc> others) {
            ohlc.merge(acc, others);
        }

        @Override
        public Row getValue(OhlcAggFunction.Acc acc) {
            return ohlc.getValue(acc);
        }
    }
}
