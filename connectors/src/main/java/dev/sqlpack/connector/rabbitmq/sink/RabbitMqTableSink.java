package dev.sqlpack.connector.rabbitmq.sink;

import dev.sqlpack.connector.rabbitmq.core.ConnectionSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.format.EncodingFormat;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.sink.SinkV2Provider;
import org.apache.flink.table.connector.sink.abilities.SupportsWritingMetadata;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;

/** The {@code 'rabbitmq'} table as a sink: one persistent message per row, publisher confirms. */
public final class RabbitMqTableSink implements DynamicTableSink, SupportsWritingMetadata {

    /** The sink's settings; a value, so factory tests can compare it. */
    public record Settings(ConnectionSettings connection, String exchange, String routingKey, int maxInFlight,
            Duration confirmTimeout) {}

    private final Settings settings;
    private final EncodingFormat<SerializationSchema<RowData>> format;
    private final DataType physicalDataType;
    private List<String> metadataKeys = List.of();

    public RabbitMqTableSink(Settings settings, EncodingFormat<SerializationSchema<RowData>> format,
            DataType physicalDataType) {
        this.settings = settings;
        this.format = format;
        this.physicalDataType = physicalDataType;
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public ChangelogMode getChangelogMode(ChangelogMode requestedMode) {
        return format.getChangelogMode();
    }

    @Override
    public SinkRuntimeProvider getSinkRuntimeProvider(Context context) {
        SerializationSchema<RowData> encoder = format.createRuntimeEncoder(context, physicalDataType);
        List<WritableMetadata> metadata = new ArrayList<>();
        metadataKeys.forEach(k -> metadata.add(WritableMetadata.ofKey(k)));
        return SinkV2Provider.of(new RabbitMqSink(settings.connection(), settings.exchange(), settings.routingKey(),
                DataType.getFieldCount(physicalDataType), metadata, encoder, settings.maxInFlight(),
                settings.confirmTimeout()));
    }

    @Override
    public Map<String, DataType> listWritableMetadata() {
        Map<String, DataType> m = new LinkedHashMap<>();
        for (WritableMetadata w : WritableMetadata.values()) {
            m.put(w.key(), w.type());
        }
        return m;
    }

    @Override
    public void applyWritableMetadata(List<String> keys, DataType consumedDataType) {
        this.metadataKeys = List.copyOf(keys);
    }

    @Override
    public DynamicTableSink copy() {
        RabbitMqTableSink copy = new RabbitMqTableSink(settings, format, physicalDataType);
        copy.metadataKeys = metadataKeys;
        return copy;
    }

    @Override
    public String asSummaryString() {
        return "RabbitMQ[" + settings.exchange() + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RabbitMqTableSink t && settings.equals(t.settings) && format.equals(t.format)
                && physicalDataType.equals(t.physicalDataType) && metadataKeys.equals(t.metadataKeys);
    }

    @Override
    public int hashCode() {
        return Objects.hash(settings, physicalDataType, metadataKeys);
    }
}
