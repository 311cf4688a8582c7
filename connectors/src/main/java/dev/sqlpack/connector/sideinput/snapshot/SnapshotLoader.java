package dev.sqlpack.connector.sideinput.snapshot;

import java.util.function.Consumer;
import javax.annotation.Nullable;
import org.apache.flink.table.data.RowData;

/** Reads one whole version of a source. Called from one refresh thread at a time. */
public interface SnapshotLoader extends AutoCloseable {

    /**
     * A cheap token that changes whenever the data changes (file size and time, Iceberg snapshot
     * id, the JDBC version query), or {@code null} when the source cannot tell: then every check
     * reloads.
     */
    @Nullable
    String currentVersion() throws Exception;

    /** Streams every row, in the declared row type, to {@code sink}; rows may be reused. */
    void load(Consumer<RowData> sink) throws Exception;

    /** Names the source in errors and logs; never contains a password. */
    String describe();

    @Override
    default void close() throws Exception {}
}
