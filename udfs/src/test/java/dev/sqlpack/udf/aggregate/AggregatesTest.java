package dev.sqlpack.udf.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.RowDataSerializer;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;

/** Aggregates without a cluster: order independence, merge equals one pass, and sketch accuracy. */
class AggregatesTest {
    private static final LocalDateTime T0 = LocalDateTime.of(2026, 3, 1, 10, 0);
    private final Random random = new Random(42);

    record Trade(double price, LocalDateTime ts) {}

    @Test
    void ohlcDependsOnEventTimeNotArrivalOrderAndMergesLikeOnePass() {
        List<Trade> trades = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            trades.add(new Trade(100 + random.nextInt(50), T0.plusSeconds(i)));
        }
        Row expected = Row.of(trades.get(0).price(), trades.stream().mapToDouble(Trade::price).max().getAsDouble(),
                trades.stream().mapToDouble(Trade::price).min().getAsDouble(), trades.get(49).price());
        OhlcAggFunction f = new OhlcAggFunction();
        for (int round = 0; round < 20; round++) {
            Collections.shuffle(trades, random);
            OhlcAggFunction.Acc a = f.createAccumulator();
            OhlcAggFunction.Acc b = f.createAccumulator();
            for (int i = 0; i < trades.size(); i++) {
                f.accumulate(i % 3 == 0 ? a : b, trades.get(i).price(), trades.get(i).ts());
            }
            f.merge(a, List.of(b));
            assertThat(f.getValue(a)).isEqualTo(expected);
        }
    }

    @Test
    void funnelCountsStepsInEventTimeOrderWhateverTheArrivalOrder() {
        FunnelAggFunction f = new FunnelAggFunction();
        List<Object[]> events = new ArrayList<>(List.of(
                new Object[] {T0.plusSeconds(5), "cart"}, // before any view: does not count
                new Object[] {T0.plusSeconds(10), "view"},
                new Object[] {T0.plusSeconds(20), "other"},
                new Object[] {T0.plusSeconds(30), "cart"},
                new Object[] {T0.plusSeconds(40), "view"}));
        for (int round = 0; round < 20; round++) {
            Collections.shuffle(events, random);
            FunnelAggFunction.Acc a = f.createAccumulator();
            FunnelAggFunction.Acc b = f.createAccumulator();
            for (int i = 0; i < events.size(); i++) {
                f.accumulate(i % 2 == 0 ? a : b, (LocalDateTime) events.get(i)[0], (String) events.get(i)[1], "view", "cart", "buy");
            }
            f.merge(a, List.of(b));
            assertThat(f.getValue(a)).isEqualTo(2);
        }
        FunnelAggFunction.Acc none = f.createAccumulator();
        f.accumulate(none, T0, "cart", "view", "cart");
        assertThat(f.getValue(none)).isZero();
    }

    @Test
    void sessionPathIsInEventTimeOrderAndBounded() {
        SessionPathAggFunction f = new SessionPathAggFunction();
        List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5));
        Collections.shuffle(order, random);
        SessionPathAggFunction.Acc acc = f.createAccumulator();
        for (int i : order) {
            f.accumulate(acc, "/p" + i, T0.plusSeconds(i), 4);
        }
        assertThat(f.getValue(acc)).containsExactly("/p0", "/p1", "/p2", "/p3");
        assertThat(acc.ts).hasSize(4);
    }

    @Test
    void statsAccumulatesOnARowReadBackFromSerializedState() {
        // a state backend that serializes (RocksDB) hands the accumulator back as a BinaryRowData
        StatsAggFunction f = new StatsAggFunction();
        RowDataSerializer serializer = new RowDataSerializer((RowType) DataTypes.ROW(DataTypes.BIGINT().notNull(),
                DataTypes.DOUBLE().notNull(), DataTypes.DOUBLE().notNull(), DataTypes.DOUBLE().notNull(), DataTypes.DOUBLE().notNull())
                .getLogicalType());
        RowData onHeap = f.createAccumulator();
        RowData serialized = serializer.toBinaryRow(f.createAccumulator()).copy();
        assertThat(serialized).isInstanceOf(org.apache.flink.table.data.binary.BinaryRowData.class);
        for (double x : new double[] {3.0, -1.5, 8.25, 8.25}) {
            f.accumulate(onHeap, x);
            f.accumulate(serialized, x);
            serialized = serializer.toBinaryRow(serialized).copy();
        }
        assertThat(f.getValue(serialized)).isEqualTo(f.getValue(onHeap));
        assertThat(f.getValue(onHeap)).isEqualTo(Row.of(4L, 4.5, Math.sqrt((2.25 + 36 + 14.0625 * 2) / 3), -1.5, 8.25));
    }

    @Test
    void statsMergeEqualsOnePassAndMatchesTheTextbook() {
        StatsAggFunction f = new StatsAggFunction();
        RowData all = f.createAccumulator();
        List<RowData> parts = new ArrayList<>();
        double sum = 0;
        List<Double> xs = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            RowData part = f.createAccumulator();
            for (int i = 0; i < 250; i++) {
                double x = random.nextGaussian() * 10 + 1000;
                xs.add(x);
                sum += x;
                f.accumulate(part, x);
                f.accumulate(all, x);
            }
            parts.add(part);
        }
        RowData merged = f.createAccumulator();
        f.merge(merged, parts);
        double mean = sum / xs.size();
        double ss = xs.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum();
        Row one = f.getValue(all);
        Row two = f.getValue(merged);
        assertThat((Long) two.getField(0)).isEqualTo(1000L);
        assertThat((Double) two.getField(1)).isCloseTo(mean, within(1e-9));
        assertThat((Double) two.getField(2)).isCloseTo(Math.sqrt(ss / 999), within(1e-9));
        assertThat((Double) one.getField(2)).isCloseTo((Double) two.getField(2), within(1e-9));
        f.accumulate(all, (Double) null);
        assertThat(f.getValue(f.createAccumulator())).isNull();
    }

    @Test
    void vwapRetractsExactly() {
        VwapAggFunction f = new VwapAggFunction();
        org.apache.flink.table.data.RowData acc = f.createAccumulator();
        f.accumulate(acc, 10.0, 1);
        f.accumulate(acc, 20.0, 3);
        assertThat(f.getValue(acc)).isEqualTo(17.5);
        f.retract(acc, 20.0, 3);
        assertThat(f.getValue(acc)).isEqualTo(10.0);
        f.retract(acc, 10.0, 1);
        assertThat(f.getValue(acc)).isNull();
    }

    /** The accumulator as the window operator hands it back from serialized state: a BinaryRowData. */
    @Test
    void vwapUpdatesAnAccumulatorReadBackFromStateAndMerges() {
        VwapAggFunction f = new VwapAggFunction();
        org.apache.flink.table.data.binary.BinaryRowData stored = new org.apache.flink.table.data.binary.BinaryRowData(2);
        org.apache.flink.table.data.writer.BinaryRowWriter w = new org.apache.flink.table.data.writer.BinaryRowWriter(stored);
        w.writeDouble(0, 100.0 * 2); // one earlier row: price 100, qty 2
        w.writeDouble(1, 2.0);
        w.complete();
        f.accumulate(stored, new java.math.BigDecimal("110.00"), 3L); // DECIMAL and BIGINT arrive as Java objects
        f.accumulate(stored, null, 5); // ignored
        assertThat(f.getValue(stored)).isEqualTo((200.0 + 330.0) / 5.0);
        org.apache.flink.table.data.RowData other = f.createAccumulator();
        f.accumulate(other, 90.0f, (short) 5);
        f.merge(stored, List.of(other));
        assertThat(f.getValue(stored)).isEqualTo((200.0 + 330.0 + 450.0) / 10.0);
    }

    /** Bound: lgK = 12 gives a relative standard error of 1.04 / sqrt(4096) = 1.6 %; 3 sigma = 4.9 %. */
    @Test
    void approxDistinctIsWithinThreeStandardErrorsAfterMerging() {
        ApproxDistinctAggFunction f = new ApproxDistinctAggFunction();
        ApproxDistinctAggFunction.Acc a = f.createAccumulator();
        ApproxDistinctAggFunction.Acc b = f.createAccumulator();
        for (int i = 0; i < 100_000; i++) {
            f.accumulate(i % 2 == 0 ? a : b, "user-" + i);
            f.accumulate(b, "user-" + (i % 1000)); // duplicates must not count
        }
        f.merge(a, List.of(b));
        assertThat(f.getValue(a)).isBetween(95_100L, 104_900L);
        ApproxDistinctAggFunction.Acc small = f.createAccumulator();
        for (String s : List.of("a", "b", "a", "c")) {
            f.accumulate(small, s);
        }
        assertThat(f.getValue(small)).as("exact for small counts").isEqualTo(3L);
    }

    /** Bound: KLL k = 200 has a normalized rank error of about 1.65 % (99 %); tested at 2.5 %. */
    @Test
    void approxPercentileRankErrorIsWithinTheStatedBound() {
        ApproxPercentileAggFunction f = new ApproxPercentileAggFunction();
        ApproxPercentileAggFunction.Acc acc = f.createAccumulator();
        List<ApproxPercentileAggFunction.Acc> parts = new ArrayList<>();
        double[] values = new double[100_000];
        for (int p = 0; p < 4; p++) {
            ApproxPercentileAggFunction.Acc part = f.createAccumulator();
            for (int i = 0; i < 25_000; i++) {
                double v = random.nextDouble() * random.nextDouble() * 1000; // skewed
                values[p * 25_000 + i] = v;
                f.accumulate(part, v, 0.99);
            }
            parts.add(part);
        }
        f.merge(acc, parts);
        Arrays.sort(values);
        double q = f.getValue(acc);
        int rank = Arrays.binarySearch(values, q);
        rank = rank < 0 ? -rank - 1 : rank;
        assertThat(rank / 100_000.0).isCloseTo(0.99, within(0.025));
    }

    @Test
    void approxTopKIsExactForFewDistinctItemsAndOrdersByCountThenItem() {
        ApproxTopKAggFunction f = new ApproxTopKAggFunction();
        ApproxTopKAggFunction.Acc a = f.createAccumulator();
        ApproxTopKAggFunction.Acc b = f.createAccumulator();
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            items.add("x" + (i % 30));
        }
        for (int i = 0; i < 90; i++) {
            items.add("hot");
        }
        for (int i = 0; i < 40; i++) {
            items.add("warm");
        }
        Collections.shuffle(items, random);
        for (int i = 0; i < items.size(); i++) {
            f.accumulate(i % 2 == 0 ? a : b, items.get(i), 3);
        }
        f.merge(a, List.of(b));
        Row[] top = f.getValue(a);
        assertThat(top).hasSize(3);
        assertThat(top[0]).isEqualTo(Row.of("hot", 90L));
        assertThat(top[1]).isEqualTo(Row.of("warm", 40L));
        assertThat(top[2]).isEqualTo(Row.of("x0", 10L));
    }
}
