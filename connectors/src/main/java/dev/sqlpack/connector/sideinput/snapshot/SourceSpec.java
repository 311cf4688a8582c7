package dev.sqlpack.connector.sideinput.snapshot;

import java.io.Serializable;
import java.util.Locale;

/** Where a side-input table's rows come from, as validated, typed values. */
public sealed interface SourceSpec extends Serializable permits JdbcSpec, FileSpec, IcebergSpec {

    /** The values of the {@code 'source'} option. */
    enum Kind {
        JDBC, ICEBERG, FILE;

        /** The option's spelling: {@code jdbc}, {@code iceberg}, {@code file}. */
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    Kind kind();

    /**
     * Everything that makes two sources read different rows, without any secret in clear text:
     * the key of the per-JVM shared snapshot.
     */
    String identity();
}
