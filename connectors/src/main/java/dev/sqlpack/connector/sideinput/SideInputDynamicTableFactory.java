package dev.sqlpack.connector.sideinput;

import static dev.sqlpack.connector.sideinput.SideInputOptions.*;

import dev.sqlpack.connector.sideinput.source.SideInputTableSource;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.factories.DeserializationFormatFactory;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.RowType;

/** Creates {@code 'connector' = 'side-input'} tables and rejects wrong options at planning. */
public final class SideInputDynamicTableFactory implements DynamicTableSourceFactory {
    public static final String IDENTIFIER = "side-input";

    private static final List<String> SOURCES = List.of("jdbc", "iceberg", "file");
    private static final Map<String, Set<ConfigOption<?>>> SOURCE_OPTIONS = Map.of(
            "jdbc", Set.of(JDBC_URL, JDBC_TABLE, JDBC_QUERY, JDBC_USERNAME, JDBC_PASSWORD, JDBC_VERSION_QUERY, JDBC_FETCH_SIZE),
            "file", Set.of(PATH, FactoryUtil.FORMAT),
            "iceberg", Set.of(ICEBERG_CATALOG_TYPE, ICEBERG_WAREHOUSE, ICEBERG_URI, ICEBERG_TABLE));
    private static final Set<LogicalTypeRoot> TYPED_SOURCE_TYPES = EnumSet.of(
            LogicalTypeRoot.BOOLEAN, LogicalTypeRoot.TINYINT, LogicalTypeRoot.SMALLINT, LogicalTypeRoot.INTEGER,
            LogicalTypeRoot.BIGINT, LogicalTypeRoot.FLOAT, LogicalTypeRoot.DOUBLE, LogicalTypeRoot.DECIMAL,
            LogicalTypeRoot.CHAR, LogicalTypeRoot.VARCHAR, LogicalTypeRoot.BINARY, LogicalTypeRoot.VARBINARY,
            LogicalTypeRoot.DATE, LogicalTypeRoot.TIME_WITHOUT_TIME_ZONE, LogicalTypeRoot.TIMESTAMP_WITHOUT_TIME_ZONE,
            LogicalTypeRoot.TIMESTAMP_WITH_LOCAL_TIME_ZONE);

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of(SOURCE);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of(JDBC_URL, JDBC_TABLE, JDBC_QUERY, JDBC_USERNAME, JDBC_PASSWORD, JDBC_VERSION_QUERY, JDBC_FETCH_SIZE,
                PATH, FactoryUtil.FORMAT,
                ICEBERG_CATALOG_TYPE, ICEBERG_WAREHOUSE, ICEBERG_URI, ICEBERG_TABLE,
                REFRESH_INTERVAL, REFRESH_JITTER, REFRESH_ON_FAILURE, REFRESH_RETRY_BACKOFF, REFRESH_MAX_STALENESS,
                REFRESH_ON_STALE, REFRESH_MIN_ROW_RATIO, REFRESH_FIRST_LOAD_TIMEOUT);
    }

    @Override
    public DynamicTableSource createDynamicTableSource(Context context) {
        FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
        String source = helper.getOptions().get(SOURCE).toLowerCase(Locale.ROOT);
        DecodingFormat<DeserializationSchema<RowData>> format = "file".equals(source)
                ? helper.discoverOptionalDecodingFormat(DeserializationFormatFactory.class, FactoryUtil.FORMAT).orElse(null)
                : null;
        helper.validate();
        DataType physical = context.getPhysicalRowDataType();
        validate(helper.getOptions(), (RowType) physical.getLogicalType());
        return new SideInputTableSource(context.getCatalogTable().getOptions(), physical, format);
    }

    static void validate(ReadableConfig options, RowType rowType) {
        String source = options.get(SOURCE).toLowerCase(Locale.ROOT);
        oneOf(SOURCE, source, SOURCES);
        for (Map.Entry<String, Set<ConfigOption<?>>> e : SOURCE_OPTIONS.entrySet()) {
            if (e.getKey().equals(source)) {
                continue;
            }
            for (ConfigOption<?> o : e.getValue()) {
                if (options.getOptional(o).isPresent() && !SOURCE_OPTIONS.get(source).contains(o)) {
                    throw new ValidationException(String.format(
                            "'%s' does not apply when 'source' = '%s'.", o.key(), source));
                }
            }
        }
        switch (source) {
            case "jdbc" -> {
                required(options, JDBC_URL, source);
                boolean table = options.getOptional(JDBC_TABLE).isPresent();
                boolean query = options.getOptional(JDBC_QUERY).isPresent();
                if (table == query) {
                    throw new ValidationException(String.format(
                            "Exactly one of 'jdbc.table' and 'jdbc.query' must be set when 'source' = 'jdbc', but %s.",
                            table ? "both were" : "neither was"));
                }
                if (options.get(JDBC_FETCH_SIZE) <= 0) {
                    throw new ValidationException(String.format(
                            "'%s' must be positive, but was '%d'.", JDBC_FETCH_SIZE.key(), options.get(JDBC_FETCH_SIZE)));
                }
            }
            case "file" -> {
                required(options, PATH, source);
                required(options, FactoryUtil.FORMAT, source);
            }
            default -> {
                String catalog = options.get(ICEBERG_CATALOG_TYPE).toLowerCase(Locale.ROOT);
                oneOf(ICEBERG_CATALOG_TYPE, catalog, List.of("hadoop", "rest"));
                required(options, ICEBERG_TABLE, source);
                required(options, "hadoop".equals(catalog) ? ICEBERG_WAREHOUSE : ICEBERG_URI,
                        source + "' and '" + ICEBERG_CATALOG_TYPE.key() + "' = '" + catalog);
            }
        }
        if (!"file".equals(source)) {
            for (RowType.RowField f : rowType.getFields()) {
                if (!TYPED_SOURCE_TYPES.contains(f.getType().getTypeRoot())) {
                    throw new ValidationException(String.format(
                            "Column '%s' has type %s, which 'source' = '%s' does not support.",
                            f.getName(), f.getType().asSummaryString(), source));
                }
            }
        }
        positive(REFRESH_INTERVAL, options.get(REFRESH_INTERVAL));
        positive(REFRESH_RETRY_BACKOFF, options.get(REFRESH_RETRY_BACKOFF));
        positive(REFRESH_FIRST_LOAD_TIMEOUT, options.get(REFRESH_FIRST_LOAD_TIMEOUT));
        oneOf(REFRESH_ON_FAILURE, options.get(REFRESH_ON_FAILURE).toLowerCase(Locale.ROOT), List.of("keep-last", "fail"));
        oneOf(REFRESH_ON_STALE, options.get(REFRESH_ON_STALE).toLowerCase(Locale.ROOT), List.of("warn", "fail"));
        options.getOptional(REFRESH_MAX_STALENESS).ifPresent(max -> {
            if (max.compareTo(options.get(REFRESH_INTERVAL)) <= 0) {
                throw new ValidationException(String.format(
                        "'%s' must be longer than 'refresh.interval' (%s), but was '%s'.",
                        REFRESH_MAX_STALENESS.key(), options.get(REFRESH_INTERVAL), max));
            }
        });
        double ratio = options.get(REFRESH_MIN_ROW_RATIO);
        if (!(ratio >= 0 && ratio <= 1)) {
            throw new ValidationException(String.format(
                    "'%s' must be between 0 and 1, but was '%s'.", REFRESH_MIN_ROW_RATIO.key(), ratio));
        }
    }

    private static void oneOf(ConfigOption<String> option, String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            throw new ValidationException(String.format(
                    "'%s' must be one of %s, but was '%s'.", option.key(), allowed, value));
        }
    }

    private static void required(ReadableConfig options, ConfigOption<String> option, String when) {
        if (options.getOptional(option).isEmpty()) {
            throw new ValidationException(String.format(
                    "'%s' is required when 'source' = '%s'.", option.key(), when));
        }
    }

    private static void positive(ConfigOption<Duration> option, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new ValidationException(String.format(
                    "'%s' must be positive, but was '%s'.", option.key(), value));
        }
    }
}
