package dev.sqlpack.udf.aggregate;

import dev.sqlpack.udf.FunctionDoc;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.functions.AggregateFunction;

/** How many steps of a funnel were reached in order. */
@FunctionDoc(
        signature = "FUNNEL(ts TIMESTAMP(3), event STRING, step1 STRING, step2 STRING, ...) -> INT",
        description = "How many steps of the funnel were reached in order by event time: step 1 at some time, step 2 strictly after it, and so on; events of other names are ignored. The result does not depend on arrival order. The accumulator keeps the 64 earliest timestamps of each step, so the result is exact unless one step occurs more than 64 times in a group before the funnel moves on.",
        nullRule = "Rows with a NULL timestamp or event are ignored; a group that never reaches step 1 gives 0.",
        example = "SELECT FUNNEL(ts, e, 'view', 'cart', 'buy') AS steps FROM (VALUES (TIMESTAMP '2026-03-01 10:00:30', 'cart'), (TIMESTAMP '2026-03-01 10:00:00', 'view'), (TIMESTAMP '2026-03-01 10:00:10', 'view')) AS t(ts, e)",
        exampleResult = "2")
public class FunnelAggFunction extends AggregateFunction<Integer, FunnelAggFunction.Acc> {
    static final int MAX_PER_STEP = 64;

    /** The funnel's steps and, per step, the earliest timestamps (epoch ms) seen, sorted. */
    public static class Acc {
        public String[] steps = new String[0];

        public Long[][] times = new Long[0][];
    }

    @Override
    public Acc createAccumulator() {
        return new Acc();
    }

    public void accumulate(Acc acc, @DataTypeHint("TIMESTAMP(3)") LocalDateTime ts, String event, String... steps) {
        if (acc.steps.length == 0 && steps.length > 0) {
            acc.steps = steps.clone();
            acc.times = new Long[steps.length][];
            for (int i = 0; i < steps.length; i++) {
                acc.times[i] = new Long[0];
            }
        }
        if (ts == null || event == null) {
            return;
        }
        long t = ts.toInstant(ZoneOffset.UTC).toEpochMilli();
        for (int i = 0; i < acc.steps.length; i++) {
            if (event.equals(acc.steps[i])) {
                acc.times[i] = insert(acc.times[i], t);
            }
        }
    }

    /** The sorted array with t added, keeping the MAX_PER_STEP smallest distinct values. */
    private static Long[] insert(Long[] sorted, long t) {
        List<Long> l = new ArrayList<>(java.util.Arrays.asList(sorted));
        int pos = java.util.Collections.binarySearch(l, t);
        if (pos >= 0 || -pos - 1 >= MAX_PER_STEP) {
            return sorted;
        }
        l.add(-pos - 1, t);
        if (l.size() > MAX_PER_STEP) {
            l.remove(l.size() - 1);
        }
        return l.toArray(new Long[0]);
    }

    public void merge(Acc acc, Iterable<Acc> others) {
        for (Acc o : others) {
            if (acc.steps.length == 0 && o.steps.length > 0) {
                acc.steps = o.steps.clone();
                acc.times = new Long[o.steps.length][];
                for (int i = 0; i < acc.times.length; i++) {
                    acc.times[i] = new Long[0];
                }
            }
            for (int i = 0; i < Math.min(acc.times.length, o.times.length); i++) {
                for (long t : o.times[i]) {
                    acc.times[i] = insert(acc.times[i], t);
                }
            }
        }
    }

    @Override
    public Integer getValue(Acc acc) {
        long reached = Long.MIN_VALUE;
        int steps = 0;
        for (Long[] times : acc.times) {
            Long next = null;
            for (long t : times) {
                if (steps == 0 || t > reached) {
                    next = t;
                    break;
                }
            }
            if (next == null) {
                break;
            }
            reached = next;
            steps++;
        }
        return steps;
    }
}
