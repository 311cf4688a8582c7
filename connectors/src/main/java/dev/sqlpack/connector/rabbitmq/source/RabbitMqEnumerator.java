package dev.sqlpack.connector.rabbitmq.source;

import java.io.IOException;
import java.util.List;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Gives every reader that asks one consumer seat. Stateless: a restored reader gets its seat back
 * from its own state, and a reader that lost its seat (failed before a checkpoint) asks again.
 */
final class RabbitMqEnumerator implements SplitEnumerator<RabbitMqSplit, RabbitMqEnumerator.State> {
    private final SplitEnumeratorContext<RabbitMqSplit> context;

    RabbitMqEnumerator(SplitEnumeratorContext<RabbitMqSplit> context) {
        this.context = context;
    }

    @Override
    public void start() {}

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        context.assignSplit(new RabbitMqSplit("consumer-" + subtaskId, List.of()), subtaskId);
    }

    @Override
    public void addSplitsBack(List<RabbitMqSplit> splits, int subtaskId) {
        // The restarted reader requests a seat again; nothing to keep.
    }

    @Override
    public void addReader(int subtaskId) {}

    @Override
    public State snapshotState(long checkpointId) {
        return State.INSTANCE;
    }

    @Override
    public void close() {}

    /** The enumerator keeps nothing. */
    enum State {
        INSTANCE
    }

    static final class StateSerializer implements SimpleVersionedSerializer<State> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(State state) {
            return new byte[0];
        }

        @Override
        public State deserialize(int version, byte[] serialized) throws IOException {
            return State.INSTANCE;
        }
    }
}
