package dev.sqlpack.connector.sideinput;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlpack.connector.sideinput.snapshot.ColumnType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.description.BlockElement;
import org.apache.flink.configuration.description.TextElement;
import org.junit.jupiter.api.Test;

/**
 * The option table in docs/connector-side-input.md is generated from {@link SideInputOptions}; this
 * test fails when they differ and rewrites the table with {@code -Dsqlpack.updateDocs=true}.
 */
class SideInputDocsTest {
    private static final Path DOC = Path.of("..", "docs", "connector-side-input.md");
    private static final String START = "<!-- options:start (generated from SideInputOptions by SideInputDocsTest) -->";
    private static final String END = "<!-- options:end -->";

    @Test
    void optionTableInTheDocsMatchesSideInputOptions() throws Exception {
        String doc = Files.readString(DOC);
        int start = doc.indexOf(START);
        int end = doc.indexOf(END);
        assertThat(start).as("marker %s in %s", START, DOC).isNotNegative();
        assertThat(end).as("marker %s in %s", END, DOC).isGreaterThan(start);
        String expected = START + "\n" + optionTable() + END;
        String actual = doc.substring(start, end + END.length());
        if (!actual.equals(expected) && Boolean.getBoolean("sqlpack.updateDocs")) {
            Files.writeString(DOC, doc.substring(0, start) + expected + doc.substring(end + END.length()));
            return;
        }
        assertThat(actual)
                .as("%s is stale; regenerate it with: mvn -B -q -pl connectors -am test -Dtest=SideInputDocsTest"
                        + " -Dsurefire.failIfNoSpecifiedTests=false -Dsqlpack.updateDocs=true", DOC)
                .isEqualTo(expected);
    }

    @Test
    void supportedColumnTypesInTheDocsMatchColumnType() throws Exception {
        String doc = Files.readString(DOC).replaceAll("\\s+", " ");
        assertThat(doc).as("the list of supported column types in %s", DOC)
                .contains("Supported column types: " + ColumnType.documented() + ".");
    }

    static String optionTable() throws Exception {
        StringBuilder b = new StringBuilder("| Key | Default | Type | Meaning |\n|---|---|---|---|\n");
        for (Row r : rows()) {
            b.append("| `").append(r.key).append("` | ").append(r.defaultValue).append(" | ").append(r.type)
                    .append(" | ").append(r.meaning.replace("|", "\\|")).append(" |\n");
        }
        return b.toString();
    }

    private record Row(String key, String defaultValue, String type, String meaning) {}

    private static List<Row> rows() throws Exception {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("connector", "(none)", "String", "Must be 'side-input'."));
        for (Field f : SideInputOptions.class.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers()) || f.getType() != ConfigOption.class) {
                continue;
            }
            ConfigOption<?> o = (ConfigOption<?>) f.get(null);
            Type t = ((ParameterizedType) f.getGenericType()).getActualTypeArguments()[0];
            rows.add(new Row(o.key(), o.hasDefaultValue() ? "`" + format(o.defaultValue()) + "`" : "(none)",
                    ((Class<?>) t).getSimpleName(), text(o)));
            if (o == SideInputOptions.PATH) {
                rows.add(new Row("format", "(none)", "String",
                        "Flink's format identifier for 'source' = 'file', e.g. 'csv' or 'json'; that format's own"
                                + " options ('csv.field-delimiter', 'json.ignore-parse-errors', ...) apply."
                                + " Required when 'source' = 'file'."));
            }
        }
        return rows;
    }

    private static String text(ConfigOption<?> o) {
        StringBuilder b = new StringBuilder();
        for (BlockElement e : o.description().getBlocks()) {
            b.append(((TextElement) e).getFormat());
        }
        return b.toString();
    }

    private static String format(Object value) {
        if (value instanceof Duration d) {
            if (d.isZero()) {
                return "0s";
            }
            if (d.toMillis() % 3_600_000 == 0) {
                return d.toHours() + "h";
            }
            if (d.toMillis() % 60_000 == 0) {
                return d.toMinutes() + "min";
            }
            if (d.toMillis() % 1000 == 0) {
                return d.toSeconds() + "s";
            }
            return d.toMillis() + "ms";
        }
        return String.valueOf(value);
    }
}
