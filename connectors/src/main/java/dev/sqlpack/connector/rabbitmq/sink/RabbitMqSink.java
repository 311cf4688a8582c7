package dev.sqlpack.connector.rabbitmq.sink;

import dev.sqlpack.connector.rabbitmq.core.ConnectionSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.table.data.RowData;

/**
 * A Sink V2 publishing persistent messages to an exchange with publisher confirms; every
 * checkpoint waits for all confirms, so a completed checkpoint means the broker has every
 * message before it (at-least-once).
 */
public final class RabbitMqSink implements Sink<RowData> {
    private static final long serialVersionUID = 1L;

    final ConnectionSettings connection;
    final String exchange;
    final String routingKey;
    final int physicalArity;
    final List<WritableMetadata> metadata;
    final SerializationSchema<RowData> format;
    final int maxInFlight;
    final Duration confirmTimeout;

    RabbitMqSink(ConnectionSettings connection, String exchange, String routingKey, int physicalArity,
            List<WritableMetadata> metadata, SerializationSchema<RowData> format, int maxInFlight,
            Duration confirmTimeout) {
        this.connection = connection;
        this.exchange = exchange;
        this.routingKey = routingKey;
        this.physicalArity = physicalArity;
        this.metadata = List.copyOf(metadata);
        this.format = format;
        this.maxInFlight = maxInFlight;
        this.confirmTimeout = confirmTimeout;
    }

    @Override
    public SinkWriter<RowData> createWriter(WriterInitContext context) throws IOException {
        try {
            format.open(context.asSerializationSchemaInitializationContext());
        } catch (Exception e) {
            throw new IOException("could not open the format of the RabbitMQ sink", e);
        }
        return new RabbitMqSinkWriter(this, context);
    }
}
