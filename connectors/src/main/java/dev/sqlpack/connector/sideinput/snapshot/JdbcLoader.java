package dev.sqlpack.connector.sideinput.snapshot;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;

/** Reads a table or query with a streaming cursor (auto-commit off, a fetch size). */
final class JdbcLoader implements SnapshotLoader {
    private final JdbcSpec spec;
    private final String table;
    private final String query;
    private final RowType rowType;

    JdbcLoader(JdbcSpec spec, RowType rowType) {
        this.spec = spec;
        this.table = spec.table();
        this.query = spec.query();
        this.rowType = rowType;
    }

    @Override
    public String describe() {
        return "jdbc " + spec.maskedUrl() + " " + (table != null ? "table " + table : "query [" + query + "]");
    }

    @Override
    public String currentVersion() throws SQLException {
        if (spec.versionQuery() == null) {
            return null;
        }
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(spec.versionQuery())) {
            return rs.next() ? String.valueOf(rs.getObject(1)) : "";
        }
    }

    @Override
    public void load(Consumer<RowData> sink) throws SQLException {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            String sql = table != null ? selectDeclaredColumns(c) : query;
            try (Statement s = c.createStatement()) {
                s.setFetchSize(spec.fetchSize());
                try (ResultSet rs = s.executeQuery(sql)) {
                    int[] columns = columnPositions(rs.getMetaData());
                    Reader[] readers = new Reader[columns.length];
                    for (int i = 0; i < readers.length; i++) {
                        readers[i] = reader(rowType.getTypeAt(i));
                    }
                    GenericRowData row = new GenericRowData(columns.length);
                    while (rs.next()) {
                        for (int i = 0; i < columns.length; i++) {
                            row.setField(i, readers[i].read(rs, columns[i]));
                        }
                        sink.accept(row);
                    }
                }
            } finally {
                c.rollback();
            }
        }
    }

    /** Reads only the declared columns, spelled as the database spells them. */
    private String selectDeclaredColumns(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            ResultSetMetaData meta = rs.getMetaData();
            int[] positions = columnPositions(meta);
            String quote = c.getMetaData().getIdentifierQuoteString().trim();
            StringBuilder select = new StringBuilder("SELECT ");
            for (int i = 0; i < positions.length; i++) {
                String name = meta.getColumnName(positions[i]);
                select.append(i == 0 ? "" : ", ").append(quote).append(name.replace(quote, quote + quote)).append(quote);
            }
            return select.append(" FROM ").append(table).toString();
        }
    }

    private int[] columnPositions(ResultSetMetaData meta) throws SQLException {
        Map<String, Integer> byName = new HashMap<>();
        for (int i = meta.getColumnCount(); i >= 1; i--) {
            byName.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), i);
        }
        int[] positions = new int[rowType.getFieldCount()];
        for (int i = 0; i < positions.length; i++) {
            Integer p = byName.get(rowType.getFieldNames().get(i).toLowerCase(Locale.ROOT));
            if (p == null) {
                throw new SchemaMismatchException("column '" + rowType.getFieldNames().get(i)
                        + "' is declared in the table but the source does not return it; it returns "
                        + byName.keySet());
            }
            positions[i] = p;
        }
        return positions;
    }

    private Connection connect() throws SQLException {
        Properties props = new Properties();
        if (spec.username() != null) {
            props.setProperty("user", spec.username());
        }
        if (spec.password() != null) {
            props.setProperty("password", spec.password().reveal());
        }
        // the connector's own class loader first: DriverManager only sees drivers of the caller's loader
        for (Driver d : ServiceLoader.load(Driver.class, JdbcLoader.class.getClassLoader())) {
            if (d.acceptsURL(spec.url())) {
                Connection c = d.connect(spec.url(), props);
                if (c != null) {
                    return c;
                }
            }
        }
        return DriverManager.getConnection(spec.url(), props);
    }

    @FunctionalInterface
    private interface Reader {
        Object read(ResultSet rs, int column) throws SQLException;
    }

    /** JDBC value to Flink's internal representation; null-safe. */
    static Reader reader(LogicalType type) {
        return switch (ColumnType.require(type, SourceSpec.Kind.JDBC)) {
            case BOOLEAN -> (rs, c) -> nullable(rs, rs.getBoolean(c));
            case TINYINT -> (rs, c) -> nullable(rs, rs.getByte(c));
            case SMALLINT -> (rs, c) -> nullable(rs, rs.getShort(c));
            case INT -> (rs, c) -> nullable(rs, rs.getInt(c));
            case BIGINT -> (rs, c) -> nullable(rs, rs.getLong(c));
            case FLOAT -> (rs, c) -> nullable(rs, rs.getFloat(c));
            case DOUBLE -> (rs, c) -> nullable(rs, rs.getDouble(c));
            case DECIMAL -> {
                DecimalType d = (DecimalType) type;
                yield (rs, c) -> {
                    BigDecimal v = rs.getBigDecimal(c);
                    return v == null ? null : DecimalData.fromBigDecimal(v, d.getPrecision(), d.getScale());
                };
            }
            case CHAR, VARCHAR -> (rs, c) -> {
                String v = rs.getString(c);
                return v == null ? null : StringData.fromString(v);
            };
            case BINARY -> ResultSet::getBytes;
            case DATE -> (rs, c) -> {
                LocalDate v = rs.getObject(c, LocalDate.class);
                return v == null ? null : (int) v.toEpochDay();
            };
            case TIME -> (rs, c) -> {
                LocalTime v = rs.getObject(c, LocalTime.class);
                return v == null ? null : (int) (v.toNanoOfDay() / 1_000_000);
            };
            case TIMESTAMP -> (rs, c) -> {
                LocalDateTime v = rs.getObject(c, LocalDateTime.class);
                return v == null ? null : TimestampData.fromLocalDateTime(v);
            };
            case TIMESTAMP_LTZ -> (rs, c) -> {
                OffsetDateTime v = rs.getObject(c, OffsetDateTime.class);
                return v == null ? null : TimestampData.fromInstant(v.toInstant());
            };
        };
    }

    private static Object nullable(ResultSet rs, Object value) throws SQLException {
        return rs.wasNull() ? null : value;
    }
}
