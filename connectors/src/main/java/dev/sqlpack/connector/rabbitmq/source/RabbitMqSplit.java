package dev.sqlpack.connector.rabbitmq.source;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * One reader's consumer on the queue. A queue cannot be partitioned, so a split is not a slice of
 * data but a consumer seat; its state is the message ids emitted and not yet acknowledged (used
 * by exactly-once to drop their redeliveries after a restore).
 */
public final class RabbitMqSplit implements SourceSplit {
    private final String id;
    private final List<String> unackedMessageIds;

    public RabbitMqSplit(String id, List<String> unackedMessageIds) {
        this.id = id;
        this.unackedMessageIds = List.copyOf(unackedMessageIds);
    }

    @Override
    public String splitId() {
        return id;
    }

    public List<String> unackedMessageIds() {
        return unackedMessageIds;
    }

    @Override
    public String toString() {
        return "RabbitMqSplit{" + id + ", " + unackedMessageIds.size() + " unacked ids}";
    }

    /** Version 1: id, count, ids (modified UTF-8). */
    static final class Serializer implements SimpleVersionedSerializer<RabbitMqSplit> {
        static final Serializer INSTANCE = new Serializer();

        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(RabbitMqSplit split) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeUTF(split.id);
                out.writeInt(split.unackedMessageIds.size());
                for (String messageId : split.unackedMessageIds) {
                    out.writeUTF(messageId);
                }
            }
            return bytes.toByteArray();
        }

        @Override
        public RabbitMqSplit deserialize(int version, byte[] serialized) throws IOException {
            if (version != 1) {
                throw new IOException("unknown RabbitMqSplit serializer version " + version);
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
                String id = in.readUTF();
                int n = in.readInt();
                List<String> ids = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    ids.add(in.readUTF());
                }
                return new RabbitMqSplit(id, ids);
            }
        }
    }
}
