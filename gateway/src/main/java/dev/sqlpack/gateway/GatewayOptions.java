package dev.sqlpack.gateway;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.MemorySize;

/**
 * Options of the {@code sqlpack} endpoint, set in the gateway's config.yaml under
 * {@code sql-gateway.endpoint.sqlpack.}: e.g. {@code sql-gateway.endpoint.sqlpack.identities-file}.
 * The REST options of the stock endpoint ({@code address}, {@code bind-address}, {@code port},
 * {@code bind-port}) are accepted here too, and default to {@code sql-gateway.endpoint.rest.*}.
 * These declarations are the reference: docs/gateway-extension.md is checked against them.
 */
public final class GatewayOptions {
    private GatewayOptions() {}

    public static final String PREFIX = "sql-gateway.endpoint.sqlpack.";

    public static final ConfigOption<String> IDENTITIES_FILE = key("identities-file").stringType().noDefaultValue()
            .withDescription("Path of the identities file (NAME ROLE token SALT HASH, or NAME ROLE cert). Required. "
                    + "Re-read when it changes.");

    public static final ConfigOption<String> SESSION_INIT_FILE = key("session-init-file").stringType().noDefaultValue()
            .withDescription("SQL statements run server-side in every new session before the client sees it "
                    + "(e.g. LOAD MODULE sqlpack; CREATE CATALOG ...). Re-read at every session open.");

    public static final ConfigOption<String> AUDIT_DIR = key("audit.dir").stringType().noDefaultValue()
            .withDescription("Directory of the audit log (audit.jsonl, rotated to audit.jsonl.1, .2, ...). "
                    + "Without it no audit log is written.");

    public static final ConfigOption<MemorySize> AUDIT_MAX_FILE_SIZE = key("audit.max-file-size").memoryType()
            .defaultValue(MemorySize.parse("10m"))
            .withDescription("The audit file is rotated when it reaches this size.");

    public static final ConfigOption<Integer> AUDIT_MAX_FILES = key("audit.max-files").intType().defaultValue(5)
            .withDescription("Rotated audit files kept besides the current one.");

    public static final ConfigOption<List<String>> ANALYST_CONNECTORS = key("policy.analyst.connectors").stringType()
            .asList().defaultValues("kafka", "upsert-kafka", "jdbc", "datagen", "print", "blackhole", "filesystem",
                    "side-input")
            .withDescription("Connectors an analyst may use in CREATE TABLE (and CTAS, ALTER TABLE SET). "
                    + "Tables without a 'connector' option (catalog-managed, e.g. Iceberg) are allowed.");

    public static final ConfigOption<String> ANALYST_FILESYSTEM_ROOT = key("policy.analyst.filesystem-root").stringType()
            .noDefaultValue()
            .withDescription("The only directory (and below) an analyst's 'filesystem' table may use as 'path'. "
                    + "Unset: analysts may not create filesystem tables.");

    public static final ConfigOption<List<String>> ANALYST_DENIED_CONFIG = key("policy.analyst.denied-config-keys")
            .stringType().asList()
            .defaultValues("pipeline.jars", "pipeline.classpaths", "pipeline.cached-files", "$internal.*", "python.*",
                    "security.*", "table.dynamic-table-options.enabled", "table.sql-dialect", "table.resources.*",
                    "sql-gateway.*", "env.*", "table.catalog-store.*", "*password*",
                    "*secret*", "*token*", "*keystore*", "*truststore*")
            .withDescription("Configuration keys an analyst may not set (session open, SET, configureSession, "
                    + "per-statement configuration). '*' matches any text; case-insensitive.");

    public static final ConfigOption<Integer> ADMIN_MAX_SESSIONS = key("limits.admin.max-sessions").intType()
            .defaultValue(-1).withDescription("Open sessions per admin identity; -1: no limit.");

    public static final ConfigOption<Integer> ADMIN_MAX_RUNNING_JOBS = key("limits.admin.max-running-jobs").intType()
            .defaultValue(-1).withDescription("Running jobs per admin identity; -1: no limit.");

    public static final ConfigOption<Integer> ANALYST_MAX_SESSIONS = key("limits.analyst.max-sessions").intType()
            .defaultValue(8).withDescription("Open sessions per analyst identity; -1: no limit.");

    public static final ConfigOption<Integer> ANALYST_MAX_RUNNING_JOBS = key("limits.analyst.max-running-jobs")
            .intType().defaultValue(4).withDescription("Running jobs per analyst identity; -1: no limit.");

    public static final ConfigOption<Duration> SWEEP_INTERVAL = key("limits.sweep-interval").durationType()
            .defaultValue(Duration.ofSeconds(30))
            .withDescription("How often sessions idle past sql-gateway.session.idle-timeout are closed and "
                    + "stop counting against their identity's limit.");

    public static final ConfigOption<Boolean> TRUST_OWN_PROCESS = key("trust-own-process").booleanType()
            .defaultValue(true)
            .withDescription("Let the gateway's own process in without credentials, as the admin identity "
                    + "'sqlpack-gateway-itself': Flink's embedded workflow scheduler refreshes materialized tables "
                    + "through the REST API with a client that sends neither a header nor a certificate. Recognised "
                    + "from Linux's socket tables (/proc), loopback only; false refuses those refreshes.");

    /** The stock REST endpoint's options, passed through to it. */
    public static final List<String> REST_KEYS = List.of("address", "bind-address", "port", "bind-port");

    public static List<ConfigOption<?>> all() {
        return List.of(IDENTITIES_FILE, SESSION_INIT_FILE, AUDIT_DIR, AUDIT_MAX_FILE_SIZE, AUDIT_MAX_FILES,
                ANALYST_CONNECTORS, ANALYST_FILESYSTEM_ROOT, ANALYST_DENIED_CONFIG, ADMIN_MAX_SESSIONS,
                ADMIN_MAX_RUNNING_JOBS, ANALYST_MAX_SESSIONS, ANALYST_MAX_RUNNING_JOBS, SWEEP_INTERVAL);
    }
}
