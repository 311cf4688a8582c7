package dev.sqlpack.stack.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlpack.stack.process.Ports;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresServerITCase {
    @TempDir Path tmp;

    @Test
    void keepsCommittedRowsAcrossARestart() throws Exception {
        Path data = tmp.resolve("pg");
        try (PostgresServer pg = PostgresServer.start(data, Ports.free(), tmp.resolve("pg.log"), false);
                Connection c = pg.connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, name TEXT)");
            s.execute("INSERT INTO t VALUES (1, 'one'), (2, 'two')");
        }
        try (PostgresServer pg = PostgresServer.start(data, Ports.free(), tmp.resolve("pg.log"), false);
                Connection c = pg.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT string_agg(name, ',' ORDER BY id) FROM t")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("one,two");
        }
    }
}
