package dev.sqlpack.gateway;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.table.gateway.api.endpoint.SqlGatewayEndpoint;
import org.apache.flink.table.gateway.rest.SqlGatewayRestEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The REST endpoint plus the sweep that frees the slots of sessions past the idle timeout. */
final class GuardedEndpoint implements SqlGatewayEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(GuardedEndpoint.class);
    private final SqlGatewayRestEndpoint rest;
    private final GatewayGuard guard;
    private final GuardedGatewayService service;
    private final Duration idleTimeout;
    private final Duration sweepInterval;
    private ScheduledExecutorService sweeper;

    GuardedEndpoint(SqlGatewayRestEndpoint rest, GatewayGuard guard, GuardedGatewayService service, Duration idleTimeout,
            Duration sweepInterval) {
        this.rest = rest;
        this.guard = guard;
        this.service = service;
        this.idleTimeout = idleTimeout;
        this.sweepInterval = sweepInterval;
    }

    @Override
    public void start() throws Exception {
        rest.start();
        if (idleTimeout.toMillis() > 0) {
            sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "sqlpack-session-sweep");
                t.setDaemon(true);
                return t;
            });
            long every = Math.max(1, sweepInterval.toMillis());
            sweeper.scheduleWithFixedDelay(() -> {
                try {
                    service.sweep(idleTimeout.toMillis());
                } catch (RuntimeException e) {
                    LOG.warn("Session sweep failed", e);
                }
            }, every, every, TimeUnit.MILLISECONDS);
        }
        LOG.info("sqlpack endpoint started on {} (identities {})", rest.getRestBaseUrl(), guard.identities().file());
    }

    @Override
    public void stop() throws Exception {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
        try {
            rest.stop();
        } finally {
            guard.auditLog().close();
            GatewayGuard.unregister(guard);
        }
    }
}
