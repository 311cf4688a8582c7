package dev.sqlpack.gateway.auth;

/**
 * The identity and address of the request being handled on this thread. The authentication
 * handler sets it around passing the request on; Flink's REST handlers call the gateway service
 * synchronously on the same Netty event-loop thread, so the service decorator sees it there.
 */
public record Caller(Identity identity, String remoteAddress) {
    private static final ThreadLocal<Caller> CURRENT = new ThreadLocal<>();

    public static Caller current() {
        return CURRENT.get();
    }

    static void set(Caller c) {
        CURRENT.set(c);
    }

    static void clear() {
        CURRENT.remove();
    }

    /** Runs {@code r} as {@code c}; for server-side work and tests. */
    public static void runAs(Caller c, Runnable r) {
        Caller before = CURRENT.get();
        CURRENT.set(c);
        try {
            r.run();
        } finally {
            if (before == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(before);
            }
        }
    }
}
