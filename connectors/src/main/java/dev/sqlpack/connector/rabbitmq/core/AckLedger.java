package dev.sqlpack.connector.rabbitmq.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Which deliveries of one channel may be acknowledged when which checkpoint completes, and (for
 * exactly-once) which message ids were emitted but not yet acknowledged, so that their
 * redeliveries can be dropped. Plain Java, driven by the source reader from its one thread.
 *
 * <p>Deliveries are handled in delivery-tag order, so one "ack everything up to tag N"
 * ({@code basicAck(N, multiple=true)}) per completed checkpoint is exact.
 */
public final class AckLedger {
    private final LongSupplier clockMillis;
    private final long redeliveryWindowMillis;

    /** Highest tag handled since the last snapshot, or -1. */
    private long currentMaxTag = -1;
    private Set<String> currentIds = new HashSet<>();
    /** checkpoint id -> (max tag, ids) taken at that snapshot, not yet acknowledged. */
    private final TreeMap<Long, Batch> pending = new TreeMap<>();
    /** Ids whose message may come back redelivered -> until when we wait for it. */
    private final Map<String, Long> expected = new HashMap<>();

    private record Batch(long maxTag, Set<String> ids) {}

    public AckLedger(LongSupplier clockMillis, long redeliveryWindowMillis) {
        this.clockMillis = clockMillis;
        this.redeliveryWindowMillis = redeliveryWindowMillis;
    }

    /** Ids restored from a checkpoint: emitted before it, possibly never acknowledged. */
    public void restore(Iterable<String> ids) {
        long until = clockMillis.getAsLong() + redeliveryWindowMillis;
        for (String id : ids) {
            expected.put(id, until);
        }
    }

    /**
     * True when this delivery repeats a message already emitted and covered by a checkpoint; only
     * redeliveries can be repeats, so a fresh message with a reused id is never dropped.
     */
    public boolean isRepeat(String messageId, boolean redelivered) {
        if (messageId == null || !redelivered) {
            return false;
        }
        Long until = expected.get(messageId);
        if (until == null) {
            return false;
        }
        // Seen once again: after this one is acknowledged it cannot come back.
        expected.remove(messageId);
        return until >= clockMillis.getAsLong();
    }

    /** A delivery was handled (emitted, dropped as a repeat, or skipped): ack it with the next checkpoint. */
    public void handled(long deliveryTag, String emittedMessageId) {
        currentMaxTag = Math.max(currentMaxTag, deliveryTag);
        if (emittedMessageId != null) {
            currentIds.add(emittedMessageId);
        }
    }

    /** Takes the snapshot for {@code checkpointId}; returns the ids to store in it. */
    public List<String> snapshot(long checkpointId) {
        if (currentMaxTag >= 0 || !currentIds.isEmpty()) {
            pending.put(checkpointId, new Batch(currentMaxTag, currentIds));
            currentMaxTag = -1;
            currentIds = new HashSet<>();
        }
        expire();
        List<String> ids = new ArrayList<>(expected.keySet());
        for (Batch b : pending.values()) {
            ids.addAll(b.ids);
        }
        return ids;
    }

    /** What one completed checkpoint acknowledges: every tag up to {@code maxTag}. */
    public record Ack(long maxTag, Set<String> ids) {}

    /**
     * Checkpoint {@code checkpointId} completed: returns what to acknowledge (with multiple=true),
     * or null when there is nothing new.
     */
    public Ack complete(long checkpointId) {
        long max = -1;
        Set<String> ids = new HashSet<>();
        Iterator<Map.Entry<Long, Batch>> it = pending.headMap(checkpointId, true).entrySet().iterator();
        while (it.hasNext()) {
            Batch b = it.next().getValue();
            max = Math.max(max, b.maxTag);
            ids.addAll(b.ids);
            it.remove();
        }
        return max < 0 ? null : new Ack(max, ids);
    }

    /** The acknowledgement could not be sent (the channel closed): the messages come back. */
    public void ackFailed(Ack ack) {
        long until = clockMillis.getAsLong() + redeliveryWindowMillis;
        ack.ids().forEach(id -> expected.put(id, until));
        channelLost();
    }

    /**
     * The channel is gone: its tags can no longer be acknowledged and the broker requeues every
     * unacknowledged message. Ids of emitted ones become expected redeliveries.
     */
    public void channelLost() {
        long until = clockMillis.getAsLong() + redeliveryWindowMillis;
        for (Batch b : pending.values()) {
            b.ids.forEach(id -> expected.put(id, until));
        }
        currentIds.forEach(id -> expected.put(id, until));
        pending.clear();
        currentIds = new HashSet<>();
        currentMaxTag = -1;
    }

    /** Number of ids held: emitted and unacknowledged, or awaited as redeliveries. */
    public int idsHeld() {
        int n = expected.size() + currentIds.size();
        for (Batch b : pending.values()) {
            n += b.ids.size();
        }
        return n;
    }

    private void expire() {
        long now = clockMillis.getAsLong();
        expected.values().removeIf(until -> until < now);
    }
}
