package dev.sqlpack.gateway;

import dev.sqlpack.gateway.audit.AuditLog;
import dev.sqlpack.gateway.audit.Redactor;
import dev.sqlpack.gateway.auth.Identity;
import dev.sqlpack.gateway.policy.Refusal;
import java.util.Map;

/** The audit events the endpoint writes, with the fields each carries (see {@link AuditLog}). */
public final class AuditEvents {
    private final AuditLog log;

    AuditEvents(AuditLog log) {
        this.log = log;
    }

    private AuditLog.Event base(String event, Identity who, String remote, String session) {
        return log.event(event)
                .put("identity", who == null ? null : who.name())
                .put("role", who == null ? null : who.role().id())
                .put("remote", remote)
                .put("session", session);
    }

    /** A request stopped before reaching Flink: 401 (no or bad credentials) or 403 (foreign session). */
    public void refusedRequest(Identity who, String remote, String request, String reason) {
        base("request", who, remote, null).put("request", request).put("decision", "refused").put("reason", reason).write();
    }

    public void sessionOpened(Identity who, String remote, String session, Map<String, String> properties) {
        base("session_open", who, remote, session).put("config", Redactor.config(properties)).put("decision", "allowed").write();
    }

    public void sessionClosed(Identity who, String remote, String session, String why) {
        base("session_close", who, remote, session).put("reason", why).write();
    }

    /** A session the sweep closed after the gateway's idle timeout; its slot is free again. */
    public void sessionExpired(String owner, String session) {
        log.event("session_close").put("identity", owner).put("session", session).put("reason", "idle timeout").write();
    }

    public void statement(String event, Identity who, String remote, String session, String operation, String statement,
            Map<String, String> config, String jobId) {
        base(event, who, remote, session).put("operation", operation).put("statement", Redactor.statement(statement))
                .put("config", config == null || config.isEmpty() ? null : Redactor.config(config))
                .put("decision", "allowed").put("job_id", jobId).write();
    }

    public void refused(String event, Identity who, String remote, String session, String statement,
            Map<String, String> config, Refusal r) {
        base(event, who, remote, session).put("statement", Redactor.statement(statement))
                .put("config", config == null || config.isEmpty() ? null : Redactor.config(config))
                .put("decision", "refused").put("rule", r.rule()).put("reason", r.message()).write();
    }

    public void job(Identity who, String session, String operation, String jobId) {
        base("job", who, null, session).put("operation", operation).put("job_id", jobId).write();
    }
}
