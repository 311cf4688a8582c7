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
    void keepsAStatementSetWhole() {
        List<String> s = SqlScript.split("""
                -- two inserts, one job
                EXECUTE STATEMENT SET BEGIN
                  INSERT INTO a SELECT 1;
                  INSERT INTO b SELECT 'end;';
                END;
                SELECT 2;""");
        assertThat(s).containsExactly(
                "-- two inserts, one job\nEXECUTE STATEMENT SET BEGIN\n  INSERT INTO a SELECT 1;\n  INSERT INTO b SELECT 'end;';\nEND",
                "SELECT 2");
    }

    @Test
    void aScriptOfOnlyCommentsHasNoStatements() {
        assertThat(SqlScript.split("-- nothing here;\n/* nor; here */\n")).isEmpty();
    }
}
