package dev.sqlpack.connector.sideinput;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * Every option of the {@code 'side-input'} connector. The descriptions are the documentation:
 * {@code docs/connector-side-input.md} is generated from them and checked by a test.
 */
public final class SideInputOptions {

    public static final ConfigOption<String> SOURCE = ConfigOptions.key("source")
            .stringType()
            .noDefaultValue()
            .withDescription("Where the rows come from: 'jdbc' (PostgreSQL first, other databases by their"
                    + " JDBC driver), 'iceberg' (a Hadoop or REST catalog table) or 'file' (a CSV or"
                    + " JSON-lines file read with Flink's format factories).");

    // ---- jdbc ----

    public static final ConfigOption<String> JDBC_URL = ConfigOptions.key("jdbc.url")
            .stringType()
            .noDefaultValue()
            .withDescription("JDBC URL of the database, e.g. 'jdbc:postgresql://127.0.0.1:5432/app'."
                    + " Required when 'source' = 'jdbc'.");

    public static final ConfigOption<String> JDBC_TABLE = ConfigOptions.key("jdbc.table")
            .stringType()
            .noDefaultValue()
            .withDescription("Table (optionally schema-qualified) whose declared columns are read."
                    + " Exactly one of 'jdbc.table' and 'jdbc.query' is set.");

    public static final ConfigOption<String> JDBC_QUERY = ConfigOptions.key("jdbc.query")
            .stringType()
            .noDefaultValue()
            .withDescription("A SELECT whose result columns are matched to the declared columns by name"
                    + " (case-insensitive). Exactly one of 'jdbc.table' and 'jdbc.query' is set.");

    public static final ConfigOption<String> JDBC_USERNAME = ConfigOptions.key("jdbc.username")
            .stringType()
            .noDefaultValue()
            .withDescription("Database user, if not given in the URL.");

    public static final ConfigOption<String> JDBC_PASSWORD = ConfigOptions.key("jdbc.password")
            .stringType()
            .noDefaultValue()
            .withDescription("Database password, if not given in the URL.");

    public static final ConfigOption<String> JDBC_VERSION_QUERY = ConfigOptions.key("jdbc.version-query")
            .stringType()
            .noDefaultValue()
            .withDescription("Optional change check run before each reload, e.g. 'SELECT max(updated_at)"
                    + " FROM customers'. When its single value equals the one seen at the last load, the"
                    + " reload is skipped and the snapshot counts as fresh.");

    public static final ConfigOption<Integer> JDBC_FETCH_SIZE = ConfigOptions.key("jdbc.fetch-size")
            .intType()
            .defaultValue(10_000)
            .withDescription("Rows fetched per round trip; the table is read with a streaming cursor"
                    + " (auto-commit off), so it never sits in the driver's memory as a whole.");

    // ---- file ----

    public static final ConfigOption<String> PATH = ConfigOptions.key("path")
            .stringType()
            .noDefaultValue()
            .withDescription("Path or URI of the file, read through Flink's file systems. Required when"
                    + " 'source' = 'file'; reloaded when its modification time or size changed. One record"
                    + " per line, no header line.");

    // 'format' itself and the format's own options ('csv.field-delimiter', 'json.ignore-parse-errors',
    // ...) are Flink's: see FactoryUtil.FORMAT.

    // ---- iceberg ----

    public static final ConfigOption<String> ICEBERG_CATALOG_TYPE = ConfigOptions.key("iceberg.catalog-type")
            .stringType()
            .defaultValue("hadoop")
            .withDescription("Iceberg catalog: 'hadoop' (a warehouse directory on a file system) or 'rest'.");

    public static final ConfigOption<String> ICEBERG_WAREHOUSE = ConfigOptions.key("iceberg.warehouse")
            .stringType()
            .noDefaultValue()
            .withDescription("Warehouse location. Required for 'iceberg.catalog-type' = 'hadoop'.");

    public static final ConfigOption<String> ICEBERG_URI = ConfigOptions.key("iceberg.uri")
            .stringType()
            .noDefaultValue()
            .withDescription("REST catalog URI. Required for 'iceberg.catalog-type' = 'rest'.");

    public static final ConfigOption<String> ICEBERG_TABLE = ConfigOptions.key("iceberg.table")
            .stringType()
            .noDefaultValue()
            .withDescription("Table identifier 'namespace.table'. Required when 'source' = 'iceberg';"
                    + " reloaded only when the table's current snapshot id changed.");

    // ---- refresh ----

    public static final ConfigOption<Duration> REFRESH_INTERVAL = ConfigOptions.key("refresh.interval")
            .durationType()
            .defaultValue(Duration.ofHours(1))
            .withDescription("Time between the end of one load and the start of the next check.");

    public static final ConfigOption<Duration> REFRESH_JITTER = ConfigOptions.key("refresh.jitter")
            .durationType()
            .defaultValue(Duration.ZERO)
            .withDescription("A random extra delay in [0, jitter) added to every interval, so that many"
                    + " TaskManagers do not hit the source at the same moment.");

    public static final ConfigOption<String> REFRESH_ON_FAILURE = ConfigOptions.key("refresh.on-failure")
            .stringType()
            .defaultValue("keep-last")
            .withDescription("What a failed reload does: 'keep-last' keeps serving the last snapshot and"
                    + " retries with backoff; 'fail' fails the job, naming the source and the cause.");

    public static final ConfigOption<Duration> REFRESH_RETRY_BACKOFF = ConfigOptions.key("refresh.retry-backoff")
            .durationType()
            .defaultValue(Duration.ofSeconds(30))
            .withDescription("Delay before the first retry of a failed load; doubles per consecutive"
                    + " failure, capped at 'refresh.interval'.");

    public static final ConfigOption<Duration> REFRESH_MAX_STALENESS = ConfigOptions.key("refresh.max-staleness")
            .durationType()
            .noDefaultValue()
            .withDescription("Age of the snapshot (time since the source was last read or confirmed"
                    + " unchanged) past which 'refresh.on-stale' applies. Unset: no limit.");

    public static final ConfigOption<String> REFRESH_ON_STALE = ConfigOptions.key("refresh.on-stale")
            .stringType()
            .defaultValue("warn")
            .withDescription("What a snapshot older than 'refresh.max-staleness' does: 'warn' logs one warning"
                    + " (until the next successful load) and keeps serving; 'fail' fails the job at the next lookup.");

    public static final ConfigOption<Double> REFRESH_MIN_ROW_RATIO = ConfigOptions.key("refresh.min-row-ratio")
            .doubleType()
            .defaultValue(0.0)
            .withDescription("Refuse (count as a failed reload) a new snapshot with fewer rows than this"
                    + " fraction of the last one, e.g. 0.5. 0 disables the check.");

    public static final ConfigOption<Duration> REFRESH_FIRST_LOAD_TIMEOUT = ConfigOptions.key("refresh.first-load-timeout")
            .durationType()
            .defaultValue(Duration.ofMinutes(5))
            .withDescription("How long a lookup join waits at start-up for the first load before it fails"
                    + " with an error naming the source.");

    private SideInputOptions() {}
}
