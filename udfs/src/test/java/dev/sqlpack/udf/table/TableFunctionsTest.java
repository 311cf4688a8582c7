package dev.sqlpack.udf.table;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlpack.udf.CollectingTableFunction;
import dev.sqlpack.udf.TestContext;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;

class TableFunctionsTest {
    private final TestContext ctx = new TestContext();

    private static List<Row> collect(org.apache.flink.table.functions.TableFunction<Row> f) {
        return CollectingTableFunction.rowsOf(f);
    }

    @Test
    void explodeJsonArrayCountsWhatIsNotAnArray() {
        ExplodeJsonArrayFunction f = new ExplodeJsonArrayFunction();
        f.open(ctx);
        List<Row> rows = collect(f);
        f.eval("[1, \"two\", null]");
        f.eval("{\"not\": \"an array\"}");
        f.eval("[1, 2");
        f.eval(null);
        assertThat(rows).containsExactly(Row.of(0, "1"), Row.of(1, "two"), Row.of(2, "null"));
        assertThat(ctx.count("sqlpack_explode_json_array_malformed")).isEqualTo(2);
    }

    @Test
    void splitKvSkipsEmptyPairsAndSplitsAtTheFirstSeparator() {
        SplitKvFunction f = new SplitKvFunction();
        List<Row> rows = collect(f);
        f.eval("a=1&&b=x=y&c", "&", "=");
        assertThat(rows).containsExactly(Row.of("a", "1"), Row.of("b", "x=y"), Row.of("c", null));
    }

    @Test
    void urlQueryParamsDecodesAndSkipsBrokenEscapes() {
        UrlQueryParamsFunction f = new UrlQueryParamsFunction();
        f.open(ctx);
        List<Row> rows = collect(f);
        f.eval("/p?a=%E2%82%AC&b=%ZZ&c&a=2#frag=1");
        f.eval("/no-query");
        assertThat(rows).containsExactly(Row.of("a", "€"), Row.of("c", null), Row.of("a", "2"));
        assertThat(ctx.count("sqlpack_url_query_params_malformed")).isEqualTo(1);
    }

    @Test
    void timeSlicesCutAtStepBoundariesAndRejectReversedIntervals() {
        TimeSlicesFunction f = new TimeSlicesFunction();
        f.open(ctx);
        List<Row> rows = collect(f);
        LocalDateTime start = LocalDateTime.of(2026, 3, 1, 22, 30);
        f.eval(start, start.plusHours(3), Duration.ofHours(1));
        assertThat(rows).extracting(r -> r.getField(2)).containsExactly(1800L, 3600L, 3600L, 1800L);
        assertThat(rows.get(1).getField(0)).isEqualTo(LocalDateTime.of(2026, 3, 1, 23, 0));
        rows.clear();
        f.eval(start, start.minusHours(1), Duration.ofHours(1));
        f.eval(start, start.plusHours(1), Duration.ZERO);
        assertThat(rows).isEmpty();
        assertThat(ctx.count("sqlpack_time_slices_malformed")).isEqualTo(2);
    }
}
