package dev.sqlpack.connector.rabbitmq.source;

import dev.sqlpack.connector.rabbitmq.RabbitMqOptions.DeliveryGuarantee;
import dev.sqlpack.connector.rabbitmq.RabbitMqOptions.ParseErrorAction;
import dev.sqlpack.connector.rabbitmq.core.ConnectionSettings;
import dev.sqlpack.connector.rabbitmq.core.QueueSetup;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.table.data.RowData;

/**
 * A FLIP-27 source reading one RabbitMQ queue: every parallel reader is a competing consumer;
 * messages are acknowledged when the checkpoint that covers them completes.
 */
public final class RabbitMqSource
        implements Source<RowData, RabbitMqSplit, RabbitMqEnumerator.State>, ResultTypeQueryable<RowData> {
    private static final long serialVersionUID = 1L;

    final ConnectionSettings connection;
    final QueueSetup queue;
    final DeliveryGuarantee guarantee;
    final boolean allowMissingMessageId;
    final Duration redeliveryWindow;
    final int prefetchCount;
    final ParseErrorAction onParseError;
    /** Null: unbounded. */
    final Duration boundedIdleTimeout;
    final MessageConverter converter;
    private final TypeInformation<RowData> producedType;

    RabbitMqSource(ConnectionSettings connection, QueueSetup queue, DeliveryGuarantee guarantee,
            boolean allowMissingMessageId, Duration redeliveryWindow, int prefetchCount,
            ParseErrorAction onParseError, Duration boundedIdleTimeout, MessageConverter converter,
            TypeInformation<RowData> producedType) {
        this.connection = connection;
        this.queue = queue;
        this.guarantee = guarantee;
        this.allowMissingMessageId = allowMissingMessageId;
        this.redeliveryWindow = redeliveryWindow;
        this.prefetchCount = prefetchCount;
        this.onParseError = onParseError;
        this.boundedIdleTimeout = boundedIdleTimeout;
        this.converter = converter;
        this.producedType = producedType;
    }

    @Override
    public Boundedness getBoundedness() {
        return boundedIdleTimeout == null ? Boundedness.CONTINUOUS_UNBOUNDED : Boundedness.BOUNDED;
    }

    @Override
    public SourceReader<RowData, RabbitMqSplit> createReader(SourceReaderContext context) {
        return new RabbitMqSourceReader(this, context);
    }

    @Override
    public SplitEnumerator<RabbitMqSplit, RabbitMqEnumerator.State> createEnumerator(
            SplitEnumeratorContext<RabbitMqSplit> context) {
        return new RabbitMqEnumerator(context);
    }

    @Override
    public SplitEnumerator<RabbitMqSplit, RabbitMqEnumerator.State> restoreEnumerator(
            SplitEnumeratorContext<RabbitMqSplit> context, RabbitMqEnumerator.State checkpoint) {
        return new RabbitMqEnumerator(context);
    }

    @Override
    public SimpleVersionedSerializer<RabbitMqSplit> getSplitSerializer() {
        return RabbitMqSplit.Serializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<RabbitMqEnumerator.State> getEnumeratorCheckpointSerializer() {
        return new RabbitMqEnumerator.StateSerializer();
    }

    @Override
    public TypeInformation<RowData> getProducedType() {
        return producedType;
    }
}
