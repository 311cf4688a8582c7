package dev.sqlpack.recipes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlpack.stack.SqlPackHome;
import dev.sqlpack.stack.SqlTemplate;
import dev.sqlpack.stack.StackConfig;
import dev.sqlpack.stack.cli.SqlPackCli;
import dev.sqlpack.stack.recipe.Recipe;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every recipe names the stack's addresses by placeholders only (sql/README.md), each one known,
 * so it runs on a stack on any ports (no cluster needed: this reads the files).
 */
class RecipeTemplatesTest {
    private static final Path SQL = SqlPackHome.locate().root().resolve("sql");

    @TempDir Path stateDir;

    @TestFactory
    Stream<DynamicTest> everyRecipeFileUsesKnownPlaceholdersAndNoLiteralAddress() {
        SqlTemplate template = SqlTemplate.forStack(new StackConfig(stateDir, 19092, 19093, 15432, 18081, 16123, 18083,
                2, false, 1));
        return Recipe.discover(SQL).stream().map(r -> DynamicTest.dynamicTest(r.name(), () -> {
            for (Path file : List.of(r.postgresSetup(), r.setup(), r.script())) {
                if (Files.exists(file)) {
                    assertThat(Files.readString(file)).as(file.toString())
                            .doesNotContain("127.0.0.1", "localhost", ":9092", ":5432", ":5672");
                    assertThat(r.read(file, template)).as(file.toString()).doesNotContain("${");
                }
            }
        }));
    }

    @Test
    void printShowsARecipeFilledInForTheStacksPorts() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // buffered, as System.out is: what the command does not flush is not printed
        int code = SqlPackCli.execute(new String[] {"recipe", "09", "--print", "--state-dir", stateDir.toString(),
                "--kafka-port", "19092", "--postgres-port", "15432"}, new PrintWriter(new BufferedWriter(out, 1 << 16)),
                new PrintWriter(err, true));

        assertThat(err.toString()).isEmpty();
        assertThat(code).isZero();
        assertThat(out.toString())
                .startsWith("-- First run " + SQL.resolve("09_enrichment/setup-postgres.sql") + " in PostgreSQL"
                        + " (jdbc:postgresql://127.0.0.1:15432/sqlpack?user=sqlpack).\n\n-- 09_enrichment/setup.sql\n")
                .contains("'properties.bootstrap.servers' = '127.0.0.1:19092'", "\n-- 09_enrichment/09_enrichment.sql\n")
                .doesNotContain("${", ":9092");
    }
}
