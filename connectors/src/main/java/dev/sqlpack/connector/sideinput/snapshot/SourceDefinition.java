package dev.sqlpack.connector.sideinput.snapshot;

import dev.sqlpack.connector.sideinput.SideInputOptions;
import java.io.Serializable;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.annotation.Nullable;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

/**
 * Everything that defines one shared snapshot: the table's options and its declared row type
 * (plus, for files, the format's decoder). Equal definitions share one snapshot per JVM.
 */
public final class SourceDefinition implements Serializable {
    private static final long serialVersionUID = 1L;

    private final TreeMap<String, String> options;
    private final RowType rowType;
    private final @Nullable DeserializationSchema<RowData> format;

    public SourceDefinition(Map<String, String> options, RowType rowType,
            @Nullable DeserializationSchema<RowData> format) {
        this.options = new TreeMap<>(options);
        this.rowType = rowType;
        this.format = format;
    }

    public Configuration config() {
        return Configuration.fromMap(options);
    }

    public String source() {
        return config().get(SideInputOptions.SOURCE).toLowerCase(Locale.ROOT);
    }

    public RowType rowType() {
        return rowType;
    }

    @Nullable
    public DeserializationSchema<RowData> format() {
        return format;
    }

    /** The registry key: options and schema; the password takes part but never leaves memory. */
    public String identity() {
        return options + "|" + rowType;
    }

    public RefreshPolicy policy() {
        Configuration c = config();
        return new RefreshPolicy(
                c.get(SideInputOptions.REFRESH_INTERVAL),
                c.get(SideInputOptions.REFRESH_JITTER),
                "fail".equalsIgnoreCase(c.get(SideInputOptions.REFRESH_ON_FAILURE))
                        ? RefreshPolicy.OnFailure.FAIL : RefreshPolicy.OnFailure.KEEP_LAST,
                c.get(SideInputOptions.REFRESH_RETRY_BACKOFF),
                c.get(SideInputOptions.REFRESH_MAX_STALENESS),
                "fail".equalsIgnoreCase(c.get(SideInputOptions.REFRESH_ON_STALE))
                        ? RefreshPolicy.OnStale.FAIL : RefreshPolicy.OnStale.WARN,
                c.get(SideInputOptions.REFRESH_MIN_ROW_RATIO),
                c.get(SideInputOptions.REFRESH_FIRST_LOAD_TIMEOUT));
    }

    /** A loader for this source. Iceberg classes are touched only when the source is 'iceberg'. */
    public SnapshotLoader createLoader() {
        switch (source()) {
            case "jdbc":
                return new JdbcLoader(config(), rowType);
            case "file":
                return new FileLoader(config(), format);
            case "iceberg":
                try {
                    return (SnapshotLoader) Class.forName(SourceDefinition.class.getPackageName() + ".IcebergLoader",
                                    true, SourceDefinition.class.getClassLoader())
                            .getConstructor(Configuration.class, RowType.class)
                            .newInstance(config(), rowType);
                } catch (NoClassDefFoundError | ReflectiveOperationException e) {
                    Throwable cause = e.getCause() != null ? e.getCause() : e;
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IllegalStateException("'source' = 'iceberg' needs iceberg-flink-runtime-2.0 and"
                            + " the Hadoop client jars on the TaskManager class path: " + cause, cause);
                }
            default:
                throw new IllegalArgumentException("unknown source: " + source());
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
}
