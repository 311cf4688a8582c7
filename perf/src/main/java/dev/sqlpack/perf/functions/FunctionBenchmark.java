package dev.sqlpack.perf.functions;

import dev.sqlpack.udf.aggregate.ApproxDistinctAggFunction;
import dev.sqlpack.udf.aggregate.ApproxPercentileAggFunction;
import dev.sqlpack.udf.aggregate.ApproxTopKAggFunction;
import dev.sqlpack.udf.aggregate.FunnelAggFunction;
import dev.sqlpack.udf.aggregate.OhlcAggFunction;
import dev.sqlpack.udf.aggregate.SessionPathAggFunction;
import dev.sqlpack.udf.aggregate.StatsAggFunction;
import dev.sqlpack.udf.aggregate.VwapAggFunction;
import dev.sqlpack.udf.scalar.GeoDistanceKmFunction;
import dev.sqlpack.udf.scalar.GeoSpeedKmhFunction;
import dev.sqlpack.udf.scalar.GeohashDecodeFunction;
import dev.sqlpack.udf.scalar.GeohashEncodeFunction;
import dev.sqlpack.udf.scalar.IpInCidrFunction;
import dev.sqlpack.udf.scalar.IpVersionFunction;
import dev.sqlpack.udf.scalar.LuhnValidFunction;
import dev.sqlpack.udf.scalar.MaskCardFunction;
import dev.sqlpack.udf.scalar.MaskEmailFunction;
import dev.sqlpack.udf.scalar.ParseUserAgentFunction;
import dev.sqlpack.udf.scalar.RoundToTickFunction;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.flink.table.data.RowData;
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

/**
 * Nanoseconds per call of every scalar function, and per accumulated row of every aggregate,
 * called directly (no Flink runtime). Inputs cycle through 1024 pre-made values so the JIT cannot
 * fold them. Run: perf/bin/bench-functions (writes perf/results/functions-jmh.json).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class FunctionBenchmark {
    private static final int N = 1024;
    private final Random random = new Random(7);
    private final double[] lat = new double[N];
    private final double[] lon = new double[N];
    private final LocalDateTime[] ts = new LocalDateTime[N];
    private final String[] ips = new String[N];
    private final String[] emails = new String[N];
    private final String[] pans = new String[N];
    private final String[] hashes = new String[N];
    private final String[] agents = new String[N];
    private final String[] pages = new String[N];
    private final BigDecimal[] prices = new BigDecimal[N];
    private int i;

    private final GeoDistanceKmFunction geoDistance = new GeoDistanceKmFunction();
    private final GeoSpeedKmhFunction geoSpeed = new GeoSpeedKmhFunction();
    private final GeohashEncodeFunction geohashEncode = new GeohashEncodeFunction();
    private final GeohashDecodeFunction geohashDecode = new GeohashDecodeFunction();
    private final IpInCidrFunction ipInCidr = new IpInCidrFunction();
    private final IpVersionFunction ipVersion = new IpVersionFunction();
    private final MaskEmailFunction maskEmail = new MaskEmailFunction();
    private final MaskCardFunction maskCard = new MaskCardFunction();
    private final LuhnValidFunction luhn = new LuhnValidFunction();
    private final RoundToTickFunction roundToTick = new RoundToTickFunction();
    private final ParseUserAgentFunction parseUserAgent = new ParseUserAgentFunction();

    private final ApproxDistinctAggFunction approxDistinct = new ApproxDistinctAggFunction();
    private final ApproxPercentileAggFunction approxPercentile = new ApproxPercentileAggFunction();
    private final ApproxTopKAggFunction approxTopK = new ApproxTopKAggFunction();
    private final OhlcAggFunction ohlc = new OhlcAggFunction();
    private final VwapAggFunction vwap = new VwapAggFunction();
    private final FunnelAggFunction funnel = new FunnelAggFunction();
    private final SessionPathAggFunction sessionPath = new SessionPathAggFunction();
    private final StatsAggFunction stats = new StatsAggFunction();
    private ApproxDistinctAggFunction.Acc distinctAcc;
    private ApproxPercentileAggFunction.Acc percentileAcc;
    private ApproxTopKAggFunction.Acc topKAcc;
    private OhlcAggFunction.Acc ohlcAcc;
    private RowData vwapAcc;
    private FunnelAggFunction.Acc funnelAcc;
    private SessionPathAggFunction.Acc pathAcc;
    private RowData statsAcc;

    private static final String[] AGENT_POOL = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
    };

    @Setup(Level.Trial)
    public void setUp() {
        LocalDateTime t0 = LocalDateTime.of(2026, 3, 1, 0, 0);
        for (int k = 0; k < N; k++) {
            lat[k] = random.nextDouble() * 180 - 90;
            lon[k] = random.nextDouble() * 360 - 180;
            ts[k] = t0.plusSeconds(random.nextInt(86_400));
            ips[k] = (10 + random.nextInt(3)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
            emails[k] = "user" + random.nextInt(1_000_000) + "@example" + random.nextInt(10) + ".com";
            pans[k] = String.format("4%015d", Math.abs(random.nextLong()) % 1_000_000_000_000_000L);
            hashes[k] = geohashEncode.eval(lat[k], lon[k], 7);
            // a realistic cache hit rate: a few agents dominate, one in eight is new
            agents[k] = k % 8 == 0 ? AGENT_POOL[k % 4].replace("120.0", "120." + k) : AGENT_POOL[k % 4];
            pages[k] = "/p" + random.nextInt(50);
            prices[k] = BigDecimal.valueOf(10_000 + random.nextInt(10_000), 2);
        }
        distinctAcc = approxDistinct.createAccumulator();
        percentileAcc = approxPercentile.createAccumulator();
        topKAcc = approxTopK.createAccumulator();
        ohlcAcc = ohlc.createAccumulator();
        vwapAcc = vwap.createAccumulator();
        funnelAcc = funnel.createAccumulator();
        pathAcc = sessionPath.createAccumulator();
        statsAcc = stats.createAccumulator();
    }

    private int next() {
        i = (i + 1) & (N - 1);
        return i;
    }

    @Benchmark public Double geoDistanceKm() { int k = next(); return geoDistance.eval(lat[k], lon[k], lat[N - 1 - k], lon[N - 1 - k]); }
    @Benchmark public Double geoSpeedKmh() { int k = next(); return geoSpeed.eval(lat[k], lon[k], ts[k], lat[N - 1 - k], lon[N - 1 - k], ts[N - 1 - k]); }
    @Benchmark public String geohashEncode() { int k = next(); return geohashEncode.eval(lat[k], lon[k], 7); }
    @Benchmark public Object geohashDecode() { return geohashDecode.eval(hashes[next()]); }
    @Benchmark public Boolean ipInCidr() { return ipInCidr.eval(ips[next()], "10.0.0.0/8"); }
    @Benchmark public Integer ipVersion() { return ipVersion.eval(ips[next()]); }
    @Benchmark public String maskEmail() { return maskEmail.eval(emails[next()]); }
    @Benchmark public String maskCard() { return maskCard.eval(pans[next()]); }
    @Benchmark public Boolean luhnValid() { return luhn.eval(pans[next()]); }
    @Benchmark public BigDecimal roundToTick() { return roundToTick.eval(prices[next()], new BigDecimal("0.25")); }
    @Benchmark public Object parseUserAgent() { return parseUserAgent.eval(agents[next()]); }

    @Benchmark public Object approxDistinctRow() { approxDistinct.accumulate(distinctAcc, emails[next()]); return distinctAcc; }
    @Benchmark public Object approxPercentileRow() { approxPercentile.accumulate(percentileAcc, lat[next()], 0.99); return percentileAcc; }
    @Benchmark public Object approxTopKRow() { approxTopK.accumulate(topKAcc, pages[next()], 10); return topKAcc; }
    @Benchmark public Object ohlcRow() { int k = next(); ohlc.accumulate(ohlcAcc, prices[k], ts[k]); return ohlcAcc; }
    @Benchmark public Object vwapRow() { int k = next(); vwap.accumulate(vwapAcc, prices[k], k); return vwapAcc; }
    @Benchmark public Object funnelRow() { int k = next(); funnel.accumulate(funnelAcc, ts[k], pages[k], "/p1", "/p2", "/p3"); return funnelAcc; }
    @Benchmark public Object sessionPathRow() { int k = next(); sessionPath.accumulate(pathAcc, pages[k], ts[k], 20); return pathAcc; }
    @Benchmark public Object statsRow() { stats.accumulate(statsAcc, lat[next()]); return statsAcc; }
}
