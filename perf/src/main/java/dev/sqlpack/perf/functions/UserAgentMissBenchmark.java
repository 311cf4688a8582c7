package dev.sqlpack.perf.functions;

import dev.sqlpack.udf.scalar.ParseUserAgentFunction;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import ua_parser.Parser;

/**
 * PARSE_USER_AGENT when the cache does not help: 40,000 distinct agents cycled in order, four times
 * the cache's 10,000 entries, so every call is a miss (LRU evicts each agent before it comes back);
 * and, for scale, the same agent every call (a hit). Run: perf/bin/bench-functions ua.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class UserAgentMissBenchmark {
    static final int DISTINCT = 40_000;
    private static final String[] TEMPLATES = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.%d.%d Safari/537.36",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_%d like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.%d Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 14; Pixel %d) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.%d Mobile Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_%d) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.%d Safari/605.1.15",
        "Mozilla/5.0 (X11; Linux x86_64; rv:%d.0) Gecko/20100101 Firefox/%d.0",
        "Mozilla/5.0 (compatible; Googlebot/2.%d; +http://www.google.com/bot.html) build/%d",
        "Mozilla/5.0 (iPad; CPU OS 16_%d like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.%d Mobile/15E148 Safari/604.1",
        "okhttp/4.%d.%d",
    };
    private final String[] agents = new String[DISTINCT];
    private final ParseUserAgentFunction miss = new ParseUserAgentFunction();
    private final ParseUserAgentFunction hit = new ParseUserAgentFunction();
    private final Parser uap = new Parser();
    private int i;

    @Setup(Level.Trial)
    public void setUp() {
        for (int k = 0; k < DISTINCT; k++) {
            agents[k] = String.format(TEMPLATES[k % TEMPLATES.length], k / TEMPLATES.length % 100, k / TEMPLATES.length / 100);
        }
    }

    @Benchmark
    public Object cacheMiss() {
        return miss.eval(nextAgent());
    }

    /** The three rule sets of ua-parser a miss runs, each alone, to see where a miss spends its time. */
    @Benchmark
    public Object uapUserAgentRulesOnly() {
        return uap.parseUserAgent(nextAgent());
    }

    @Benchmark
    public Object uapOsRulesOnly() {
        return uap.parseOS(nextAgent());
    }

    @Benchmark
    public Object uapDeviceRulesOnly() {
        return uap.parseDevice(nextAgent());
    }

    private String nextAgent() {
        String ua = agents[i];
        i = i + 1 == DISTINCT ? 0 : i + 1;
        return ua;
    }

    @Benchmark
    public Object cacheHit() {
        return hit.eval(agents[0]);
    }
}
