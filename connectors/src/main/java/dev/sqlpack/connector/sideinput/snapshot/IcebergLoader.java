package dev.sqlpack.connector.sideinput.snapshot;

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
    private final IcebergSpec spec;
    private final RowType rowType;
    private final ColumnType[] columnTypes;
    private Catalog catalog;
    private Table table;

    public IcebergLoader(IcebergSpec spec, RowType rowType) {
        this.spec = spec;
        this.rowType = rowType;
        this.columnTypes = rowType.getChildren().stream()
                .map(t -> ColumnType.require(t, SourceSpec.Kind.ICEBERG)).toArray(ColumnType[]::new);
    }

    @Override
    public String describe() {
        return spec.toString();
    }

    private Table table() {
        if (table == null) {
            Map<String, String> catalogProperties = new HashMap<>();
            if (spec.warehouse() != null) {
                catalogProperties.put(CatalogProperties.WAREHOUSE_LOCATION, spec.warehouse());
            }
            if (spec.uri() != null) {
                catalogProperties.put(CatalogProperties.URI, spec.uri());
            }
            String impl = spec.catalogType() == IcebergSpec.CatalogType.REST ? "org.apache.iceberg.rest.RESTCatalog"
                    : "org.apache.iceberg.hadoop.HadoopCatalog";
            catalog = CatalogUtil.loadCatalog(impl, "side-input", catalogProperties,
                    new org.apache.hadoop.conf.Configuration());
            table = catalog.loadTable(TableIdentifier.parse(spec.table()));
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
                    row.setField(i, convert(r.getField(fieldNames[i]), rowType.getTypeAt(i), columnTypes[i]));
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

    private static Object convert(Object v, LogicalType type, ColumnType columnType) {
        if (v == null) {
            return null;
        }
        return switch (columnType) {
            case CHAR, VARCHAR -> StringData.fromString(v.toString());
            case DECIMAL -> {
                DecimalType d = (DecimalType) type;
                yield DecimalData.fromBigDecimal((BigDecimal) v, d.getPrecision(), d.getScale());
            }
            case DATE -> (int) ((LocalDate) v).toEpochDay();
            case TIME -> (int) (((LocalTime) v).toNanoOfDay() / 1_000_000);
            case TIMESTAMP -> v instanceof OffsetDateTime o ? TimestampData.fromLocalDateTime(o.toLocalDateTime())
                    : TimestampData.fromLocalDateTime((LocalDateTime) v);
            case TIMESTAMP_LTZ -> v instanceof OffsetDateTime o ? TimestampData.fromInstant(o.toInstant())
                    : TimestampData.fromLocalDateTime((LocalDateTime) v);
            case BINARY -> bytes(v);
            case TINYINT -> ((Number) v).byteValue();
            case SMALLINT -> ((Number) v).shortValue();
            case INT -> ((Number) v).intValue();
            case BIGINT -> ((Number) v).longValue();
            case FLOAT -> ((Number) v).floatValue();
            case DOUBLE -> ((Number) v).doubleValue();
            case BOOLEAN -> v;
        };
    }

    private static byte[] bytes(Object v) {
        if (v instanceof UUID u) {
            ByteBuffer b = ByteBuffer.allocate(16);
            b.putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
            return b.array();
        }
        ByteBuffer buf = ((ByteBuffer) v).duplicate();
        byte[] bytes = new byte[buf.remaining()];
        buf.get(bytes);
        return bytes;
    }
}
