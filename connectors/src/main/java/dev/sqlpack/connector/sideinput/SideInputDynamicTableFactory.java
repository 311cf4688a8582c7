package dev.sqlpack.connector.sideinput;

import static dev.sqlpack.connector.sideinput.SideInputOptions.SOURCE;

import dev.sqlpack.connector.sideinput.snapshot.SideInputConfig;
import dev.sqlpack.connector.sideinput.snapshot.SourceSpec;
import dev.sqlpack.connector.sideinput.source.SideInputTableSource;
import java.util.Locale;
import java.util.Set;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.factories.DeserializationFormatFactory;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;

/** Creates {@code 'connector' = 'side-input'} tables and rejects wrong options at planning. */
public final class SideInputDynamicTableFactory implements DynamicTableSourceFactory {
    public static final String IDENTIFIER = "side-input";

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of(SOURCE);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return SideInputConfigParser.optionalOptions();
    }

    @Override
    public DynamicTableSource createDynamicTableSource(Context context) {
        FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
        String source = helper.getOptions().get(SOURCE).toLowerCase(Locale.ROOT);
        // discovered before validate(): it claims the format's own options ('csv.field-delimiter', ...)
        DecodingFormat<DeserializationSchema<RowData>> format = SourceSpec.Kind.FILE.toString().equals(source)
                ? helper.discoverOptionalDecodingFormat(DeserializationFormatFactory.class, FactoryUtil.FORMAT).orElse(null)
                : null;
        helper.validate();
        DataType physical = context.getPhysicalRowDataType();
        SideInputConfig config = SideInputConfigParser.parse(
                context.getCatalogTable().getOptions(), (RowType) physical.getLogicalType());
        return new SideInputTableSource(config, physical, format);
    }
}
