package dev.sqlpack.udf.aggregate;

import dev.sqlpack.udf.FunctionDoc;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.FunctionHint;
import org.apache.flink.table.annotation.InputGroup;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.binary.BinaryRowData;
import org.apache.flink.table.functions.AggregateFunction;

/** The volume-weighted average price. */
@FunctionDoc(
        signature = "VWAP(price NUMERIC, qty NUMERIC) -> DOUBLE",
        description = "The volume-weighted average price, sum(price * qty) / sum(qty). Mergeable, and retractable, so it also works over updating input and OVER windows.",
        nullRule = "Rows with a NULL price or quantity are ignored; a group whose total quantity is 0 gives NULL.",
        example = "SELECT VWAP(price, qty) AS vwap FROM (VALUES (100.0, 10), (101.0, 5), (99.5, 20), (100.5, 10)) AS t(price, qty)",
        exampleResult = "100.0")
@FunctionHint(accumulator = @DataTypeHint(value = "ROW<notional DOUBLE NOT NULL, volume DOUBLE NOT NULL>", bridgedTo = RowData.class))
public class VwapAggFunction extends AggregateFunction<Double, RowData> {
    // The accumulator is Flink's own row (sum of price * qty, sum of qty), updated in place, as
    // STATS does: a POJO accumulator is converted to and from a row for every input row. Measured
    // side by side in perf/README.md ("STATS: accumulator shapes", suite trades).
    private static final int NOTIONAL = 0;
    private static final int VOLUME = 1;

    @Override
    public RowData createAccumulator() {
        return GenericRowData.of(0.0, 0.0);
    }

    public void accumulate(RowData acc, @DataTypeHint(inputGroup = InputGroup.ANY) Object price,
            @DataTypeHint(inputGroup = InputGroup.ANY) Object qty) {
        if (price instanceof Number p && qty instanceof Number q) {
            add(acc, p.doubleValue() * q.doubleValue(), q.doubleValue());
        }
    }

    public void retract(RowData acc, @DataTypeHint(inputGroup = InputGroup.ANY) Object price,
            @DataTypeHint(inputGroup = InputGroup.ANY) Object qty) {
        if (price instanceof Number p && qty instanceof Number q) {
            add(acc, -p.doubleValue() * q.doubleValue(), -q.doubleValue());
        }
    }

    public void merge(RowData acc, Iterable<RowData> others) {
        for (RowData o : others) {
            add(acc, o.getDouble(NOTIONAL), o.getDouble(VOLUME));
        }
    }

    /** Adds to both sums: a GenericRowData made here, or a BinaryRowData read back from serialized state. */
    private static void add(RowData acc, double notional, double volume) {
        double n = acc.getDouble(NOTIONAL) + notional;
        double v = acc.getDouble(VOLUME) + volume;
        if (acc instanceof GenericRowData g) {
            g.setField(NOTIONAL, n);
            g.setField(VOLUME, v);
        } else {
            BinaryRowData b = (BinaryRowData) acc;
            b.setDouble(NOTIONAL, n);
            b.setDouble(VOLUME, v);
        }
    }

    @Override
    public Double getValue(RowData acc) {
        double volume = acc.getDouble(VOLUME);
        return volume == 0 ? null : acc.getDouble(NOTIONAL) / volume;
    }
}
