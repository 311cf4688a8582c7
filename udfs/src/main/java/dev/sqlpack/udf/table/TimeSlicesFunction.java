package dev.sqlpack.udf.table;

import dev.sqlpack.udf.FunctionDoc;
import dev.sqlpack.udf.Malformed;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.FunctionHint;
import org.apache.flink.table.annotation.InputGroup;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.TableFunction;
import org.apache.flink.types.Row;

/** An interval cut at step boundaries, one row per piece. */
@FunctionDoc(
        signature = "TIME_SLICES(start_ts TIMESTAMP(3), end_ts TIMESTAMP(3), step INTERVAL DAY TO SECOND)",
        description = "Cuts the interval [start_ts, end_ts) at every multiple of `step` counted from 1970-01-01 00:00 (so a step of one day cuts at midnight, one hour on the hour), one row per piece with its length in whole seconds. At most 100,000 slices per interval. Use with LATERAL TABLE.",
        nullRule = "NULL arguments or an empty interval give no rows. An end before the start, a step that is not positive, or more than 100,000 slices give no rows and count as malformed.",
        example = "SELECT t.slice_start, t.slice_end, t.seconds FROM (VALUES (TIMESTAMP '2026-03-01 23:30:00', TIMESTAMP '2026-03-02 00:45:00')) AS s(a, b), LATERAL TABLE(TIME_SLICES(a, b, INTERVAL '1' DAY)) AS t(slice_start, slice_end, seconds)",
        exampleResult = "2026-03-01T23:30 | 2026-03-02T00:00 | 1800\n2026-03-02T00:00 | 2026-03-02T00:45 | 2700")
@FunctionHint(output = @DataTypeHint("ROW<slice_start TIMESTAMP(3), slice_end TIMESTAMP(3), seconds BIGINT>"))
public class TimeSlicesFunction extends TableFunction<Row> {
    static final int MAX_SLICES = 100_000;
    private final Malformed malformed = new Malformed();

    @Override
    public void open(FunctionContext context) {
        malformed.open(context, this);
    }

    public void eval(@DataTypeHint("TIMESTAMP(3)") LocalDateTime start, @DataTypeHint("TIMESTAMP(3)") LocalDateTime end,
            @DataTypeHint(inputGroup = InputGroup.ANY) Object stepArg) {
        // ANY: an INTERVAL literal of any resolution arrives as a Duration, with no cast
        if (start == null || end == null || stepArg == null || start.equals(end)) {
            return;
        }
        if (!(stepArg instanceof Duration step)) {
            malformed.inc();
            return;
        }
        long s = start.toInstant(ZoneOffset.UTC).toEpochMilli();
        long e = end.toInstant(ZoneOffset.UTC).toEpochMilli();
        long st = step.toMillis();
        if (e < s || st <= 0 || (e - s) / st > MAX_SLICES) {
            malformed.inc();
            return;
        }
        long cur = s;
        while (cur < e) {
            long boundary = Math.floorDiv(cur, st) * st + st;
            long next = Math.min(boundary, e);
            collect(Row.of(at(cur), at(next), (next - cur) / 1000));
            cur = next;
        }
    }

    private static LocalDateTime at(long millis) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000), (int) Math.floorMod(millis, 1000) * 1_000_000, ZoneOffset.UTC);
    }
}
