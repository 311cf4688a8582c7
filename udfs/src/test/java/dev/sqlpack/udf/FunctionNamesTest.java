package dev.sqlpack.udf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.table.module.CoreModule;
import org.junit.jupiter.api.Test;

class FunctionNamesTest {
    @Test
    void namesFollowTheClassNames() {
        FunctionRegistry.functions().forEach((name, c) -> {
            String suffix = org.apache.flink.table.functions.AggregateFunction.class.isAssignableFrom(c) ? "AggFunction" : "Function";
            assertThat(c.getSimpleName()).as(name).endsWith(suffix);
            assertThat(name).as(c.getSimpleName()).matches("[A-Z][A-Z0-9_]*");
        });
        assertThat(FunctionRegistry.sqlName(dev.sqlpack.udf.scalar.GeoDistanceKmFunction.class)).isEqualTo("GEO_DISTANCE_KM");
        assertThat(FunctionRegistry.sqlName(dev.sqlpack.udf.aggregate.ApproxTopKAggFunction.class)).isEqualTo("APPROX_TOP_K");
    }

    @Test
    void noNameClashesWithAFlinkBuiltIn() {
        Set<String> builtIns = CoreModule.INSTANCE.listFunctions().stream()
                .map(n -> n.toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
        assertThat(builtIns).contains("COUNT", "JSON_VALUE"); // the check can see the built-ins
        assertThat(FunctionRegistry.functions().keySet()).doesNotContainAnyElementsOf(builtIns);
    }

    @Test
    void theModuleListsEveryRegisteredFunction() {
        assertThat(SqlPackModule.INSTANCE.listFunctions()).hasSize(FunctionRegistry.functions().size())
                .contains("geo_distance_km", "approx_top_k", "time_slices");
        assertThat(SqlPackModule.INSTANCE.getFunctionDefinition("GEO_DISTANCE_KM")).isPresent();
        assertThat(SqlPackModule.INSTANCE.getFunctionDefinition("no_such_function")).isEmpty();
    }
}
