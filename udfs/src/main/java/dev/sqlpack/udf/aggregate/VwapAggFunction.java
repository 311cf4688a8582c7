package dev.sqlpack.udf.aggregate;

import dev.sqlpack.udf.FunctionDoc;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.InputGroup;
import org.apache.flink.table.functions.AggregateFunction;

/** The volume-weighted average price. */
@FunctionDoc(
        signature = "VWAP(price NUMERIC, qty NUMERIC) -> DOUBLE",
        description = "The volume-weighted average price, sum(price * qty) / sum(qty). Mergeable, and retractable, so it also works over updating input and OVER windows.",
        nullRule = "Rows with a NULL price or quantity are ignored; a group whose total quantity is 0 gives NULL.",
        example = "SELECT VWAP(price, qty) AS vwap FROM (VALUES (100.0, 10), (101.0, 5), (99.5, 20), (100.5, 10)) AS t(price, qty)",
        exampleResult = "100.0")
public class VwapAggFunction extends AggregateFunction<Double, VwapAggFunction.Acc> {

    /** Running sums of price * qty and of qty. */
    public static class Acc {
        public double notional;
        public double volume;
    }

    @Override
    public Acc createAccumulator() {
        return new Acc();
    }

    public void accumulate(Acc acc, @DataTypeHint(inputGroup = InputGroup.ANY) Object price,
            @DataTypeHint(inputGroup = InputGroup.ANY) Object qty) {
        if (price instanceof Number p && qty instanceof Number q) {
            acc.notional += p.doubleValue() * q.doubleValue();
            acc.volume += q.doubleValue();
        }
    }

    public void retract(Acc acc, @DataTypeHint(inputGroup = InputGroup.ANY) Object price,
            @DataTypeHint(inputGroup = InputGroup.ANY) Object qty) {
        if (price instanceof Number p && qty instanceof Number q) {
            acc.notional -= p.doubleValue() * q.doubleValue();
            acc.volume -= q.doubleValue();
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
