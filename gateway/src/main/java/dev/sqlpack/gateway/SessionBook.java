package dev.sqlpack.gateway;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which identity opened which session, and when each was last used through this endpoint. The
 * gateway expires idle sessions inside its session manager without telling any endpoint, so
 * {@link #idleSince} lets a sweep find and close them, and their slots are freed.
 */
public final class SessionBook {
    private record Entry(String owner, long lastUsedMillis) {}

    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();

    public void opened(String handle, String owner, long nowMillis) {
        sessions.put(handle, new Entry(owner, nowMillis));
    }

    public void closed(String handle) {
        sessions.remove(handle);
    }

    public void touched(String handle, long nowMillis) {
        sessions.computeIfPresent(handle, (h, e) -> new Entry(e.owner(), nowMillis));
    }

    public Optional<String> owner(String handle) {
        Entry e = sessions.get(handle);
        return e == null ? Optional.empty() : Optional.of(e.owner());
    }

    public int countOwnedBy(String owner) {
        return (int) sessions.values().stream().filter(e -> e.owner().equals(owner)).count();
    }

    /** Sessions not used since {@code cutoffMillis}. */
    public List<String> idleSince(long cutoffMillis) {
        return sessions.entrySet().stream().filter(e -> e.getValue().lastUsedMillis() < cutoffMillis)
                .map(Map.Entry::getKey).toList();
    }
}
