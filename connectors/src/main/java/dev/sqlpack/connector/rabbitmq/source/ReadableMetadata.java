package dev.sqlpack.connector.rabbitmq.source;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.LongString;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.GenericMapData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.DataType;

/** The metadata columns a source offers: {@code METADATA FROM 'routing-key'} and the others. */
public enum ReadableMetadata {
    ROUTING_KEY("routing-key", DataTypes.STRING().nullable()) {
        @Override
        Object read(Envelope e, AMQP.BasicProperties p) {
            return StringData.fromString(e.getRoutingKey());
        }
    },
    EXCHANGE("exchange", DataTypes.STRING().nullable()) {
        @Override
        Object read(Envelope e, AMQP.BasicProperties p) {
            return StringData.fromString(e.getExchange());
        }
    },
    MESSAGE_ID("message-id", DataTypes.STRING().nullable()) {
        @Override
        Object read(Envelope e, AMQP.BasicProperties p) {
            return StringData.fromString(p.getMessageId());
        }
    },
    CORRELATION_ID("correlation-id", DataTypes.STRING().nullable()) {
        @Override
        Object read(Envelope e, AMQP.BasicProperties p) {
            return StringData.fromString(p.getCorrelationId());
        }
    },
    /** AMQP timestamps have whole seconds. */
    TIMESTAMP("timestamp", DataTypes.TIMESTAMP_LTZ(3).nullable()) {
        @Override
        Object read(Envelope e, AMQP.BasicProperties p) {
            return p.getTimestamp() == null ? null : TimestampData.fromEpochMillis(p.getTimestamp().getTime());
        }
    },
    HEADERS("headers", DataTypes.MAP(DataTypes.STRING().nullable(), DataTypes.STRING().nullable()).nullable()) {
        @Override
        Object read(Envelope e, AMQP.BasicProperties p) {
            Map<StringData, StringData> map = new HashMap<>();
            if (p.getHeaders() != null) {
                p.getHeaders().forEach((k, v) -> map.put(StringData.fromString(k), StringData.fromString(text(v))));
            }
            return new GenericMapData(map);
        }
    },
    REDELIVERED("redelivered", DataTypes.BOOLEAN().notNull()) {
        @Override
        Object read(Envelope e, AMQP.BasicProperties p) {
            return e.isRedeliver();
        }
    };

    private final String key;
    private final DataType type;

    ReadableMetadata(String key, DataType type) {
        this.key = key;
        this.type = type;
    }

    public String key() {
        return key;
    }

    public DataType type() {
        return type;
    }

    abstract Object read(Envelope envelope, AMQP.BasicProperties properties);

    static ReadableMetadata ofKey(String key) {
        for (ReadableMetadata m : values()) {
            if (m.key.equals(key)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown RabbitMQ metadata key '" + key + "'");
    }

    /** Header values are AMQP field values; byte strings are UTF-8 text in practice. */
    static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof LongString l) {
            return new String(l.getBytes(), StandardCharsets.UTF_8);
        }
        if (value instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        return value.toString();
    }
}
