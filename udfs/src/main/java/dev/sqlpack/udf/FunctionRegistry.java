package dev.sqlpack.udf;

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
import dev.sqlpack.udf.table.ExplodeJsonArrayFunction;
import dev.sqlpack.udf.table.SplitKvFunction;
import dev.sqlpack.udf.table.TimeSlicesFunction;
import dev.sqlpack.udf.table.UrlQueryParamsFunction;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.table.functions.UserDefinedFunction;

/** The one list of the pack's functions: SQL name to class. The module, the docs and the tests read it. */
public final class FunctionRegistry {
    private static final List<Class<? extends UserDefinedFunction>> CLASSES = List.of(
            ParseUserAgentFunction.class,
            GeoDistanceKmFunction.class,
            GeoSpeedKmhFunction.class,
            GeohashEncodeFunction.class,
            GeohashDecodeFunction.class,
            IpInCidrFunction.class,
            IpVersionFunction.class,
            MaskEmailFunction.class,
            MaskCardFunction.class,
            LuhnValidFunction.class,
            RoundToTickFunction.class,
            ExplodeJsonArrayFunction.class,
            SplitKvFunction.class,
            UrlQueryParamsFunction.class,
            TimeSlicesFunction.class,
            ApproxDistinctAggFunction.class,
            ApproxPercentileAggFunction.class,
            ApproxTopKAggFunction.class,
            OhlcAggFunction.class,
            VwapAggFunction.class,
            FunnelAggFunction.class,
            SessionPathAggFunction.class,
            StatsAggFunction.class);

    private static final Map<String, Class<? extends UserDefinedFunction>> BY_NAME;

    static {
        Map<String, Class<? extends UserDefinedFunction>> m = new LinkedHashMap<>();
        for (Class<? extends UserDefinedFunction> c : CLASSES) {
            m.put(sqlName(c), c);
        }
        BY_NAME = Collections.unmodifiableMap(m);
    }

    private FunctionRegistry() {}

    /** SQL name (upper case) to class, in reference order. */
    public static Map<String, Class<? extends UserDefinedFunction>> functions() {
        return BY_NAME;
    }

    /** UPPER_SNAKE of the class name without its Function / AggFunction suffix. */
    public static String sqlName(Class<?> c) {
        String base = c.getSimpleName().replaceAll("(Agg)?Function$", "");
        return base.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }
}
