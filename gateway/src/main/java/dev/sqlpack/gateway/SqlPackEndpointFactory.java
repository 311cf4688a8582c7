package dev.sqlpack.gateway;

import dev.sqlpack.gateway.audit.AuditLog;
import dev.sqlpack.gateway.auth.Identities;
import dev.sqlpack.gateway.policy.Policy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.gateway.api.endpoint.SqlGatewayEndpoint;
import org.apache.flink.table.gateway.api.endpoint.SqlGatewayEndpointFactory;
import org.apache.flink.table.gateway.rest.SqlGatewayRestEndpoint;
import org.apache.flink.table.gateway.rest.SqlGatewayRestEndpointFactory;

/**
 * {@code sql-gateway.endpoint.type: sqlpack}: Flink's own REST endpoint (same API, same port
 * options) around a guarded service, with authentication in front of it. Options:
 * {@link GatewayOptions}.
 */
public final class SqlPackEndpointFactory implements SqlGatewayEndpointFactory {
    public static final String IDENTIFIER = "sqlpack";
    private static final String REST_PREFIX = "sql-gateway.endpoint.rest.";
    private static final String IDLE_TIMEOUT = "sql-gateway.session.idle-timeout";

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of(GatewayOptions.IDENTITIES_FILE);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        Set<ConfigOption<?>> s = new HashSet<>(GatewayOptions.all());
        s.remove(GatewayOptions.IDENTITIES_FILE);
        return s;
    }

    @Override
    public SqlGatewayEndpoint createSqlGatewayEndpoint(Context context) {
        Map<String, String> own = context.getEndpointOptions();
        checkKnown(own);
        Configuration options = Configuration.fromMap(own);
        Map<String, String> flink = context.getFlinkConfiguration().toMap();

        String identitiesFile = options.get(GatewayOptions.IDENTITIES_FILE);
        if (identitiesFile == null || identitiesFile.isBlank()) {
            throw new IllegalArgumentException("The sqlpack endpoint needs " + GatewayOptions.PREFIX
                    + GatewayOptions.IDENTITIES_FILE.key() + ": the file of identities and token hashes "
                    + "(see docs/gateway-extension.md)");
        }
        Policy policy = new Policy(options.get(GatewayOptions.ANALYST_CONNECTORS),
                options.get(GatewayOptions.ANALYST_FILESYSTEM_ROOT), options.get(GatewayOptions.ANALYST_DENIED_CONFIG));
        String auditDir = options.get(GatewayOptions.AUDIT_DIR);
        AuditLog audit = new AuditLog(auditDir == null ? null : Path.of(auditDir),
                options.get(GatewayOptions.AUDIT_MAX_FILE_SIZE).getBytes(), options.get(GatewayOptions.AUDIT_MAX_FILES));
        GatewayGuard.Limits limits = new GatewayGuard.Limits(options.get(GatewayOptions.ADMIN_MAX_SESSIONS),
                options.get(GatewayOptions.ADMIN_MAX_RUNNING_JOBS), options.get(GatewayOptions.ANALYST_MAX_SESSIONS),
                options.get(GatewayOptions.ANALYST_MAX_RUNNING_JOBS));
        GatewayGuard guard = GatewayGuard.register(new GatewayGuard(UUID.randomUUID().toString(),
                new Identities(Path.of(identitiesFile)), policy, audit, limits, options.get(GatewayOptions.TRUST_OWN_PROCESS)));

        String init = options.get(GatewayOptions.SESSION_INIT_FILE);
        GuardedGatewayService service = new GuardedGatewayService(context.getSqlGatewayService(), guard,
                new SessionInit(init == null ? null : Path.of(init)),
                new JobTracker(JobTracker.fromCluster(Configuration.fromMap(flink))), context.getFlinkConfiguration());

        // the stock endpoint's REST options: ours if given, else those of sql-gateway.endpoint.rest.*
        Map<String, String> rest = new HashMap<>();
        flink.forEach((k, v) -> {
            if (k.startsWith(REST_PREFIX)) {
                rest.put(k.substring(REST_PREFIX.length()), v);
            }
        });
        for (String k : GatewayOptions.REST_KEYS) {
            if (own.containsKey(k)) {
                rest.put(k, own.get(k));
            }
        }
        Configuration restConf = SqlGatewayRestEndpointFactory.rebuildRestEndpointOptions(rest, flink);
        restConf.setString(GatewayGuard.ENDPOINT_KEY, guard.id());
        Duration idle = Configuration.fromMap(flink).getOptional(
                org.apache.flink.configuration.ConfigOptions.key(IDLE_TIMEOUT).durationType().noDefaultValue())
                .orElse(Duration.ofMinutes(10));
        try {
            return new GuardedEndpoint(new SqlGatewayRestEndpoint(restConf, service), guard, service, idle,
                    options.get(GatewayOptions.SWEEP_INTERVAL));
        } catch (Exception e) {
            GatewayGuard.unregister(guard);
            throw new IllegalStateException("cannot create the sqlpack REST endpoint: " + e.getMessage(), e);
        }
    }

    private static void checkKnown(Map<String, String> own) {
        Set<String> known = new TreeSet<>(GatewayOptions.REST_KEYS);
        GatewayOptions.all().forEach(o -> known.add(o.key()));
        Set<String> unknown = new LinkedHashSet<>(own.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown option(s) of the sqlpack endpoint: "
                    + unknown.stream().map(k -> GatewayOptions.PREFIX + k).toList() + ". Known: " + known);
        }
    }
}
