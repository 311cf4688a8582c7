package dev.sqlpack.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlTemplateTest {
    @TempDir Path stateDir;

    private StackConfig stack() {
        return new StackConfig(stateDir, 19092, 19093, 15432, 18081, 16123, 18083, 2, false, 1);
    }

    @Test
    void fillsTheStacksAddressesIn() {
        String sql = "CREATE TABLE t WITH ('properties.bootstrap.servers' = '${kafka.bootstrap}',\n"
                + " 'url' = 'jdbc:postgresql://${postgres.address}/sqlpack', 'jdbc.url' = '${postgres.jdbc-url}',\n"
                + " 'uri' = '${rabbitmq.uri}', 'path' = 'file://${state.dir}/data')";

        assertThat(SqlTemplate.forStack(stack()).fill(sql, "t.sql")).isEqualTo(
                "CREATE TABLE t WITH ('properties.bootstrap.servers' = '127.0.0.1:19092',\n"
                + " 'url' = 'jdbc:postgresql://127.0.0.1:15432/sqlpack', 'jdbc.url' = 'jdbc:postgresql://127.0.0.1:15432/sqlpack?user=sqlpack',\n"
                + " 'uri' = 'amqp://guest:guest@127.0.0.1:5672/%2F', 'path' = 'file://" + stateDir + "/data')");
    }

    @Test
    void theDemoAndTheInitScriptUseKnownPlaceholdersOnly() throws Exception {
        Path checkout = Path.of("").toAbsolutePath().getParent(); // tests run in stack/
        SqlTemplate t = SqlTemplate.forStack(stack()).with("demo.topic", "demo-events-1");

        assertThat(t.fill(Files.readString(checkout.resolve("stack/demo/demo.sql")), "demo.sql"))
                .contains("'topic' = 'demo-events-1'", "'properties.bootstrap.servers' = '127.0.0.1:19092'",
                        "'jdbc.url' = 'jdbc:postgresql://127.0.0.1:15432/sqlpack?user=sqlpack'")
                .doesNotContain("${");
        assertThat(t.fill(Files.readString(checkout.resolve("gateway-config/init.sql")), "init.sql"))
                .contains("'warehouse' = 'file://" + stateDir + "/warehouse'").doesNotContain("${");
    }

    @Test
    void textWithoutPlaceholdersIsLeftAsItIs() {
        String sql = "SELECT '$', '{x}', '$ {y}', 'ünïcode' FROM t -- $$ dollar quotes are PostgreSQL's\n";

        assertThat(SqlTemplate.forStack(stack()).fill(sql, "t.sql")).isEqualTo(sql);
        assertThat(SqlTemplate.forStack(stack()).fill("", "empty.sql")).isEmpty();
    }

    @Test
    void valuesAreInsertedLiterallyEvenWithDollarsAndBackslashes() {
        SqlTemplate t = SqlTemplate.forStack(stack()).with("demo.topic", "a$1\\b");

        assertThat(t.fill("'${demo.topic}'", "demo.sql")).isEqualTo("'a$1\\b'");
    }

    @Test
    void anUnknownPlaceholderNamesItselfTheFileTheLineAndTheKnownOnes() {
        assertThatThrownBy(() -> SqlTemplate.forStack(stack()).fill("SELECT 1;\n\n'${kafka.bootstrp}'", "sql/02_tumble/setup.sql"))
                .isInstanceOf(StackException.class)
                .hasMessage("Unknown placeholder '${kafka.bootstrp}' in sql/02_tumble/setup.sql, line 3. The known ones: "
                        + "${kafka.bootstrap}, ${postgres.address}, ${postgres.jdbc-url}, ${rabbitmq.uri}, ${state.dir}"
                        + " (see sql/README.md).");
        assertThatThrownBy(() -> SqlTemplate.forStack(stack()).fill("${}", "x.sql"))
                .hasMessageStartingWith("Unknown placeholder '${}' in x.sql, line 1.");
    }
}
