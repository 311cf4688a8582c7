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
import dev.sqlpack.udf.scalar.JsonFieldsFunction;
import dev.sqlpack.udf.scalar.LuhnValidFunction;
import dev.sqlpack.udf.scalar.MaskCardFunction;
import dev.sqlpack.udf.scalar.MaskEmailFunction;
import dev.sqlpack.udf.scalar.ParseUserAgentFunction;
import dev.sqlpack.udf.scalar.RoundToTickFunction;
import dev.sqlpack.udf.table.ExplodeJsonArrayFunction;
import dev.sqlpack.udf.table.JsonTupleFunction;
import dev.sqlpack.udf.table.SplitKvFunction;
import dev.sqlpack.udf.table.TimeSlicesFunction;
import dev.sqlpack.udf.table.UrlQueryParamsFunction;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.FunctionHint;
import org.apache.flink.table.functions.TableFunction;
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
            JsonFieldsFunction.class,
            ExplodeJsonArrayFunction.class,
            JsonTupleFunction.class,
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

    /**
     * The SQL name of a function of the pack, or of a subclass of one (users may extend a
     * function); the metric names and the docs take it from here.
     */
    public static String nameOf(Class<?> function) {
        for (Class<?> c = function; c != null; c = c.getSuperclass()) {
            if (CLASSES.contains(c)) {
                return sqlName(c);
            }
        }
        throw new IllegalArgumentException(function.getName() + " is not a function of the pack: add it to "
                + FunctionRegistry.class.getName());
    }

    /**
     * The signature of the reference: {@link FunctionDoc#signature()}, and, when the function
     * declares its output type in a {@code @DataTypeHint} (class-level {@code @FunctionHint} or
     * the eval method's result), that type, so a ROW type is written once. A table function's
     * row type is shown as {@code TABLE(...)}.
     */
    public static String signature(Class<? extends UserDefinedFunction> function) {
        FunctionDoc doc = function.getAnnotation(FunctionDoc.class);
        String declared = declaredOutput(function);
        if (declared == null) {
            return doc.signature();
        }
        String type = declared.replace("`", "");
        if (TableFunction.class.isAssignableFrom(function) && type.startsWith("ROW<") && type.endsWith(">")) {
            type = "TABLE(" + type.substring(4, type.length() - 1) + ")";
        }
        return doc.signature() + " -> " + type;
    }

    /** The output type written in a hint, or null when the function's Java types speak for it. */
    static String declaredOutput(Class<?> function) {
        FunctionHint hint = function.getAnnotation(FunctionHint.class);
        if (hint != null && !hint.output().value().isEmpty()) {
            return hint.output().value();
        }
        for (Method m : function.getMethods()) {
            DataTypeHint result = m.getAnnotation(DataTypeHint.class);
            if (m.getName().equals("eval") && result != null && !result.value().isEmpty()) {
                return result.value();
            }
        }
        return null;
    }

    /** UPPER_SNAKE of the class name without its Function / AggFunction suffix. */
    public static String sqlName(Class<?> c) {
        String base = c.getSimpleName().replaceAll("(Agg)?Function$", "");
        return base.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }
}
