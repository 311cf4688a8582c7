package dev.sqlpack.connector.sideinput.snapshot;

import java.io.Serializable;
import javax.annotation.Nullable;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

/**
 * Everything that defines one shared snapshot: the parsed options and the declared row type
 * (plus, for files, the format's decoder). Equal definitions share one snapshot per JVM.
 */
public final class SourceDefinition implements Serializable {
    private static final long serialVersionUID = 2L;

    private final SideInputConfig config;
    private final RowType rowType;
    private final @Nullable DeserializationSchema<RowData> format;

    public SourceDefinition(SideInputConfig config, RowType rowType, @Nullable DeserializationSchema<RowData> format) {
        this.config = config;
        this.rowType = rowType;
        this.format = format;
    }

    public SideInputConfig config() {
        return config;
    }

    public RowType rowType() {
        return rowType;
    }

    @Nullable
    public DeserializationSchema<RowData> format() {
        return format;
    }

    /** The registry key: source, refresh policy and schema; credentials only as a fingerprint. */
    public String identity() {
        return config.identity() + " | " + rowType;
    }

    public RefreshPolicy policy() {
        return config.refresh();
    }

    /** A loader for this source. Iceberg classes are touched only when the source is 'iceberg'. */
    public SnapshotLoader createLoader() {
        SourceSpec source = config.source();
        switch (source.kind()) {
            case JDBC:
                return new JdbcLoader((JdbcSpec) source, rowType);
            case FILE:
                return new FileLoader((FileSpec) source, format);
            case ICEBERG:
                try {
                    return (SnapshotLoader) Class.forName(SourceDefinition.class.getPackageName() + ".IcebergLoader",
                                    true, SourceDefinition.class.getClassLoader())
                            .getConstructor(IcebergSpec.class, RowType.class)
                            .newInstance(source, rowType);
                } catch (NoClassDefFoundError | ReflectiveOperationException e) {
                    Throwable cause = e.getCause() != null ? e.getCause() : e;
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IllegalStateException("'source' = 'iceberg' needs iceberg-flink-runtime-2.0 and"
                            + " the Hadoop client jars on the TaskManager class path: " + cause, cause);
                }
            default:
                throw new IllegalArgumentException("unknown source: " + source.kind());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SourceDefinition d && identity().equals(d.identity());
    }

    @Override
    public int hashCode() {
        return identity().hashCode();
    }

    @Override
    public String toString() {
        return identity();
    }
}
