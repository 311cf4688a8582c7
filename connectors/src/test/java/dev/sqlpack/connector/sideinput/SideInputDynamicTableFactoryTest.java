package dev.sqlpack.connector.sideinput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlpack.connector.sideinput.snapshot.FileSpec;
import dev.sqlpack.connector.sideinput.snapshot.IcebergSpec;
import dev.sqlpack.connector.sideinput.snapshot.JdbcSpec;
import dev.sqlpack.connector.sideinput.snapshot.RefreshPolicy;
import dev.sqlpack.connector.sideinput.snapshot.Secret;
import dev.sqlpack.connector.sideinput.snapshot.SideInputConfig;
import dev.sqlpack.connector.sideinput.snapshot.SourceDefinition;
import dev.sqlpack.connector.sideinput.source.SideInputTableSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.factories.utils.FactoryMocks;
import org.junit.jupiter.api.Test;

class SideInputDynamicTableFactoryTest {
    private static final ResolvedSchema SCHEMA = ResolvedSchema.of(
            Column.physical("id", DataTypes.BIGINT()),
            Column.physical("tier", DataTypes.STRING()),
            Column.physical("updated_at", DataTypes.TIMESTAMP(3)));

    private static Map<String, String> jdbc() {
        Map<String, String> o = new HashMap<>();
        o.put("connector", "side-input");
        o.put("source", "jdbc");
        o.put("jdbc.url", "jdbc:postgresql://127.0.0.1:5432/app");
        o.put("jdbc.table", "customers");
        return o;
    }

    private static Map<String, String> with(Map<String, String> options, String... keyValues) {
        Map<String, String> o = new HashMap<>(options);
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] == null) {
                o.remove(keyValues[i]);
            } else {
                o.put(keyValues[i], keyValues[i + 1]);
            }
        }
        return o;
    }

    private static void assertRejected(Map<String, String> options, String message) {
        assertRejected(SCHEMA, options, message);
    }

    private static void assertRejected(ResolvedSchema schema, Map<String, String> options, String message) {
        assertThatThrownBy(() -> FactoryMocks.createTableSource(schema, options))
                .isInstanceOf(ValidationException.class)
                .rootCause()
                .isInstanceOf(ValidationException.class)
                .hasMessage(message);
    }

    private static final RefreshPolicy DEFAULT_REFRESH = new RefreshPolicy(Duration.ofHours(1), Duration.ZERO,
            RefreshPolicy.OnFailure.KEEP_LAST, Duration.ofSeconds(30), null, RefreshPolicy.OnStale.WARN, 0.0,
            Duration.ofMinutes(5));

    private static SideInputTableSource expected(SideInputConfig config) {
        return new SideInputTableSource(config, SCHEMA.toPhysicalRowDataType(), null);
    }

    @Test
    void createsALookupSourceFromValidJdbcOptions() {
        Map<String, String> options = with(jdbc(), "refresh.interval", "3h", "refresh.jitter", "5m",
                "refresh.on-failure", "keep-last", "refresh.max-staleness", "12h", "refresh.min-row-ratio", "0.5");
        DynamicTableSource source = FactoryMocks.createTableSource(SCHEMA, options);
        assertThat(source).isEqualTo(expected(new SideInputConfig(
                new JdbcSpec("jdbc:postgresql://127.0.0.1:5432/app", "customers", null, null, null, null, 10_000),
                new RefreshPolicy(Duration.ofHours(3), Duration.ofMinutes(5), RefreshPolicy.OnFailure.KEEP_LAST,
                        Duration.ofSeconds(30), Duration.ofHours(12), RefreshPolicy.OnStale.WARN, 0.5,
                        Duration.ofMinutes(5)))));
    }

    @Test
    void parsesEnumLikeOptionsIgnoringCase() {
        Map<String, String> options = with(jdbc(), "source", "JDBC", "refresh.on-failure", "Fail",
                "refresh.on-stale", "FAIL", "jdbc.query", "SELECT 1", "jdbc.table", null, "jdbc.username", "app",
                "jdbc.password", "s3cret", "jdbc.version-query", "SELECT 2", "jdbc.fetch-size", "7");
        assertThat(FactoryMocks.createTableSource(SCHEMA, options)).isEqualTo(expected(new SideInputConfig(
                new JdbcSpec("jdbc:postgresql://127.0.0.1:5432/app", null, "SELECT 1", "app", Secret.ofNullable("s3cret"),
                        "SELECT 2", 7),
                new RefreshPolicy(Duration.ofHours(1), Duration.ZERO, RefreshPolicy.OnFailure.FAIL,
                        Duration.ofSeconds(30), null, RefreshPolicy.OnStale.FAIL, 0.0, Duration.ofMinutes(5)))));
    }

    @Test
    void createsALookupSourceFromValidFileOptions() {
        Map<String, String> options = Map.of("connector", "side-input", "source", "file", "path", "/tmp/c.csv",
                "format", "csv", "csv.field-delimiter", ";");
        assertThat(FactoryMocks.createTableSource(SCHEMA, options)).isInstanceOf(SideInputTableSource.class);
        assertThat(SideInputConfigParser.parse(options, rowType())).isEqualTo(new SideInputConfig(
                new FileSpec("/tmp/c.csv", "csv", Map.of("csv.field-delimiter", ";")), DEFAULT_REFRESH));
    }

    @Test
    void createsALookupSourceFromValidIcebergOptions() {
        Map<String, String> options = Map.of("connector", "side-input", "source", "iceberg",
                "iceberg.catalog-type", "REST", "iceberg.uri", "http://127.0.0.1:8181", "iceberg.table", "db.customers");
        assertThat(FactoryMocks.createTableSource(SCHEMA, options)).isEqualTo(expected(new SideInputConfig(
                new IcebergSpec(IcebergSpec.CatalogType.REST, null, "http://127.0.0.1:8181", "db.customers"),
                DEFAULT_REFRESH)));
    }

    @Test
    void keepsTheJdbcPasswordOutOfEveryStringButTellsPasswordsApart() {
        Map<String, String> options = with(jdbc(), "jdbc.password", "s3cret",
                "jdbc.url", "jdbc:postgresql://127.0.0.1:5432/app?password=urlsecret");
        SourceDefinition one = new SourceDefinition(SideInputConfigParser.parse(options, rowType()), rowType(), null);
        SourceDefinition other = new SourceDefinition(
                SideInputConfigParser.parse(with(options, "jdbc.password", "other"), rowType()), rowType(), null);
        SourceDefinition same = new SourceDefinition(SideInputConfigParser.parse(options, rowType()), rowType(), null);

        for (String shown : new String[] {one.identity(), one.toString(), one.config().toString(),
                one.createLoader().describe()}) {
            assertThat(shown).doesNotContain("s3cret").doesNotContain("urlsecret");
        }
        assertThat(one.identity()).isNotEqualTo(other.identity()).isEqualTo(same.identity());
        assertThat(one).isNotEqualTo(other).isEqualTo(same);
    }

    @Test
    void tellsFilesWithDifferentFormatOptionsApart() {
        Map<String, String> options = Map.of("connector", "side-input", "source", "file", "path", "/tmp/c.csv",
                "format", "csv", "csv.field-delimiter", ";");
        SideInputConfig semicolon = SideInputConfigParser.parse(options, rowType());
        SideInputConfig comma = SideInputConfigParser.parse(with(options, "csv.field-delimiter", ","), rowType());
        assertThat(semicolon.identity()).isNotEqualTo(comma.identity());
    }

    private static RowType rowType() {
        return (RowType) SCHEMA.toPhysicalRowDataType().getLogicalType();
    }

    @Test
    void rejectsAnUnknownSource() {
        assertRejected(with(jdbc(), "source", "kafka"), "'source' must be one of [jdbc, iceberg, file], but was 'kafka'.");
    }

    @Test
    void rejectsAnOptionOfAnotherSource() {
        assertRejected(with(jdbc(), "path", "/tmp/c.csv"), "'path' does not apply when 'source' = 'jdbc'.");
    }

    @Test
    void requiresTheJdbcUrl() {
        assertRejected(with(jdbc(), "jdbc.url", null), "'jdbc.url' is required when 'source' = 'jdbc'.");
    }

    @Test
    void requiresATableOrAQuery() {
        assertRejected(with(jdbc(), "jdbc.table", null),
                "Exactly one of 'jdbc.table' and 'jdbc.query' must be set when 'source' = 'jdbc', but neither was.");
    }

    @Test
    void rejectsBothATableAndAQuery() {
        assertRejected(with(jdbc(), "jdbc.query", "SELECT 1"),
                "Exactly one of 'jdbc.table' and 'jdbc.query' must be set when 'source' = 'jdbc', but both were.");
    }

    @Test
    void rejectsANonPositiveFetchSize() {
        assertRejected(with(jdbc(), "jdbc.fetch-size", "0"), "'jdbc.fetch-size' must be positive, but was '0'.");
    }

    @Test
    void requiresTheFilePath() {
        assertRejected(Map.of("connector", "side-input", "source", "file", "format", "csv"),
                "'path' is required when 'source' = 'file'.");
    }

    @Test
    void requiresTheFileFormat() {
        assertRejected(Map.of("connector", "side-input", "source", "file", "path", "/tmp/c.csv"),
                "'format' is required when 'source' = 'file'.");
    }

    @Test
    void rejectsAnUnknownIcebergCatalogType() {
        assertRejected(Map.of("connector", "side-input", "source", "iceberg", "iceberg.catalog-type", "hive",
                        "iceberg.table", "db.customers"),
                "'iceberg.catalog-type' must be one of [hadoop, rest], but was 'hive'.");
    }

    @Test
    void requiresTheIcebergTable() {
        assertRejected(Map.of("connector", "side-input", "source", "iceberg", "iceberg.warehouse", "/tmp/wh"),
                "'iceberg.table' is required when 'source' = 'iceberg'.");
    }

    @Test
    void requiresTheWarehouseOfAHadoopCatalog() {
        assertRejected(Map.of("connector", "side-input", "source", "iceberg", "iceberg.table", "db.customers"),
                "'iceberg.warehouse' is required when 'source' = 'iceberg' and 'iceberg.catalog-type' = 'hadoop'.");
    }

    @Test
    void requiresTheUriOfARestCatalog() {
        assertRejected(Map.of("connector", "side-input", "source", "iceberg", "iceberg.catalog-type", "rest",
                        "iceberg.table", "db.customers"),
                "'iceberg.uri' is required when 'source' = 'iceberg' and 'iceberg.catalog-type' = 'rest'.");
    }

    @Test
    void rejectsAColumnTypeTheSourceCannotRead() {
        ResolvedSchema schema = ResolvedSchema.of(Column.physical("id", DataTypes.BIGINT()),
                Column.physical("tags", DataTypes.ARRAY(DataTypes.STRING())));
        assertRejected(schema, jdbc(), "Column 'tags' has type ARRAY<STRING>, which 'source' = 'jdbc' does not support.");
    }

    @Test
    void rejectsANonPositiveRefreshInterval() {
        assertRejected(with(jdbc(), "refresh.interval", "0s"), "'refresh.interval' must be positive, but was 'PT0S'.");
    }

    @Test
    void rejectsANonPositiveRetryBackoff() {
        assertRejected(with(jdbc(), "refresh.retry-backoff", "0ms"),
                "'refresh.retry-backoff' must be positive, but was 'PT0S'.");
    }

    @Test
    void rejectsANonPositiveFirstLoadTimeout() {
        assertRejected(with(jdbc(), "refresh.first-load-timeout", "0s"),
                "'refresh.first-load-timeout' must be positive, but was 'PT0S'.");
    }

    @Test
    void rejectsAnUnknownFailureAction() {
        assertRejected(with(jdbc(), "refresh.on-failure", "retry"),
                "'refresh.on-failure' must be one of [keep-last, fail], but was 'retry'.");
    }

    @Test
    void rejectsAnUnknownStaleAction() {
        assertRejected(with(jdbc(), "refresh.on-stale", "ignore"),
                "'refresh.on-stale' must be one of [warn, fail], but was 'ignore'.");
    }

    @Test
    void rejectsAMaximumStalenessNotLongerThanTheInterval() {
        assertRejected(with(jdbc(), "refresh.interval", "3h", "refresh.max-staleness", "1h"),
                "'refresh.max-staleness' must be longer than 'refresh.interval' (PT3H), but was 'PT1H'.");
    }

    @Test
    void rejectsAMinimumRowRatioOutsideZeroToOne() {
        assertRejected(with(jdbc(), "refresh.min-row-ratio", "1.5"),
                "'refresh.min-row-ratio' must be between 0 and 1, but was '1.5'.");
    }
}
