package dev.sqlpack.connector.sideinput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericAppenderFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.encryption.EncryptedFiles;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.hadoop.HadoopCatalog;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IcebergLookupJoinITCase {
    private static final Schema SCHEMA = new Schema(
            Types.NestedField.required(1, "id", Types.LongType.get()),
            Types.NestedField.optional(2, "tier", Types.StringType.get()),
            Types.NestedField.optional(3, "country", Types.StringType.get()));

    @TempDir
    Path warehouse;

    /** Replaces the table's contents in one commit: a new current snapshot. */
    private static void overwrite(Table table, String tierOfCustomer1) throws Exception {
        GenericAppenderFactory appenders = new GenericAppenderFactory(SCHEMA);
        DataWriter<Record> writer = appenders.newDataWriter(EncryptedFiles.plainAsEncryptedOutput(
                table.io().newOutputFile(table.location() + "/data/" + UUID.randomUUID() + ".parquet")),
                FileFormat.PARQUET, null);
        try (writer) {
            for (Object[] row : List.of(new Object[] {1L, tierOfCustomer1, "DE"}, new Object[] {2L, "silver", "DE"},
                    new Object[] {3L, "bronze", null})) {
                GenericRecord r = GenericRecord.create(SCHEMA);
                r.set(0, row[0]);
                r.set(1, row[1]);
                r.set(2, row[2]);
                writer.write(r);
            }
        }
        DataFile file = writer.toDataFile();
        table.newOverwrite().overwriteByRowFilter(Expressions.alwaysTrue()).addFile(file).commit();
    }

    @Test
    void reloadsOnlyWhenTheCurrentSnapshotChanges() throws Exception {
        Table table;
        try (HadoopCatalog catalog = new HadoopCatalog(new Configuration(), warehouse.toUri().toString())) {
            catalog.createNamespace(Namespace.of("db"));
            table = catalog.createTable(TableIdentifier.of("db", "customers"), SCHEMA, PartitionSpec.unpartitioned());
        }
        overwrite(table, "gold");
        try (LookupJoin join = new LookupJoin()) {
            join.env().executeSql("CREATE TABLE customers (id BIGINT, tier STRING, country STRING) WITH ("
                    + " 'connector' = 'side-input', 'source' = 'iceberg',"
                    + " 'iceberg.warehouse' = '" + warehouse.toUri() + "', 'iceberg.table' = 'db.customers',"
                    + " 'refresh.interval' = '200ms')");
            join.start("SELECT e.customer_id, c.tier, c.country FROM events AS e"
                    + " JOIN customers FOR SYSTEM_TIME AS OF e.proc_time AS c ON e.customer_id = c.id");
            join.awaitRow("for customer 1", r -> r.toString().equals("+I[1, gold, DE]"));
            join.awaitRow("for customer 3", r -> r.toString().equals("+I[3, bronze, null]"));
            await().atMost(LookupJoin.DEADLINE).until(() -> LookupJoin.sharedStore().unchangedChecks() >= 3);
            assertThat(LookupJoin.sharedStore().loads()).isEqualTo(1);

            overwrite(table, "platinum");
            join.awaitRow("with the new tier", r -> r.toString().equals("+I[1, platinum, DE]"));
            assertThat(LookupJoin.sharedStore().loads()).isEqualTo(2);
        }
    }
}
