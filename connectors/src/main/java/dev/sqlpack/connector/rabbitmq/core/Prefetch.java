package dev.sqlpack.connector.rabbitmq.core;

/**
 * How a reader's {@code 'prefetch-count'} is spread over consumers of its one channel. AMQP's
 * {@code basic.qos} prefetch is a 16-bit number, and since messages stay unacknowledged until a
 * checkpoint completes, it bounds a reader's rate to about prefetch-count per checkpoint interval
 * (65,535 messages per second at 1 s checkpoints). RabbitMQ applies the prefetch to each consumer
 * of a channel, so a larger window is several consumers on the same channel, each with its share.
 * They stay one ordered stream: the channel numbers deliveries in the order it sends them, the
 * client hands them over in that order, and one {@code basicAck(tag, multiple=true)} covers every
 * consumer of the channel.
 */
public final class Prefetch {
    /** AMQP's limit for one consumer (an unsigned short). */
    public static final int PER_CONSUMER_MAX = 65_535;
    /**
     * Ten consumers' worth: every unacknowledged message not yet emitted is held in the
     * TaskManager's heap, so the window must stay a deliberate, bounded amount.
     */
    public static final int MAX = 10 * PER_CONSUMER_MAX;

    private Prefetch() {}

    /** The prefetch of each consumer: as few consumers as the limit allows, shares differing by at most one. */
    public static int[] perConsumer(int prefetchCount) {
        if (prefetchCount < 1 || prefetchCount > MAX) {
            throw new IllegalArgumentException("prefetch count " + prefetchCount + " is outside 1.." + MAX);
        }
        int consumers = (prefetchCount + PER_CONSUMER_MAX - 1) / PER_CONSUMER_MAX;
        int[] shares = new int[consumers];
        for (int i = 0; i < consumers; i++) {
            shares[i] = prefetchCount / consumers + (i < prefetchCount % consumers ? 1 : 0);
        }
        return shares;
    }
}
