package dev.sqlpack.stack.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptTest {
    @Test
    void splitsAtSemicolonsOutsideQuotesAndComments() {
        List<String> s = SqlScript.split("""
                -- setup; not a statement
                CREATE TABLE t (a STRING) WITH ('connector' = 'x;y');
                /* block; comment */ SELECT 'it''s; fine', `we;ird` FROM t;
                ;
                SELECT 1""");
        assertThat(s).containsExactly(
                "-- setup; not a statement\nCREATE TABLE t (a STRING) WITH ('connector' = 'x;y')",
                "/* block; comment */ SELECT 'it''s; fine', `we;ird` FROM t",
                "SELECT 1");
    }

    @Test
    void aScriptOfOnlyCommentsHasNoStatements() {
        assertThat(SqlScript.split("-- nothing here;\n/* nor; here */\n")).isEmpty();
    }
}
