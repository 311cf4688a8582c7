package dev.sqlpack.connector.sideinput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sqlpack.stack.postgres.PostgresServer;
import dev.sqlpack.testkit.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcLookupJoinITCase {
    @TempDir
    static Path temp;

    private static Path dataDir;
    private static PostgresServer postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        dataDir = temp.resolve("pg");
        postgres = TestPostgres.start(dataDir);
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.stop();
        }
    }

    @BeforeEach
    void createCustomers() throws SQLException {
        sql("DROP TABLE IF EXISTS customers",
                "CREATE TABLE customers (id BIGINT PRIMARY KEY, tier TEXT, country TEXT, score NUMERIC(10,2),"
                        + " since DATE, updated_at TIMESTAMP)",
                "INSERT INTO customers VALUES (1, 'gold', 'DE', 1.50, '2020-01-01', now()),"
                        + " (2, 'silver', 'DE', 2.25, '2021-02-02', now()), (3, 'bronze', 'FR', NULL, NULL, now())");
    }

    private static void sql(String... statements) throws SQLException {
        try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private static String customersTable(String extraColumns, String extraOptions) {
        return "CREATE TABLE customers (id BIGINT, tier STRING, country STRING, score DECIMAL(10, 2), since DATE,"
                + " updated_at TIMESTAMP(3)" + extraColumns + ", PRIMARY KEY (id) NOT ENFORCED) WITH ("
                + " 'connector' = 'side-input', 'source' = 'jdbc',"
                + " 'jdbc.url' = '" + postgres.jdbcUrl() + "', 'jdbc.table' = 'customers',"
                + " 'refresh.interval' = '300ms', 'refresh.retry-backoff' = '100ms'" + extraOptions + ")";
    }

    @Test
    void seesUpdatedRowsAfterTheNextRefresh() throws Exception {
        try (LookupJoin join = new LookupJoin()) {
            join.env().executeSql(customersTable("", ""));
            join.start("SELECT e.customer_id, c.tier, c.score, c.since FROM events AS e"
                    + " JOIN customers FOR SYSTEM_TIME AS OF e.proc_time AS c ON e.customer_id = c.id");
            Row gold = join.awaitRow("for customer 1", r -> r.getFieldAs(0).equals(1L));
            assertThat(gold.toString()).isEqualTo("+I[1, gold, 1.50, 2020-01-01]");
            join.awaitRow("for customer 3 with NULLs", r -> r.toString().equals("+I[3, bronze, null, null]"));

            sql("UPDATE customers SET tier = 'platinum' WHERE id = 1");
            join.awaitRow("with the new tier", r -> "platinum".equals(r.getField(1)));
            assertThat(LookupJoin.sharedStore().loads()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void returnsEveryMatchOfANonUniqueColumn() throws Exception {
        try (LookupJoin join = new LookupJoin()) {
            join.env().executeSql(customersTable("", ""));
            join.env().executeSql("CREATE TEMPORARY VIEW countries AS SELECT customer_id,"
                    + " CASE WHEN customer_id = 3 THEN 'FR' ELSE 'DE' END AS country, proc_time FROM events");
            join.start("SELECT e.country, c.id FROM countries AS e"
                    + " JOIN customers FOR SYSTEM_TIME AS OF e.proc_time AS c ON e.country = c.country");
            List<Row> rows = join.next(200);
            assertThat(rows).extracting(Row::toString).containsOnly("+I[DE, 1]", "+I[DE, 2]", "+I[FR, 3]")
                    .contains("+I[DE, 1]", "+I[DE, 2]", "+I[FR, 3]");
        }
    }

    @Test
    void skipsReloadsWhileTheVersionQueryIsUnchanged() throws Exception {
        try (LookupJoin join = new LookupJoin()) {
            join.env().executeSql(customersTable("",
                    ", 'jdbc.version-query' = 'SELECT max(updated_at) FROM customers'"));
            join.start("SELECT e.customer_id, c.tier FROM events AS e"
                    + " JOIN customers FOR SYSTEM_TIME AS OF e.proc_time AS c ON e.customer_id = c.id");
            join.awaitRow("for customer 1", r -> r.getFieldAs(0).equals(1L));
            await().atMost(LookupJoin.DEADLINE).until(() -> LookupJoin.sharedStore().unchangedChecks() >= 3);
            assertThat(LookupJoin.sharedStore().loads()).isEqualTo(1);

            sql("UPDATE customers SET tier = 'platinum', updated_at = now() + interval '1 minute' WHERE id = 1");
            join.awaitRow("with the new tier", r -> "platinum".equals(r.getField(1)));
            assertThat(LookupJoin.sharedStore().loads()).isEqualTo(2);
        }
    }

    @Test
    void failsAtJobStartNamingADeclaredColumnTheTableLacks() throws Exception {
        try (LookupJoin join = new LookupJoin()) {
            join.env().executeSql(customersTable(", segment STRING", ""));
            assertThatThrownBy(() -> join.start("SELECT e.customer_id, c.segment FROM events AS e"
                            + " JOIN customers FOR SYSTEM_TIME AS OF e.proc_time AS c ON e.customer_id = c.id")
                    .next(1))
                    .hasStackTraceContaining("table customers: first load failed: column 'segment' is declared"
                            + " in the table but the source does not return it");
        }
    }

    @Test
    void keepsServingTheLastSnapshotWhilePostgresIsDown() throws Exception {
        try (LookupJoin join = new LookupJoin()) {
            join.env().executeSql(customersTable("", ""));
            join.start("SELECT e.customer_id, c.tier FROM events AS e"
                    + " JOIN customers FOR SYSTEM_TIME AS OF e.proc_time AS c ON e.customer_id = c.id");
            join.awaitRow("for customer 1", r -> r.getFieldAs(0).equals(1L));
            int port = postgres.port();
            postgres.stop();
            try {
                long failuresBefore = LookupJoin.sharedStore().loadFailures();
                await().atMost(LookupJoin.DEADLINE)
                        .until(() -> LookupJoin.sharedStore().loadFailures() >= failuresBefore + 2);
                // still enriching, from the last snapshot
                assertThat(join.next(40)).extracting(Row::toString).contains("+I[1, gold]");
            } finally {
                postgres = PostgresServer.start(dataDir, port, temp.resolve("pg-restarted.log"), false);
            }
            sql("UPDATE customers SET tier = 'platinum' WHERE id = 1");
            join.awaitRow("with the new tier after PostgreSQL came back", r -> "platinum".equals(r.getField(1)));
        }
    }

    @Test
    void readsAQueryMatchingColumnsByName() throws Exception {
        try (LookupJoin join = new LookupJoin()) {
            join.env().executeSql("CREATE TABLE customers (id BIGINT, tier STRING) WITH ("
                    + " 'connector' = 'side-input', 'source' = 'jdbc', 'jdbc.url' = '" + postgres.jdbcUrl() + "',"
                    + " 'jdbc.query' = 'SELECT upper(tier) AS \"TIER\", id FROM customers WHERE country = ''DE''')");
            List<Row> rows = join.start("SELECT e.customer_id, c.tier FROM events AS e"
                    + " LEFT JOIN customers FOR SYSTEM_TIME AS OF e.proc_time AS c ON e.customer_id = c.id").next(100);
            assertThat(rows).extracting(Row::toString)
                    .containsOnly("+I[1, GOLD]", "+I[2, SILVER]", "+I[3, null]")
                    .contains("+I[1, GOLD]", "+I[2, SILVER]", "+I[3, null]");
        }
    }

    @Test
    void convertsEveryCommonColumnType() throws Exception {
        sql("DROP TABLE IF EXISTS typed",
                "CREATE TABLE typed (id BIGINT, b BOOLEAN, si SMALLINT, i INTEGER, r REAL, d DOUBLE PRECISION,"
                        + " n NUMERIC(12, 3), c CHAR(3), v VARCHAR(20), bin BYTEA, dt DATE, tm TIME(3), ts TIMESTAMP(6),"
                        + " tz TIMESTAMPTZ)",
                "INSERT INTO typed VALUES (1, true, 7, 42, 1.5, 2.25, 12345.678, 'abc', 'some text', '\\x0102',"
                        + " '2026-03-04', '05:06:07.089', '2026-03-04 05:06:07.123456', '2026-03-04 05:06:07+00'),"
                        + " (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
        try (LookupJoin join = new LookupJoin()) {
            join.env().executeSql("CREATE TABLE typed (id BIGINT, b BOOLEAN, si SMALLINT, i INT, r FLOAT, d DOUBLE,"
                    + " n DECIMAL(12, 3), c CHAR(3), v VARCHAR(20), bin BYTES, dt DATE, tm TIME(3), ts TIMESTAMP(6),"
                    + " tz TIMESTAMP_LTZ(3)) WITH ('connector' = 'side-input', 'source' = 'jdbc',"
                    + " 'jdbc.url' = '" + postgres.jdbcUrl() + "', 'jdbc.table' = 'typed')");
            join.env().getConfig().set("table.local-time-zone", "UTC");
            join.start("SELECT t.* FROM events AS e JOIN typed FOR SYSTEM_TIME AS OF e.proc_time AS t"
                    + " ON e.customer_id = t.id");
            assertThat(join.awaitRow("for id 1", r -> r.getFieldAs(0).equals(1L)).toString())
                    .isEqualTo("+I[1, true, 7, 42, 1.5, 2.25, 12345.678, abc, some text, [1, 2], 2026-03-04, 05:06:07.089,"
                            + " 2026-03-04T05:06:07.123456, 2026-03-04T05:06:07Z]");
            assertThat(join.awaitRow("for id 2", r -> r.getFieldAs(0).equals(2L)).toString())
                    .isEqualTo("+I[2, null, null, null, null, null, null, null, null, null, null, null, null, null]");
        }
    }

    @Test
    void neverMatchesANullKey() throws Exception {
        sql("INSERT INTO customers VALUES (4, NULL, NULL, NULL, NULL, now())");
        try (LookupJoin join = new LookupJoin()) {
            join.env().executeSql(customersTable("", ""));
            join.env().executeSql("CREATE TEMPORARY VIEW probes AS SELECT customer_id,"
                    + " CASE WHEN customer_id = 1 THEN CAST(NULL AS STRING) ELSE 'DE' END AS country, proc_time FROM events");
            List<Row> rows = join.start("SELECT e.customer_id, e.country, c.id FROM probes AS e"
                    + " LEFT JOIN customers FOR SYSTEM_TIME AS OF e.proc_time AS c ON e.country = c.country").next(150);
            assertThat(rows).extracting(Row::toString)
                    .contains("+I[1, null, null]")
                    .allMatch(r -> !r.startsWith("+I[1,") || r.equals("+I[1, null, null]"));
        }
    }
}
