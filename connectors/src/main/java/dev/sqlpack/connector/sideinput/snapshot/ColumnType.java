package dev.sqlpack.connector.sideinput.snapshot;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;

/**
 * The column types that the typed sources ('jdbc', 'iceberg') read: the one list behind the
 * factory's validation, both loaders (each converts with a switch over this enum, so a new
 * constant does not compile until every loader reads it) and the docs (checked by a test).
 * 'file' sources read whatever their Flink format reads.
 */
public enum ColumnType {
    BOOLEAN("BOOLEAN", LogicalTypeRoot.BOOLEAN),
    TINYINT("TINYINT", LogicalTypeRoot.TINYINT),
    SMALLINT("SMALLINT", LogicalTypeRoot.SMALLINT),
    INT("INT", LogicalTypeRoot.INTEGER),
    BIGINT("BIGINT", LogicalTypeRoot.BIGINT),
    FLOAT("FLOAT", LogicalTypeRoot.FLOAT),
    DOUBLE("DOUBLE", LogicalTypeRoot.DOUBLE),
    DECIMAL("DECIMAL", LogicalTypeRoot.DECIMAL),
    CHAR("CHAR", LogicalTypeRoot.CHAR),
    VARCHAR("VARCHAR/STRING", LogicalTypeRoot.VARCHAR),
    BINARY("BINARY/VARBINARY/BYTES", LogicalTypeRoot.BINARY, LogicalTypeRoot.VARBINARY),
    DATE("DATE", LogicalTypeRoot.DATE),
    TIME("TIME", LogicalTypeRoot.TIME_WITHOUT_TIME_ZONE),
    TIMESTAMP("TIMESTAMP", LogicalTypeRoot.TIMESTAMP_WITHOUT_TIME_ZONE),
    TIMESTAMP_LTZ("TIMESTAMP_LTZ", LogicalTypeRoot.TIMESTAMP_WITH_LOCAL_TIME_ZONE);

    private static final Map<LogicalTypeRoot, ColumnType> BY_ROOT = new EnumMap<>(LogicalTypeRoot.class);

    static {
        for (ColumnType t : values()) {
            for (LogicalTypeRoot r : t.roots) {
                BY_ROOT.put(r, t);
            }
        }
    }

    private final String sqlNames;
    private final LogicalTypeRoot[] roots;

    ColumnType(String sqlNames, LogicalTypeRoot... roots) {
        this.sqlNames = sqlNames;
        this.roots = roots;
    }

    /** The column type of {@code type}, empty when the typed sources cannot read it. */
    public static Optional<ColumnType> of(LogicalType type) {
        return Optional.ofNullable(BY_ROOT.get(type.getTypeRoot()));
    }

    /** The column type of {@code type}; the factory has rejected every other type before a loader runs. */
    static ColumnType require(LogicalType type, SourceSpec.Kind source) {
        return of(type).orElseThrow(() -> new IllegalArgumentException(
                "type " + type + " is not supported by source '" + source + "'"));
    }

    /** The list as the docs show it: {@code BOOLEAN, TINYINT, ..., TIMESTAMP_LTZ}. */
    public static String documented() {
        return Arrays.stream(values()).map(t -> t.sqlNames).collect(Collectors.joining(", "));
    }
}
