package dev.sqlpack.connector.rabbitmq.source;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import dev.sqlpack.connector.rabbitmq.RabbitMqOptions.DeliveryGuarantee;
import dev.sqlpack.connector.rabbitmq.core.AckLedger;
import dev.sqlpack.connector.rabbitmq.core.Prefetch;
import dev.sqlpack.connector.rabbitmq.core.RabbitMqConnectException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.Collector;
import org.apache.flink.util.UserCodeClassLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One competing consumer. The client library's threads only append deliveries to a buffer; the
 * task thread emits them, records them in the {@link AckLedger} and acknowledges them when a
 * checkpoint completes. A lost connection is re-opened by a background thread with exponential
 * backoff; deliveries of the lost channel still in the buffer are dropped, since the broker
 * requeues every unacknowledged message.
 */
final class RabbitMqSourceReader implements SourceReader<RowData, RabbitMqSplit> {
    private static final Logger LOG = LoggerFactory.getLogger(RabbitMqSourceReader.class);
    private static final long FIRST_BACKOFF_MS = 100;
    /**
     * Deliveries emitted per {@link #pollNext} call at most: a batch saves the task's per-call
     * overhead and status checks; a bound keeps checkpoints and timers (mails) from waiting long.
     */
    static final int MAX_BATCH = 256;

    private final RabbitMqSource source;
    private final SourceReaderContext context;
    private final boolean exactlyOnce;
    private final AckLedger ledger;
    private final Handoff<Incoming> buffer = new Handoff<>();
    private final AtomicInteger generations = new AtomicInteger();
    /** The format's rows of the message being handled: kept until the whole message parsed. */
    private final List<RowData> rows = new ArrayList<>(1);
    private final Collector<RowData> rowsOfMessage = new Collector<>() {
        @Override
        public void collect(RowData row) {
            rows.add(row);
        }

        @Override
        public void close() {}
    };
    private final ScheduledExecutorService connector;
    private final Counter deadLettered;
    private final Counter skipped;
    private final Counter repeatsDropped;
    private final Counter withoutId;
    private final Counter recordsIn;

    private volatile Session session;
    private volatile Throwable fatal;
    private volatile boolean closing;
    private RabbitMqSplit split;
    private long lastDeliveryNanos;
    /** The generation whose delivery tags the ledger holds; 0 = none. */
    private int ledgerGeneration;

    private record Incoming(int generation, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {}

    private static final class Session {
        final int generation;
        final Connection connection;
        final Channel channel;
        volatile boolean lost;

        Session(int generation, Connection connection, Channel channel) {
            this.generation = generation;
            this.connection = connection;
            this.channel = channel;
        }
    }

    RabbitMqSourceReader(RabbitMqSource source, SourceReaderContext context) {
        this.source = source;
        this.context = context;
        this.exactlyOnce = source.guarantee == DeliveryGuarantee.EXACTLY_ONCE;
        this.ledger = new AckLedger(System::currentTimeMillis, source.redeliveryWindow.toMillis());
        this.connector = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rabbitmq-connect-" + source.queue.queue() + "-" + context.getIndexOfSubtask());
            t.setDaemon(true);
            return t;
        });
        MetricGroup metrics = context.metricGroup();
        this.deadLettered = metrics.counter("messagesDeadLettered");
        this.skipped = metrics.counter("messagesSkipped");
        this.repeatsDropped = metrics.counter("redeliveriesDropped");
        this.withoutId = metrics.counter("messagesWithoutId");
        this.recordsIn = context.metricGroup().getIOMetricGroup().getNumRecordsInCounter();
    }

    @Override
    public void start() {
        if (exactlyOnce && context.currentParallelism() > 1) {
            throw new IllegalStateException("'delivery.guarantee' = 'exactly-once' on queue '" + source.queue.queue()
                    + "' needs a source parallelism of 1, but it is " + context.currentParallelism()
                    + ": a redelivered message may reach another consumer, which cannot know it was emitted."
                    + " Run the source with parallelism 1, or use 'at-least-once'.");
        }
        try {
            source.converter.open(new DeserializationSchema.InitializationContext() {
                @Override
                public MetricGroup getMetricGroup() {
                    return context.metricGroup().addGroup("format");
                }

                @Override
                public UserCodeClassLoader getUserCodeClassLoader() {
                    return context.getUserCodeClassLoader();
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("could not open the format of the RabbitMQ source", e);
        }
        if (split == null) {
            context.sendSplitRequest();
        }
    }

    @Override
    public void addSplits(List<RabbitMqSplit> splits) {
        for (RabbitMqSplit s : splits) {
            if (split == null) {
                split = s;
                ledger.restore(s.unackedMessageIds());
                connector.execute(() -> connectLoop(System.nanoTime(), 0, true));
            } else {
                // A second seat would be a second consumer on the same channel's budget; keep the ids.
                ledger.restore(s.unackedMessageIds());
            }
        }
    }

    @Override
    public void notifyNoMoreSplits() {}

    @Override
    public InputStatus pollNext(ReaderOutput<RowData> output) throws Exception {
        Throwable f = fatal;
        if (f != null) {
            throw f instanceof Exception e ? e : new IOException(f);
        }
        Session s = session;
        if (ledgerGeneration != 0 && (s == null || s.lost || s.generation != ledgerGeneration)) {
            ledger.channelLost();
            ledgerGeneration = 0;
        }
        if (s != null && !s.lost && ledgerGeneration == 0) {
            ledgerGeneration = s.generation;
        }
        Incoming m = buffer.poll();
        if (m == null) {
            return endOfBoundedInput() ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
        }
        lastDeliveryNanos = System.nanoTime();
        int emitted = 0;
        do {
            if (m.generation == ledgerGeneration) {
                handle(m, s.channel, output);
            }
            // else: from a lost channel; the broker has requeued it.
        } while (++emitted < MAX_BATCH && (m = buffer.poll()) != null);
        if (!buffer.isEmpty()) {
            return InputStatus.MORE_AVAILABLE;
        }
        // bounded mode: this also starts the timer that polls again while the queue stays quiet
        return endOfBoundedInput() ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
    }

    /** Bounded mode: consuming, and nothing arrived for the timeout. */
    private boolean endOfBoundedInput() {
        if (source.boundedIdleTimeout == null || session == null) {
            return false;
        }
        if (lastDeliveryNanos == 0) {
            lastDeliveryNanos = System.nanoTime();
        }
        if (System.nanoTime() - lastDeliveryNanos < source.boundedIdleTimeout.toNanos()) {
            // Nobody wakes us when nothing arrives: poll again shortly. Always a new timer: the one
            // that woke this poll may still be running (not done), and skipping would stall the reader.
            connector.schedule(buffer::wake, 100, TimeUnit.MILLISECONDS);
            return false;
        }
        LOG.info("No message on queue '{}' for {}: end of the bounded input", source.queue.queue(),
                source.boundedIdleTimeout);
        return true;
    }

    private void handle(Incoming m, Channel channel, ReaderOutput<RowData> output) throws IOException {
        long tag = m.envelope.getDeliveryTag();
        String id = m.properties.getMessageId();
        if (exactlyOnce && id == null) {
            if (!source.allowMissingMessageId) {
                throw new IOException("'delivery.guarantee' = 'exactly-once' needs a message id on every message,"
                        + " but a message on queue '" + source.queue.queue() + "' (exchange '" + m.envelope.getExchange()
                        + "', routing key '" + m.envelope.getRoutingKey() + "') has none. Let the producer set a"
                        + " unique message-id, or set 'exactly-once.allow-missing-message-id' = 'true' to take such"
                        + " messages at-least-once.");
            }
            withoutId.inc();
        }
        if (exactlyOnce && ledger.isRepeat(id, m.envelope.isRedeliver())) {
            repeatsDropped.inc();
            ledger.handled(tag, null);
            return;
        }
        rows.clear();
        try {
            source.converter.convert(m.envelope, m.properties, m.body, rowsOfMessage);
            if (rows.isEmpty()) {
                // e.g. an empty body, or 'json.ignore-parse-errors': no row must not mean a silent drop
                throw new IOException("the format produced no row from " + m.body.length + " bytes");
            }
        } catch (IOException | RuntimeException parseError) {
            switch (source.onParseError) {
                case DEAD_LETTER -> {
                    // Rejected without requeue: RabbitMQ moves it to the queue's dead-letter exchange.
                    try {
                        channel.basicReject(tag, false);
                        deadLettered.inc();
                    } catch (IOException | AlreadyClosedException e) {
                        LOG.warn("Could not reject an unparsable message on queue '{}'; it will be redelivered",
                                source.queue.queue(), e);
                    }
                    return;
                }
                case SKIP -> {
                    skipped.inc();
                    ledger.handled(tag, null);
                    return;
                }
                default -> throw new IOException("The format cannot parse a message on queue '" + source.queue.queue()
                        + "' (exchange '" + m.envelope.getExchange() + "', routing key '" + m.envelope.getRoutingKey()
                        + "', message id " + (id == null ? "none" : "'" + id + "'") + "): " + parseError.getMessage()
                        + ". Set 'on-parse-error' = 'skip', or give the queue a dead-letter exchange and set"
                        + " 'queue.dead-letter-exchange'.", parseError);
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            output.collect(rows.get(i));
        }
        recordsIn.inc(rows.size());
        rows.clear();
        ledger.handled(tag, exactlyOnce ? id : null);
    }

    @Override
    public List<RabbitMqSplit> snapshotState(long checkpointId) {
        List<String> ids = ledger.snapshot(checkpointId);
        if (split == null) {
            return List.of();
        }
        return List.of(new RabbitMqSplit(split.splitId(), exactlyOnce ? ids : List.of()));
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        AckLedger.Ack ack = ledger.complete(checkpointId);
        if (ack == null) {
            return;
        }
        Session s = session;
        if (s == null || s.lost || s.generation != ledgerGeneration) {
            ledger.ackFailed(ack);
            ledgerGeneration = 0;
            return;
        }
        try {
            s.channel.basicAck(ack.maxTag(), true);
        } catch (IOException | AlreadyClosedException e) {
            LOG.warn("Could not acknowledge messages of checkpoint {} on queue '{}'; they will be redelivered",
                    checkpointId, source.queue.queue(), e);
            ledger.ackFailed(ack);
            ledgerGeneration = 0;
        }
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        return fatal != null ? CompletableFuture.completedFuture(null) : buffer.available();
    }

    private void fail(Throwable t) {
        if (fatal == null) {
            fatal = t;
        }
        buffer.wake();
    }

    /** Runs on the connector thread until a session is open, the time is up, or the error is permanent. */
    private void connectLoop(long since, int attempt, boolean initial) {
        if (closing) {
            return;
        }
        String where = source.connection.redacted();
        Connection c = null;
        try {
            c = source.connection.connect("flink-rabbitmq-" + source.queue.queue() + "-" + context.getIndexOfSubtask());
            source.queue.apply(c, where);
            open(c);
            if (!initial) {
                LOG.info("Reconnected to RabbitMQ at {} after {} attempt(s)", where, attempt + 1);
            }
        } catch (RabbitMqConnectException e) {
            closeQuietly(c);
            if (e.permanent()) {
                fail(new IOException(e.getMessage(), e));
                return;
            }
            retry(since, attempt, initial, e);
        } catch (IOException | RuntimeException e) {
            closeQuietly(c);
            if (initial || isConfigurationError(e)) {
                fail(e instanceof IOException ? e : new IOException(e.getMessage(), e));
                return;
            }
            retry(since, attempt, initial, e);
        }
    }

    private boolean isConfigurationError(Exception e) {
        return e instanceof IOException && e.getMessage() != null && e.getMessage().startsWith("Queue '");
    }

    private void retry(long since, int attempt, boolean initial, Exception e) {
        Duration timeout = source.connection.reconnectTimeout();
        long elapsed = System.nanoTime() - since;
        if (elapsed >= timeout.toNanos()) {
            fail(new IOException("RabbitMQ at " + source.connection.redacted() + " stayed unreachable for "
                    + timeout.toSeconds() + " s ('reconnect.timeout'); last error: " + e.getMessage()
                    + ". Unacknowledged messages stay in queue '" + source.queue.queue() + "'.", e));
            return;
        }
        long backoff = Math.min(source.connection.maxBackoff().toMillis(), FIRST_BACKOFF_MS << Math.min(attempt, 20));
        LOG.warn("RabbitMQ at {} unreachable ({}); retrying in {} ms", source.connection.redacted(), e.getMessage(),
                backoff);
        connector.schedule(() -> connectLoop(since, attempt + 1, initial), backoff, TimeUnit.MILLISECONDS);
    }

    private void open(Connection c) throws IOException {
        Channel ch = c.createChannel();
        int generation = generations.incrementAndGet();
        Session s = new Session(generation, c, ch);
        c.addShutdownListener(cause -> onLost(s, cause));
        // Visible before the first delivery can arrive: pollNext drops deliveries of unknown sessions.
        session = s;
        // basic.qos applies to each consumer created after it; see Prefetch for why several.
        for (int share : Prefetch.perConsumer(source.prefetchCount)) {
            ch.basicQos(share);
            ch.basicConsume(source.queue.queue(), false, new DefaultConsumer(ch) {
                @Override
                public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties,
                        byte[] body) {
                    buffer.add(new Incoming(generation, envelope, properties, body));
                }

                @Override
                public void handleCancel(String consumerTag) {
                    // The queue was deleted: fail rather than wait for messages that cannot come.
                    fail(new IOException("Queue '" + source.queue.queue() + "' at " + source.connection.redacted()
                            + " was deleted while the source consumed it."));
                }
            });
        }
        buffer.wake();
    }

    private void onLost(Session s, ShutdownSignalException cause) {
        if (closing || s.lost) {
            return;
        }
        s.lost = true;
        LOG.warn("Lost the connection to RabbitMQ at {}: {}", source.connection.redacted(), cause.getMessage());
        buffer.wake();
        connector.execute(() -> connectLoop(System.nanoTime(), 0, false));
    }

    private static void closeQuietly(Connection c) {
        if (c != null && c.isOpen()) {
            try {
                c.close();
            } catch (IOException | RuntimeException ignored) {
                // best effort: the broker requeues on close anyway
            }
        }
    }

    @Override
    public void close() {
        closing = true;
        connector.shutdownNow();
        Session s = session;
        if (s != null) {
            // Closing without acknowledging: the broker requeues what we did not acknowledge.
            closeQuietly(s.connection);
        }
    }
}
