package dev.sqlpack.connector.rabbitmq.sink;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.DataType;

/** Metadata columns a sink writes into the message's envelope and properties. */
public enum WritableMetadata {
    ROUTING_KEY("routing-key", DataTypes.STRING().nullable()),
    MESSAGE_ID("message-id", DataTypes.STRING().nullable()),
    CORRELATION_ID("correlation-id", DataTypes.STRING().nullable()),
    TIMESTAMP("timestamp", DataTypes.TIMESTAMP_LTZ(3).nullable()),
    HEADERS("headers", DataTypes.MAP(DataTypes.STRING().nullable(), DataTypes.STRING().nullable()).nullable());

    private final String key;
    private final DataType type;

    WritableMetadata(String key, DataType type) {
        this.key = key;
        this.type = type;
    }

    public String key() {
        return key;
    }

    public DataType type() {
        return type;
    }

    static WritableMetadata ofKey(String key) {
        for (WritableMetadata m : values()) {
            if (m.key.equals(key)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown RabbitMQ metadata key '" + key + "'");
    }
}
