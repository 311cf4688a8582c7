package dev.sqlpack.connector.sideinput;

import static dev.sqlpack.connector.sideinput.SideInputOptions.*;

import dev.sqlpack.connector.sideinput.snapshot.ColumnType;
import dev.sqlpack.connector.sideinput.snapshot.FileSpec;
import dev.sqlpack.connector.sideinput.snapshot.IcebergSpec;
import dev.sqlpack.connector.sideinput.snapshot.JdbcSpec;
import dev.sqlpack.connector.sideinput.snapshot.RefreshPolicy;
import dev.sqlpack.connector.sideinput.snapshot.Secret;
import dev.sqlpack.connector.sideinput.snapshot.SideInputConfig;
import dev.sqlpack.connector.sideinput.snapshot.SourceSpec;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.types.logical.RowType;

/**
 * Turns a side-input table's options into a typed {@link SideInputConfig}, once, at planning.
 * Every rule throws a {@link ValidationException} naming the key and the bad value; nothing after
 * this class reads an option again.
 */
public final class SideInputConfigParser {
    private static final Map<SourceSpec.Kind, Set<ConfigOption<?>>> SOURCE_OPTIONS = new EnumMap<>(Map.of(
            SourceSpec.Kind.JDBC, Set.of(JDBC_URL, JDBC_TABLE, JDBC_QUERY, JDBC_USERNAME, JDBC_PASSWORD,
                    JDBC_VERSION_QUERY, JDBC_FETCH_SIZE),
            SourceSpec.Kind.FILE, Set.of(PATH, FactoryUtil.FORMAT),
            SourceSpec.Kind.ICEBERG, Set.of(ICEBERG_CATALOG_TYPE, ICEBERG_WAREHOUSE, ICEBERG_URI, ICEBERG_TABLE)));

    private SideInputConfigParser() {}

    /** Every option a side-input table may set besides the format's own ('csv.field-delimiter', ...). */
    static Set<ConfigOption<?>> optionalOptions() {
        return Set.of(JDBC_URL, JDBC_TABLE, JDBC_QUERY, JDBC_USERNAME, JDBC_PASSWORD, JDBC_VERSION_QUERY, JDBC_FETCH_SIZE,
                PATH, FactoryUtil.FORMAT,
                ICEBERG_CATALOG_TYPE, ICEBERG_WAREHOUSE, ICEBERG_URI, ICEBERG_TABLE,
                REFRESH_INTERVAL, REFRESH_JITTER, REFRESH_ON_FAILURE, REFRESH_RETRY_BACKOFF, REFRESH_MAX_STALENESS,
                REFRESH_ON_STALE, REFRESH_MIN_ROW_RATIO, REFRESH_FIRST_LOAD_TIMEOUT);
    }

    /**
     * Validates {@code options} (a table's {@code WITH} clause) against the declared {@code rowType}
     * and returns them as typed values.
     */
    public static SideInputConfig parse(Map<String, String> options, RowType rowType) {
        ReadableConfig config = Configuration.fromMap(options);
        SourceSpec.Kind source = oneOf(SOURCE, config.get(SOURCE), SourceSpec.Kind.values());
        for (Map.Entry<SourceSpec.Kind, Set<ConfigOption<?>>> e : SOURCE_OPTIONS.entrySet()) {
            if (e.getKey() == source) {
                continue;
            }
            for (ConfigOption<?> o : e.getValue()) {
                if (config.getOptional(o).isPresent() && !SOURCE_OPTIONS.get(source).contains(o)) {
                    throw new ValidationException(String.format(
                            "'%s' does not apply when 'source' = '%s'.", o.key(), source));
                }
            }
        }
        SourceSpec spec = switch (source) {
            case JDBC -> jdbc(config);
            case FILE -> file(config, options);
            case ICEBERG -> iceberg(config);
        };
        if (source != SourceSpec.Kind.FILE) {
            for (RowType.RowField f : rowType.getFields()) {
                if (ColumnType.of(f.getType()).isEmpty()) {
                    throw new ValidationException(String.format(
                            "Column '%s' has type %s, which 'source' = '%s' does not support.",
                            f.getName(), f.getType().asSummaryString(), source));
                }
            }
        }
        return new SideInputConfig(spec, refresh(config));
    }

    private static JdbcSpec jdbc(ReadableConfig options) {
        required(options, JDBC_URL, "jdbc");
        boolean table = options.getOptional(JDBC_TABLE).isPresent();
        boolean query = options.getOptional(JDBC_QUERY).isPresent();
        if (table == query) {
            throw new ValidationException(String.format(
                    "Exactly one of 'jdbc.table' and 'jdbc.query' must be set when 'source' = 'jdbc', but %s.",
                    table ? "both were" : "neither was"));
        }
        int fetchSize = options.get(JDBC_FETCH_SIZE);
        if (fetchSize <= 0) {
            throw new ValidationException(String.format(
                    "'%s' must be positive, but was '%d'.", JDBC_FETCH_SIZE.key(), fetchSize));
        }
        return new JdbcSpec(options.get(JDBC_URL), options.get(JDBC_TABLE), options.get(JDBC_QUERY),
                options.get(JDBC_USERNAME), Secret.ofNullable(options.get(JDBC_PASSWORD)),
                options.get(JDBC_VERSION_QUERY), fetchSize);
    }

    private static FileSpec file(ReadableConfig options, Map<String, String> raw) {
        required(options, PATH, "file");
        required(options, FactoryUtil.FORMAT, "file");
        String format = options.get(FactoryUtil.FORMAT);
        Map<String, String> formatOptions = new TreeMap<>();
        raw.forEach((k, v) -> {
            if (k.startsWith(format + ".")) {
                formatOptions.put(k, v);
            }
        });
        return new FileSpec(options.get(PATH), format, formatOptions);
    }

    private static IcebergSpec iceberg(ReadableConfig options) {
        IcebergSpec.CatalogType catalog =
                oneOf(ICEBERG_CATALOG_TYPE, options.get(ICEBERG_CATALOG_TYPE), IcebergSpec.CatalogType.values());
        required(options, ICEBERG_TABLE, "iceberg");
        required(options, catalog == IcebergSpec.CatalogType.HADOOP ? ICEBERG_WAREHOUSE : ICEBERG_URI,
                "iceberg' and '" + ICEBERG_CATALOG_TYPE.key() + "' = '" + catalog);
        return new IcebergSpec(catalog, options.get(ICEBERG_WAREHOUSE), options.get(ICEBERG_URI),
                options.get(ICEBERG_TABLE));
    }

    private static RefreshPolicy refresh(ReadableConfig options) {
        Duration interval = positive(options, REFRESH_INTERVAL);
        Duration retryBackoff = positive(options, REFRESH_RETRY_BACKOFF);
        Duration firstLoadTimeout = positive(options, REFRESH_FIRST_LOAD_TIMEOUT);
        RefreshPolicy.OnFailure onFailure =
                oneOf(REFRESH_ON_FAILURE, options.get(REFRESH_ON_FAILURE), RefreshPolicy.OnFailure.values());
        RefreshPolicy.OnStale onStale =
                oneOf(REFRESH_ON_STALE, options.get(REFRESH_ON_STALE), RefreshPolicy.OnStale.values());
        Duration maxStaleness = options.getOptional(REFRESH_MAX_STALENESS).orElse(null);
        if (maxStaleness != null && maxStaleness.compareTo(interval) <= 0) {
            throw new ValidationException(String.format(
                    "'%s' must be longer than 'refresh.interval' (%s), but was '%s'.",
                    REFRESH_MAX_STALENESS.key(), interval, maxStaleness));
        }
        double ratio = options.get(REFRESH_MIN_ROW_RATIO);
        if (!(ratio >= 0 && ratio <= 1)) {
            throw new ValidationException(String.format(
                    "'%s' must be between 0 and 1, but was '%s'.", REFRESH_MIN_ROW_RATIO.key(), ratio));
        }
        return new RefreshPolicy(interval, options.get(REFRESH_JITTER), onFailure, retryBackoff, maxStaleness,
                onStale, ratio, firstLoadTimeout);
    }

    /** The constant whose spelling ({@code toString()}) is {@code value}, ignoring case. */
    private static <E extends Enum<E>> E oneOf(ConfigOption<String> option, String value, E[] allowed) {
        String v = value.toLowerCase(Locale.ROOT);
        for (E e : allowed) {
            if (e.toString().equals(v)) {
                return e;
            }
        }
        throw new ValidationException(String.format(
                "'%s' must be one of %s, but was '%s'.", option.key(), List.of(allowed), v));
    }

    private static void required(ReadableConfig options, ConfigOption<String> option, String when) {
        if (options.getOptional(option).isEmpty()) {
            throw new ValidationException(String.format(
                    "'%s' is required when 'source' = '%s'.", option.key(), when));
        }
    }

    private static Duration positive(ReadableConfig options, ConfigOption<Duration> option) {
        Duration value = options.get(option);
        if (value.isZero() || value.isNegative()) {
            throw new ValidationException(String.format(
                    "'%s' must be positive, but was '%s'.", option.key(), value));
        }
        return value;
    }
}
