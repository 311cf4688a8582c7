package dev.sqlpack.connector.rabbitmq.source;

import dev.sqlpack.connector.rabbitmq.RabbitMqOptions.DeliveryGuarantee;
import dev.sqlpack.connector.rabbitmq.RabbitMqOptions.ParseErrorAction;
import dev.sqlpack.connector.rabbitmq.core.ConnectionSettings;
import dev.sqlpack.connector.rabbitmq.core.QueueSetup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.ProviderContext;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.connector.source.DataStreamScanProvider;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.connector.source.abilities.SupportsReadingMetadata;
import org.apache.flink.table.connector.source.abilities.SupportsWatermarkPushDown;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;

/** The {@code 'rabbitmq'} table as a source: a {@link RabbitMqSource} with metadata and watermarks. */
public final class RabbitMqTableSource
        implements ScanTableSource, SupportsReadingMetadata, SupportsWatermarkPushDown {

    /** Everything the reader needs besides the format; a value, so factory tests can compare it. */
    public record Settings(ConnectionSettings connection, QueueSetup queue, DeliveryGuarantee guarantee,
            boolean allowMissingMessageId, Duration redeliveryWindow, int prefetchCount,
            ParseErrorAction onParseError, Duration idleTimeout, Duration boundedIdleTimeout) {}

    private final Settings settings;
    private final DecodingFormat<DeserializationSchema<RowData>> format;
    private final DataType physicalDataType;
    private List<String> metadataKeys = List.of();
    private DataType producedDataType;
    private WatermarkStrategy<RowData> watermarkStrategy;

    public RabbitMqTableSource(Settings settings, DecodingFormat<DeserializationSchema<RowData>> format,
            DataType physicalDataType) {
        this.settings = settings;
        this.format = format;
        this.physicalDataType = physicalDataType;
        this.producedDataType = physicalDataType;
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public ChangelogMode getChangelogMode() {
        return format.getChangelogMode();
    }

    @Override
    public ScanRuntimeProvider getScanRuntimeProvider(ScanContext context) {
        DeserializationSchema<RowData> decoder = format.createRuntimeDecoder(context, physicalDataType);
        List<ReadableMetadata> metadata = new ArrayList<>();
        for (String key : metadataKeys) {
            metadata.add(ReadableMetadata.ofKey(key));
        }
        TypeInformation<RowData> type = context.createTypeInformation(producedDataType);
        RabbitMqSource source = new RabbitMqSource(settings.connection(), settings.queue(), settings.guarantee(),
                settings.allowMissingMessageId(), settings.redeliveryWindow(), settings.prefetchCount(),
                settings.onParseError(), settings.boundedIdleTimeout(), new MessageConverter(decoder, metadata), type);
        WatermarkStrategy<RowData> watermarks = watermarkStrategy();
        String name = "RabbitMQ[" + settings.queue().queue() + "]";
        return new DataStreamScanProvider() {
            @Override
            public DataStream<RowData> produceDataStream(ProviderContext provider, StreamExecutionEnvironment env) {
                DataStreamSource<RowData> stream = env.fromSource(source, watermarks, name, type);
                provider.generateUid("rabbitmq-source").ifPresent(stream::uid);
                return stream;
            }

            @Override
            public boolean isBounded() {
                return settings.boundedIdleTimeout() != null;
            }
        };
    }

    /** The pushed-down strategy, with this connector's idleness so idle competing consumers do not stall it. */
    WatermarkStrategy<RowData> watermarkStrategy() {
        if (watermarkStrategy == null) {
            return WatermarkStrategy.noWatermarks();
        }
        Duration idle = settings.idleTimeout();
        return idle.isZero() ? watermarkStrategy : watermarkStrategy.withIdleness(idle);
    }

    @Override
    public Map<String, DataType> listReadableMetadata() {
        Map<String, DataType> m = new LinkedHashMap<>();
        for (ReadableMetadata r : ReadableMetadata.values()) {
            m.put(r.key(), r.type());
        }
        return m;
    }

    @Override
    public void applyReadableMetadata(List<String> keys, DataType producedDataType) {
        this.metadataKeys = List.copyOf(keys);
        this.producedDataType = producedDataType;
    }

    @Override
    public void applyWatermark(WatermarkStrategy<RowData> strategy) {
        this.watermarkStrategy = strategy;
    }

    @Override
    public DynamicTableSource copy() {
        RabbitMqTableSource copy = new RabbitMqTableSource(settings, format, physicalDataType);
        copy.metadataKeys = metadataKeys;
        copy.producedDataType = producedDataType;
        copy.watermarkStrategy = watermarkStrategy;
        return copy;
    }

    @Override
    public String asSummaryString() {
        return "RabbitMQ[" + settings.queue().queue() + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RabbitMqTableSource t && settings.equals(t.settings) && format.equals(t.format)
                && physicalDataType.equals(t.physicalDataType) && metadataKeys.equals(t.metadataKeys);
    }

    @Override
    public int hashCode() {
        return Objects.hash(settings, physicalDataType, metadataKeys);
    }
}
