package dev.sqlpack.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlPackHomeTest {
    private static final String LIST_IN_CHECKOUT = "stack/src/main/resources/build-outputs.txt";

    @TempDir Path root;

    @Test
    void theLauncherChecksTheListTheCommandLineChecks() throws Exception {
        Path checkout = Path.of("").toAbsolutePath().getParent(); // tests run in stack/
        assertThat(checkout.resolve(LIST_IN_CHECKOUT)).exists();
        assertThat(Files.readString(checkout.resolve("sqlpack"))).contains("done < " + LIST_IN_CHECKOUT);
    }

    @Test
    void theListHoldsEveryJarAndClassPathTheStackRunsFrom() {
        SqlPackHome home = SqlPackHome.at(root);
        assertThat(SqlPackHome.buildOutputs()).contains(
                "stack/target/sqlpack-stack.jar", "stack/target/classpath.txt",
                "stack/runtime/flink/target/classpath.txt", "stack/runtime/kafka/target/classpath.txt",
                relative(home.udfJar()), relative(home.connectorJar()), relative(home.gatewayJar()));
    }

    @Test
    void namesWhatIsMissingExceptTheCommandLinesOwnOutputs() throws Exception {
        SqlPackHome home = SqlPackHome.at(root);
        assertThat(home.missingBuildOutputs()).first().isEqualTo(home.root().resolve("stack/runtime/flink/target/classpath.txt"));
        for (String file : SqlPackHome.buildOutputs()) {
            if (!file.startsWith("stack/target/")) {
                Files.createDirectories(home.root().resolve(file).getParent());
                Files.writeString(home.root().resolve(file), "");
            }
        }
        assertThat(home.missingBuildOutputs()).isEmpty();
        Files.delete(home.udfJar());
        assertThat(home.missingBuildOutputs()).containsExactly(home.udfJar());
    }

    private String relative(Path p) {
        return root.toAbsolutePath().normalize().relativize(p).toString();
    }
}
