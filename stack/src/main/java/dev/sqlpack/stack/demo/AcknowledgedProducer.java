package dev.sqlpack.stack.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Streams the demo's events into a topic at a fixed rate and counts what the broker acknowledged
 * (the producer's callbacks), not what was handed to the client: while a broker is down, events
 * wait in the client and are retried; those still unacknowledged when the producer closes are
 * counted as undelivered. It reports an unreachable broker once, and once when it is back.
 *
 * <p>The producer is idempotent (Kafka's default: acks=all, retries without duplicates), so the
 * acknowledged count is exactly what the topic holds.
 */
public final class AcknowledgedProducer implements Runnable {
    /** No acknowledgement for this long while events wait: the broker is unreachable. */
    static final Duration SILENCE = Duration.ofSeconds(3);
    /** How long closing waits for events still in flight before counting them undelivered. */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(20);

    private final String bootstrap;
    private final String topic;
    private final ClickstreamGenerator generator;
    private final int rate;
    private final AtomicBoolean stop;
    private final Consumer<String> notices;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong lastAckNanos = new AtomicLong(System.nanoTime());
    private volatile Exception lastFailure;
    private volatile boolean finished;
    private Instant outageSince;

    public AcknowledgedProducer(String bootstrap, String topic, ClickstreamGenerator generator, int ratePerSecond,
            AtomicBoolean stop, Consumer<String> notices) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.generator = generator;
        this.rate = Math.max(1, ratePerSecond);
        this.stop = stop;
        this.notices = notices;
    }

    @Override
    public void run() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        lastAckNanos.set(System.nanoTime());
        // its own thread: send() itself may block while the broker is away (waiting for metadata)
        ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "demo-producer-watch");
            t.setDaemon(true);
            return t;
        });
        watch.scheduleWithFixedDelay(this::reportReachability, 500, 500, TimeUnit.MILLISECONDS);
        try {
            long intervalNanos = 1_000_000_000L / rate;
            long next = System.nanoTime();
            while (!stop.get()) {
                ClickstreamGenerator.Event e = generator.next(Instant.now());
                sent.incrementAndGet();
                try {
                    producer.send(new ProducerRecord<>(topic, e.key(), e.json()), (metadata, error) -> {
                        if (error == null) {
                            acknowledged.incrementAndGet();
                            lastAckNanos.set(System.nanoTime());
                        } else {
                            fail(error);
                        }
                    });
                } catch (KafkaException error) {
                    fail(error); // e.g. no metadata within max.block.ms: this event is not sent
                }
                next += intervalNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait); // pacing the stream, not waiting for a result
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // waits for what is in flight; what is still unacknowledged then fails its callback
            producer.close(CLOSE_TIMEOUT);
            watch.shutdownNow();
            reportReachability();
            finished = true;
        }
    }

    private void fail(Exception error) {
        failed.incrementAndGet();
        lastFailure = error;
    }

    /** Prints one line when the broker stops acknowledging, one when it is back. */
    private synchronized void reportReachability() {
        long silentNanos = System.nanoTime() - lastAckNanos.get();
        if (outageSince == null && pending() > 0 && silentNanos > SILENCE.toNanos()) {
            outageSince = Instant.now().minusNanos(silentNanos);
            notices.accept("      [Kafka] broker " + bootstrap + " unreachable since " + clock(outageSince) + ": "
                    + pending() + " events wait in the producer and are retried (up to 2 min each)");
        } else if (outageSince != null && silentNanos < SILENCE.toNanos()) {
            notices.accept("      [Kafka] broker " + bootstrap + " is back at " + clock(Instant.now()) + " after "
                    + Duration.between(outageSince, Instant.now()).toSeconds() + " s; " + pending()
                    + " events still waiting, " + failed.get() + " undelivered so far");
            outageSince = null;
        }
    }

    private static String clock(Instant t) {
        return LocalTime.ofInstant(t, ZoneOffset.UTC).withNano(0).toString();
    }

    /** Events handed to the producer. */
    public long sent() {
        return sent.get();
    }

    /** Events the broker acknowledged: they are in the topic. */
    public long acknowledged() {
        return acknowledged.get();
    }

    /** Events given up on (delivery timeout, or still unacknowledged when the producer closed). */
    public long undelivered() {
        return failed.get();
    }

    /** Events neither acknowledged nor given up on yet. */
    public long pending() {
        return sent.get() - acknowledged.get() - failed.get();
    }

    /** True once the producer closed: the counts are final. */
    public boolean finished() {
        return finished;
    }

    /** Why the last undelivered event was given up on, if any. */
    public String lastFailure() {
        Exception e = lastFailure;
        return e == null ? "" : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
