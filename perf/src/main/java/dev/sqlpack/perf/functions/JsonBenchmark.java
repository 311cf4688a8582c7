package dev.sqlpack.perf.functions;

import dev.sqlpack.udf.scalar.JsonFieldsFunction;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.flink.table.api.JsonValueOnEmptyOrError;
import org.apache.flink.table.runtime.functions.SqlJsonUtils;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Five fields of a ~1 KB document ({@link JsonDoc}): JSON_FIELDS against five calls of the
 * runtime method behind Flink's JSON_VALUE ({@code SqlJsonUtils.jsonValue}), in ns per document.
 * Documents cycle through 1024 pre-made ones. Run: perf/bin/bench-functions json.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class JsonBenchmark {
    private static final int N = 1024;
    private static final String[] PATHS = {"$.user.id", "$.user.tier", "$.items[1].sku", "$.page.url", "$.session.duration_ms"};
    private final String[] docs = new String[N];
    private final JsonFieldsFunction jsonFields = new JsonFieldsFunction();
    private int i;

    public JsonBenchmark() {
        Random r = new Random(7);
        for (int k = 0; k < N; k++) {
            StringBuilder name = new StringBuilder();
            for (int c = 0; c < 10; c++) {
                name.append((char) ('a' + r.nextInt(26)));
            }
            docs[k] = JsonDoc.java(r.nextInt(10_000_000), r.nextInt(1000), name.toString());
        }
    }

    private String next() {
        return docs[i++ & (N - 1)];
    }

    @Benchmark
    public Object jsonFields5Paths() {
        return jsonFields.eval(next(), PATHS);
    }

    @Benchmark
    public void jsonValue5Calls(Blackhole bh) {
        String doc = next();
        for (String p : PATHS) {
            bh.consume(SqlJsonUtils.jsonValue(doc, p, JsonValueOnEmptyOrError.NULL, null, JsonValueOnEmptyOrError.NULL, null));
        }
    }
}
