package dev.sqlpack.udf.scalar;

import dev.sqlpack.udf.FunctionDoc;
import dev.sqlpack.udf.Malformed;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.ScalarFunction;

/** A price rounded to the nearest multiple of a tick size. */
@FunctionDoc(
        signature = "ROUND_TO_TICK(price DECIMAL, tick DECIMAL)",
        description = "The multiple of `tick` nearest to `price` (a price on an exchange's tick grid); halves round away from zero. Exact decimal arithmetic.",
        nullRule = "NULL if an argument is NULL. A tick that is zero or negative gives NULL and counts as malformed.",
        example = "SELECT CAST(ROUND_TO_TICK(101.37, 0.25) AS DECIMAL(10, 2)) AS a, CAST(ROUND_TO_TICK(101.375, 0.25) AS DECIMAL(10, 2)) AS b",
        exampleResult = "101.25 | 101.50")
public class RoundToTickFunction extends ScalarFunction {
    private final Malformed malformed = new Malformed();

    @Override
    public void open(FunctionContext context) {
        malformed.open(context, this);
    }

    public @DataTypeHint("DECIMAL(38, 18)") BigDecimal eval(
            @DataTypeHint("DECIMAL(38, 18)") BigDecimal price, @DataTypeHint("DECIMAL(38, 18)") BigDecimal tick) {
        if (price == null || tick == null) {
            return null;
        }
        if (tick.signum() <= 0) {
            malformed.inc();
            return null;
        }
        BigDecimal ticks = price.divide(tick, 0, RoundingMode.HALF_UP);
        return ticks.multiply(tick).setScale(18, RoundingMode.UNNECESSARY);
    }
}
