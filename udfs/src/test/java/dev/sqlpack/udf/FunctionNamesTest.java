package dev.sqlpack.udf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void metricNamesComeFromTheRegistry() {
        assertThat(Malformed.metricName(dev.sqlpack.udf.scalar.MaskEmailFunction.class)).isEqualTo("sqlpack_mask_email_malformed");
        assertThat(Malformed.metricName(dev.sqlpack.udf.table.UrlQueryParamsFunction.class)).isEqualTo("sqlpack_url_query_params_malformed");
        class UsersOwn extends dev.sqlpack.udf.scalar.IpVersionFunction {}
        assertThat(FunctionRegistry.nameOf(UsersOwn.class)).as("a subclass counts under its parent's name").isEqualTo("IP_VERSION");
        TestContext ctx = new TestContext();
        UsersOwn f = new UsersOwn();
        f.open(ctx);
        f.eval("1.2.3");
        assertThat(ctx.count("sqlpack_ip_version_malformed")).isEqualTo(1);
        assertThatThrownBy(() -> FunctionRegistry.nameOf(String.class))
                .hasMessageContaining("java.lang.String is not a function of the pack");
    }
}
