package dev.sqlpack.connector.rabbitmq.sink;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Return;
import com.rabbitmq.client.ShutdownSignalException;
import dev.sqlpack.connector.rabbitmq.core.RabbitMqConnectException;
import java.io.IOException;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.utils.ProjectedRowData;

/**
 * Publishes each row as one persistent message, mandatory (an unroutable message fails the job
 * instead of vanishing), and waits for the broker's confirms every {@code sink.max-in-flight}
 * messages and at every checkpoint.
 */
final class RabbitMqSinkWriter implements SinkWriter<RowData> {
    private final RabbitMqSink sink;
    private final Connection connection;
    private final Channel channel;
    private final ProjectedRowData physical;
    private final AtomicReference<Return> returned = new AtomicReference<>();
    private final Counter recordsOut;
    private int unconfirmed;

    RabbitMqSinkWriter(RabbitMqSink sink, WriterInitContext context) throws IOException {
        this.sink = sink;
        int[] fields = new int[sink.physicalArity];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = i;
        }
        this.physical = ProjectedRowData.from(fields);
        this.recordsOut = context.metricGroup().getIOMetricGroup().getNumRecordsOutCounter();
        try {
            this.connection = sink.connection.connect("flink-rabbitmq-sink-" + context.getTaskInfo().getIndexOfThisSubtask());
        } catch (RabbitMqConnectException e) {
            throw new IOException(e.getMessage(), e);
        }
        this.channel = connection.createChannel();
        channel.confirmSelect();
        channel.addReturnListener(r -> returned.compareAndSet(null, r));
    }

    @Override
    public void write(RowData row, Context context) throws IOException {
        byte[] body = sink.format.serialize(physical.replaceRow(row));
        AMQP.BasicProperties.Builder props = new AMQP.BasicProperties.Builder().deliveryMode(2);
        String routingKey = sink.routingKey;
        for (int i = 0; i < sink.metadata.size(); i++) {
            int pos = sink.physicalArity + i;
            if (row.isNullAt(pos)) {
                continue;
            }
            switch (sink.metadata.get(i)) {
                case ROUTING_KEY -> routingKey = row.getString(pos).toString();
                case MESSAGE_ID -> props.messageId(row.getString(pos).toString());
                case CORRELATION_ID -> props.correlationId(row.getString(pos).toString());
                case TIMESTAMP -> props.timestamp(new Date(row.getTimestamp(pos, 3).getMillisecond()));
                case HEADERS -> props.headers(headers(row.getMap(pos)));
            }
        }
        if (routingKey == null) {
            throw new IOException("A row for exchange '" + sink.exchange + "' has a NULL 'routing-key' metadata"
                    + " column and the table sets no 'routing-key' option: give every row a routing key.");
        }
        try {
            channel.basicPublish(sink.exchange, routingKey, true, props.build(), body);
        } catch (IOException | ShutdownSignalException e) {
            throw lost(e);
        }
        recordsOut.inc();
        if (++unconfirmed >= sink.maxInFlight) {
            awaitConfirms();
        }
    }

    private static Map<String, Object> headers(MapData map) {
        Map<String, Object> headers = new HashMap<>();
        ArrayData keys = map.keyArray();
        ArrayData values = map.valueArray();
        for (int i = 0; i < map.size(); i++) {
            if (!keys.isNullAt(i)) {
                headers.put(keys.getString(i).toString(), values.isNullAt(i) ? null : values.getString(i).toString());
            }
        }
        return headers;
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
        awaitConfirms();
    }

    private void awaitConfirms() throws IOException {
        if (unconfirmed == 0) {
            return;
        }
        try {
            // Throws when the broker nacks any message or the timeout passes.
            channel.waitForConfirmsOrDie(sink.confirmTimeout.toMillis());
        } catch (TimeoutException e) {
            throw new IOException("RabbitMQ at " + sink.connection.redacted() + " did not confirm " + unconfirmed
                    + " published messages within " + sink.confirmTimeout.toSeconds() + " s ('sink.confirm-timeout').", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for publisher confirms", e);
        } catch (ShutdownSignalException e) {
            throw lost(e);
        }
        // Returns of unroutable messages arrive before their confirms.
        Return r = returned.get();
        if (r != null) {
            throw new IOException("RabbitMQ could not route a message published to exchange '" + r.getExchange()
                    + "' with routing key '" + r.getRoutingKey() + "' (" + r.getReplyText() + "): no queue is bound"
                    + " for it. Bind a queue for that routing key, or fix 'routing-key'.");
        }
        unconfirmed = 0;
    }

    /** The sink does not reconnect: failing the writer lets Flink restart it from the last checkpoint. */
    private IOException lost(Exception cause) {
        return new IOException("Lost the connection to RabbitMQ at " + sink.connection.redacted() + " while publishing"
                + " to exchange '" + sink.exchange + "' (" + cause.getMessage() + "). The sink does not reconnect: "
                + unconfirmed + " message(s) were not confirmed; after a restart from the last checkpoint the rows"
                + " it does not cover are published again.", cause);
    }

    @Override
    public void close() throws Exception {
        if (connection.isOpen()) {
            connection.close();
        }
    }
}
