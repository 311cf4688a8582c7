package dev.sqlpack.udf.aggregate;

import dev.sqlpack.udf.FunctionDoc;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.functions.AggregateFunction;

/** The first pages of a session in event-time order. */
@FunctionDoc(
        signature = "SESSION_PATH(page STRING, ts TIMESTAMP(3), max_len INT) -> ARRAY<STRING>",
        description = "The pages of the group in event-time order (ties by page), whatever order they arrived in: the first `max_len` of them (`max_len` from the first row, at most 1000), so the accumulator stays bounded. Mergeable, for SESSION windows.",
        nullRule = "Rows with a NULL page or timestamp are ignored; a group without such rows gives an empty array.",
        example = "SELECT SESSION_PATH(page, ts, 10) AS path FROM (VALUES ('/cart', TIMESTAMP '2026-03-01 10:00:30'), ('/home', TIMESTAMP '2026-03-01 10:00:00'), ('/product', TIMESTAMP '2026-03-01 10:00:20')) AS t(page, ts)",
        exampleResult = "[\"/home\",\"/product\",\"/cart\"]")
public class SessionPathAggFunction
        extends AggregateFunction<String[], SessionPathAggFunction.Acc> {
    static final int MAX_LEN = 1000;

    /** Up to max_len (ts, page) pairs, sorted. */
    public static class Acc {
        public Integer maxLen;

        public Long[] ts = new Long[0];

        public String[] pages = new String[0];
    }

    @Override
    public Acc createAccumulator() {
        return new Acc();
    }

    public void accumulate(Acc acc, String page, @DataTypeHint("TIMESTAMP(3)") LocalDateTime ts, Integer maxLen) {
        if (acc.maxLen == null && maxLen != null) {
            acc.maxLen = Math.max(0, Math.min(MAX_LEN, maxLen));
        }
        if (page != null && ts != null) {
            insert(acc, ts.toInstant(ZoneOffset.UTC).toEpochMilli(), page);
        }
    }

    private static void insert(Acc acc, long t, String page) {
        int limit = acc.maxLen == null ? MAX_LEN : acc.maxLen;
        List<Long> ts = new ArrayList<>(java.util.Arrays.asList(acc.ts));
        List<String> pages = new ArrayList<>(java.util.Arrays.asList(acc.pages));
        int at = 0;
        while (at < ts.size() && (ts.get(at) < t || ts.get(at) == t && pages.get(at).compareTo(page) <= 0)) {
            at++;
        }
        if (at >= limit) {
            return;
        }
        ts.add(at, t);
        pages.add(at, page);
        if (ts.size() > limit) {
            ts.remove(ts.size() - 1);
            pages.remove(pages.size() - 1);
        }
        acc.ts = ts.toArray(new Long[0]);
        acc.pages = pages.toArray(new String[0]);
    }

    public void merge(Acc acc, Iterable<Acc> others) {
        for (Acc o : others) {
            if (acc.maxLen == null) {
                acc.maxLen = o.maxLen;
            }
            for (int i = 0; i < o.ts.length; i++) {
                insert(acc, o.ts[i], o.pages[i]);
            }
        }
    }

    @Override
    public @DataTypeHint("ARRAY<STRING>") String[] getValue(Acc acc) {
        return acc.pages.clone();
    }
}
