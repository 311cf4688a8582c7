package dev.sqlpack.connector.sideinput.source;

import dev.sqlpack.connector.sideinput.snapshot.KeySet;
import dev.sqlpack.connector.sideinput.snapshot.SideInputConfig;
import dev.sqlpack.connector.sideinput.snapshot.SourceDefinition;
import java.util.Objects;
import javax.annotation.Nullable;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.LookupTableSource;
import org.apache.flink.table.connector.source.lookup.LookupFunctionProvider;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;

/** A lookup-only table over a refreshing snapshot; no scan, no cache of the planner's. */
public final class SideInputTableSource implements LookupTableSource {
    private final SideInputConfig config;
    private final DataType physicalRowType;
    private final @Nullable DecodingFormat<DeserializationSchema<RowData>> format;

    public SideInputTableSource(SideInputConfig config, DataType physicalRowType,
            @Nullable DecodingFormat<DeserializationSchema<RowData>> format) {
        this.config = config;
        this.physicalRowType = physicalRowType;
        this.format = format;
    }

    @Override
    public LookupRuntimeProvider getLookupRuntimeProvider(LookupContext context) {
        int[][] paths = context.getKeys();
        int[] fields = new int[paths.length];
        for (int i = 0; i < paths.length; i++) {
            if (paths[i].length != 1) {
                throw new ValidationException("side-input lookups match top-level columns only");
            }
            fields[i] = paths[i][0];
        }
        DeserializationSchema<RowData> decoder =
                format == null ? null : format.createRuntimeDecoder(context, physicalRowType);
        SourceDefinition definition =
                new SourceDefinition(config, (RowType) physicalRowType.getLogicalType(), decoder);
        return LookupFunctionProvider.of(new SideInputLookupFunction(definition, new KeySet(fields)));
    }

    @Override
    public DynamicTableSource copy() {
        return new SideInputTableSource(config, physicalRowType, format);
    }

    @Override
    public String asSummaryString() {
        return "side-input";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SideInputTableSource s && config.equals(s.config)
                && physicalRowType.equals(s.physicalRowType) && Objects.equals(format, s.format);
    }

    @Override
    public int hashCode() {
        return Objects.hash(config, physicalRowType);
    }
}
