package dev.sqlpack.connector.rabbitmq.source;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.utils.JoinedRowData;
import org.apache.flink.util.Collector;

/** Turns one message into rows: the format's physical row joined with the requested metadata. */
final class MessageConverter implements Serializable {
    private static final long serialVersionUID = 1L;

    private final DeserializationSchema<RowData> format;
    private final List<ReadableMetadata> metadata;

    MessageConverter(DeserializationSchema<RowData> format, List<ReadableMetadata> metadata) {
        this.format = format;
        this.metadata = List.copyOf(metadata);
    }

    void open(DeserializationSchema.InitializationContext context) throws Exception {
        format.open(context);
    }

    /** Emits the rows of one message; throws when the format cannot parse the body. */
    void convert(Envelope envelope, AMQP.BasicProperties properties, byte[] body, Collector<RowData> out)
            throws IOException {
        if (metadata.isEmpty()) {
            format.deserialize(body, out);
            return;
        }
        GenericRowData meta = new GenericRowData(metadata.size());
        for (int i = 0; i < metadata.size(); i++) {
            meta.setField(i, metadata.get(i).read(envelope, properties));
        }
        format.deserialize(body, new Collector<>() {
            @Override
            public void collect(RowData physical) {
                out.collect(new JoinedRowData(physical.getRowKind(), physical, meta));
            }

            @Override
            public void close() {}
        });
    }
}
