package dev.sqlpack.connector.sideinput.snapshot;

import java.util.Locale;
import javax.annotation.Nullable;

/** The current snapshot of an Iceberg table in a Hadoop ({@code warehouse}) or REST ({@code uri}) catalog. */
public record IcebergSpec(CatalogType catalogType, @Nullable String warehouse, @Nullable String uri, String table)
        implements SourceSpec {

    /** The values of {@code 'iceberg.catalog-type'}. */
    public enum CatalogType {
        HADOOP, REST;

        /** The option's spelling: {@code hadoop}, {@code rest}. */
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Override
    public Kind kind() {
        return Kind.ICEBERG;
    }

    /** The catalog's address: the REST URI, else the warehouse. */
    public String location() {
        return uri != null ? uri : warehouse;
    }

    @Override
    public String identity() {
        return "iceberg " + catalogType + " warehouse " + warehouse + " uri " + uri + " table " + table;
    }

    @Override
    public String toString() {
        return "iceberg " + catalogType + " catalog " + location() + " table " + table;
    }
}
