package dev.sqlpack.connector.sideinput.snapshot;

import dev.sqlpack.connector.sideinput.SideInputOptions;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;

/**
 * Reads the current snapshot of an Iceberg table through the Iceberg Java API; the snapshot id is
 * the version, so an unchanged table is never re-read. Loaded reflectively: only 'source' =
 * 'iceberg' needs Iceberg on the class path.
 */
public final class IcebergLoader implements SnapshotLoader {
    private final String catalogType;
    private final Map<String, String> catalogProperties = new HashMap<>();
    private final String tableName;
    private final RowType rowType;
    private Catalog catalog;
    private Table table;

    public IcebergLoader(Configuration config, RowType rowType) {
        this.catalogType = config.get(SideInputOptions.ICEBERG_CATALOG_TYPE);
        String warehouse = config.get(SideInputOptions.ICEBERG_WAREHOUSE);
        String uri = config.get(SideInputOptions.ICEBERG_URI);
        if (warehouse != null) {
            catalogProperties.put(CatalogProperties.WAREHOUSE_LOCATION, warehouse);
        }
        if (uri != null) {
            catalogProperties.put(CatalogProperties.URI, uri);
        }
        this.tableName = config.get(SideInputOptions.ICEBERG_TABLE);
        this.rowType = rowType;
    }

    @Override
    public String describe() {
        return "iceberg " + catalogType + " catalog " + catalogProperties.getOrDefault(CatalogProperties.URI,
                catalogProperties.get(CatalogProperties.WAREHOUSE_LOCATION)) + " table " + tableName;
    }

    private Table table() {
        if (table == null) {
            String impl = "rest".equals(catalogType) ? "org.apache.iceberg.rest.RESTCatalog"
                    : "org.apache.iceberg.hadoop.HadoopCatalog";
            catalog = CatalogUtil.loadCatalog(impl, "side-input", catalogProperties,
                    new org.apache.hadoop.conf.Configuration());
            table = catalog.loadTable(TableIdentifier.parse(tableName));
        } else {
            table.refresh();
        }
        return table;
    }

    @Override
    public String currentVersion() {
        Table t = table();
        return t.currentSnapshot() == null ? "empty" : Long.toString(t.currentSnapshot().snapshotId());
    }

    @Override
    public void load(Consumer<RowData> sink) throws Exception {
        Table t = table();
        Schema schema = t.schema();
        List<String> names = rowType.getFieldNames();
        for (String n : names) {
            if (schema.caseInsensitiveFindField(n) == null) {
                throw new SchemaMismatchException("column '" + n + "' is declared in the table but the source"
                        + " has no such column; it has " + schema.columns().stream()
                                .map(Types.NestedField::name).toList());
            }
        }
        String[] fieldNames = new String[names.size()];
        for (int i = 0; i < fieldNames.length; i++) {
            fieldNames[i] = schema.caseInsensitiveFindField(names.get(i)).name();
        }
        IcebergGenerics.ScanBuilder scan = IcebergGenerics.read(t).select(fieldNames);
        if (t.currentSnapshot() != null) {
            scan = scan.useSnapshot(t.currentSnapshot().snapshotId());
        }
        GenericRowData row = new GenericRowData(fieldNames.length);
        try (CloseableIterable<Record> records = scan.build()) {
            for (Record r : records) {
                for (int i = 0; i < fieldNames.length; i++) {
                    row.setField(i, convert(r.getField(fieldNames[i]), rowType.getTypeAt(i)));
                }
                sink.accept(row);
            }
        }
    }

    @Override
    public void close() throws Exception {
        if (catalog instanceof AutoCloseable c) {
            c.close();
        }
    }

    private static Object convert(Object v, LogicalType type) {
        if (v == null) {
            return null;
        }
        switch (type.getTypeRoot()) {
            case CHAR:
            case VARCHAR:
                return StringData.fromString(v.toString());
            case DECIMAL: {
                DecimalType d = (DecimalType) type;
                return DecimalData.fromBigDecimal((BigDecimal) v, d.getPrecision(), d.getScale());
            }
            case DATE:
                return (int) ((LocalDate) v).toEpochDay();
            case TIME_WITHOUT_TIME_ZONE:
                return (int) (((LocalTime) v).toNanoOfDay() / 1_000_000);
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                return v instanceof OffsetDateTime o ? TimestampData.fromLocalDateTime(o.toLocalDateTime())
                        : TimestampData.fromLocalDateTime((LocalDateTime) v);
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                return v instanceof OffsetDateTime o ? TimestampData.fromInstant(o.toInstant())
                        : TimestampData.fromLocalDateTime((LocalDateTime) v);
            case BINARY:
            case VARBINARY:
                if (v instanceof UUID u) {
                    ByteBuffer b = ByteBuffer.allocate(16);
                    b.putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
                    return b.array();
                }
                ByteBuffer buf = ((ByteBuffer) v).duplicate();
                byte[] bytes = new byte[buf.remaining()];
                buf.get(bytes);
                return bytes;
            case TINYINT:
                return ((Number) v).byteValue();
            case SMALLINT:
                return ((Number) v).shortValue();
            case INTEGER:
                return ((Number) v).intValue();
            case BIGINT:
                return ((Number) v).longValue();
            case FLOAT:
                return ((Number) v).floatValue();
            case DOUBLE:
                return ((Number) v).doubleValue();
            case BOOLEAN:
                return v;
            default:
                throw new IllegalArgumentException("type " + type + " is not supported by source 'iceberg'");
        }
    }
}
