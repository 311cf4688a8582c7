package dev.sqlpack.gateway;

import dev.sqlpack.gateway.audit.AuditLog;
import dev.sqlpack.gateway.auth.AuthHandler;
import dev.sqlpack.gateway.auth.Identities;
import dev.sqlpack.gateway.auth.Identity;
import dev.sqlpack.gateway.policy.Policy;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one sqlpack endpoint shares between its authentication handler (Netty side) and its
 * service decorator: identities, session owners, policy, limits, audit. Found by the id the
 * endpoint factory writes into the REST endpoint's configuration under {@link #ENDPOINT_KEY}; the
 * key is set only programmatically, so no other REST endpoint in the JVM ever carries it.
 */
public final class GatewayGuard {
    public static final String ENDPOINT_KEY = "$internal.sqlpack.gateway.endpoint-id";
    private static final Map<String, GatewayGuard> BY_ID = new ConcurrentHashMap<>();

    private final String id;
    private final Identities identities;
    private final Policy policy;
    private final AuditLog audit;
    private final AuditEvents events;
    private final Limits limits;
    private final SessionBook sessions = new SessionBook();
    private final AuthHandler authHandler;
    private volatile Map<String, String> responseHeaders = Map.of();
    private final boolean trustOwnProcess;

    GatewayGuard(String id, Identities identities, Policy policy, AuditLog audit, Limits limits, boolean trustOwnProcess) {
        this.id = id;
        this.trustOwnProcess = trustOwnProcess;
        this.identities = identities;
        this.policy = policy;
        this.audit = audit;
        this.events = new AuditEvents(audit);
        this.limits = limits;
        this.authHandler = new AuthHandler(this);
    }

    /** Per-role limits; -1 means none. */
    public record Limits(int adminSessions, int adminJobs, int analystSessions, int analystJobs) {
        public int sessions(Identity who) {
            return who.isAdmin() ? adminSessions : analystSessions;
        }

        public int runningJobs(Identity who) {
            return who.isAdmin() ? adminJobs : analystJobs;
        }
    }

    static GatewayGuard register(GatewayGuard g) {
        BY_ID.put(g.id, g);
        return g;
    }

    static void unregister(GatewayGuard g) {
        BY_ID.remove(g.id);
    }

    public static Optional<GatewayGuard> byId(String id) {
        return Optional.ofNullable(BY_ID.get(id));
    }

    public String id() {
        return id;
    }

    /** Whether requests from this process itself get {@link dev.sqlpack.gateway.auth.AuthHandler#GATEWAY_ITSELF}. */
    public boolean trustsOwnProcess() {
        return trustOwnProcess;
    }

    public Identities identities() {
        return identities;
    }

    public Policy policy() {
        return policy;
    }

    public AuditEvents audit() {
        return events;
    }

    public AuditLog auditLog() {
        return audit;
    }

    public Limits limits() {
        return limits;
    }

    public SessionBook sessions() {
        return sessions;
    }

    public AuthHandler authHandler() {
        return authHandler;
    }

    public Map<String, String> responseHeaders() {
        return responseHeaders;
    }

    public void responseHeaders(Map<String, String> headers) {
        this.responseHeaders = Map.copyOf(headers);
    }
}
