package dev.sqlpack.udf;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.functions.TableFunction;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;

/** The rows a table function emits, for unit tests without a cluster. */
public final class CollectingTableFunction {
    private CollectingTableFunction() {}

    public static List<Row> rowsOf(TableFunction<Row> f) {
        List<Row> rows = new ArrayList<>();
        f.setCollector(new Collector<>() {
            @Override
            public void collect(Row r) {
                rows.add(r);
            }

            @Override
            public void close() {}
        });
        return rows;
    }
}
