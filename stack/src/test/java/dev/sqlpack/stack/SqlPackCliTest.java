package dev.sqlpack.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlpack.stack.cli.SqlPackCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlPackCliTest {
    @TempDir Path tmp;

    @Test
    void upWithoutABuildSaysHowToBuild() throws Exception {
        Files.createDirectories(tmp.resolve("stack/runtime/flink"));
        Files.writeString(tmp.resolve("stack/runtime/flink/pom.xml"), "<project/>");
        String before = System.getProperty("sqlpack.home");
        System.setProperty("sqlpack.home", tmp.toString());
        try {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = SqlPackCli.execute(new String[] {"up", "--state-dir", tmp.resolve("state").toString()},
                    new PrintWriter(out, true), new PrintWriter(err, true));
            assertThat(code).isEqualTo(1);
            assertThat(err.toString()).contains("sqlpack: The pack is not built (missing "
                    + tmp.resolve("stack/runtime/flink/target/classpath.txt") + "). Build it with:\n  mvn -q package -DskipTests");
        } finally {
            if (before == null) {
                System.clearProperty("sqlpack.home");
            } else {
                System.setProperty("sqlpack.home", before);
            }
        }
    }

    @Test
    void downWithNothingRunningSaysSo() {
        StringWriter out = new StringWriter();
        int code = SqlPackCli.execute(new String[] {"down", "--state-dir", tmp.toString()},
                new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        assertThat(code).isZero();
        assertThat(out.toString()).contains("Nothing to stop: no component of the stack is running (state in " + tmp + ").");
    }

    @Test
    void submitWithoutARunningStackSaysHowToStartIt() {
        StringWriter err = new StringWriter();
        int code = SqlPackCli.execute(new String[] {"submit", "--state-dir", tmp.toString(), "x.sql"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("The stack is not running (no state in " + tmp + "). Start it with './sqlpack up'.");
    }

    @Test
    void upWithNoTaskManagersNamesTheCountAndTheFlag() {
        for (String n : new String[] {"0", "-2"}) {
            StringWriter err = new StringWriter();
            int code = SqlPackCli.execute(new String[] {"up", "--state-dir", tmp.toString(), "--taskmanagers", n},
                    new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
            assertThat(code).isEqualTo(1);
            assertThat(err.toString()).contains("sqlpack: The number of TaskManagers must be at least 1, but was " + n
                    + ": ./sqlpack up --taskmanagers <n>");
        }
    }

    @Test
    void statusWithNothingRecordedListsEveryServerDownAndExitsThree() {
        StringWriter out = new StringWriter();
        int code = SqlPackCli.execute(new String[] {"status", "--state-dir", tmp.toString()},
                new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        assertThat(code).isEqualTo(3);
        assertThat(out.toString().lines().skip(1).map(l -> l.split(" +")[0] + " " + l.split(" +")[1]))
                .containsExactly("kafka down", "postgres down", "jobmanager down", "taskmanager-1 down", "gateway down");
    }
}
