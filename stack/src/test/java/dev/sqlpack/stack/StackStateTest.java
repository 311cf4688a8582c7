package dev.sqlpack.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackStateTest {
    private static final StackState STATE = new StackState(19092, 19093, 15432, 18081, 16123, 18083, 4, true, false, 3, true, true);

    @TempDir Path stateDir;
    private Path run;

    @BeforeEach
    void createRunDir() throws Exception {
        run = Files.createDirectories(stateDir.resolve("run"));
    }

    @Test
    void readsBackWhatItWrote() {
        STATE.write(run);
        assertThat(StackState.read(run)).contains(STATE);
    }

    @Test
    void isEmptyWhenNoStackWasStartedOrItWasStopped() {
        assertThat(StackState.read(run)).isEmpty();
        STATE.write(run);
        StackState.delete(run);
        assertThat(StackState.read(run)).isEmpty();
    }

    @Test
    void givesTheConfigurationItWasMadeFrom() {
        StackConfig config = new StackConfig(Path.of("/tmp/state"), 1, 2, 3, 4, 5, 6, 2, true);
        assertThat(StackState.of(config, true, true).config(Path.of("/tmp/state"))).isEqualTo(config);
    }

    @Test
    void readsAFileOfAStackStartedBeforeTlsAndTheUdfFlagWereRecorded() throws Exception {
        Files.writeString(run.resolve("stack.json"), "{\"kafkaPort\": 9092, \"kafkaControllerPort\": 9093,"
                + " \"postgresPort\": 5432, \"jobManagerPort\": 8081, \"jobManagerRpcPort\": 6123,"
                + " \"gatewayPort\": 8083, \"slots\": 2}");
        assertThat(StackState.read(run)).contains(new StackState(9092, 9093, 5432, 8081, 6123, 8083, 2, false, true, 1, false, false));
    }

    @Test
    void namesTheMissingKeyAndTheFix() throws Exception {
        Files.writeString(run.resolve("stack.json"), "{\"kafkaPort\": 9092}");
        assertThatThrownBy(() -> StackState.read(run))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("has no whole number 'kafkaControllerPort'")
                .hasMessageContaining("'./sqlpack down'");
    }

    @Test
    void namesTheFileWhenItIsNotJson() throws Exception {
        Files.writeString(run.resolve("stack.json"), "{\"kafkaPort\": 90");
        assertThatThrownBy(() -> StackState.read(run))
                .isInstanceOf(StackException.class)
                .hasMessageStartingWith(run.resolve("stack.json") + " is not valid JSON");
    }

    @Test
    void theJsonSchemaDescribesExactlyTheRecord() throws Exception {
        JsonNode schema;
        try (InputStream in = StackState.class.getResourceAsStream("/stack-state.schema.json")) {
            schema = new ObjectMapper().readTree(in);
        }
        Map<String, String> fromSchema = new LinkedHashMap<>();
        schema.path("properties").fields().forEachRemaining(e -> fromSchema.put(e.getKey(), e.getValue().path("type").asText()));
        Map<String, String> fromRecord = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (RecordComponent c : StackState.class.getRecordComponents()) {
            fromRecord.put(c.getName(), c.getType() == int.class ? "integer" : c.getType() == boolean.class ? "boolean" : "?");
            // required: whole numbers without a default (those with one came later, and a file without them is older)
            if (c.getType() == int.class && !schema.path("properties").path(c.getName()).has("default")) {
                required.add(c.getName());
            }
        }
        assertThat(fromSchema).containsExactlyEntriesOf(fromRecord);
        List<String> schemaRequired = new ArrayList<>();
        schema.path("required").forEach(n -> schemaRequired.add(n.asText()));
        assertThat(schemaRequired).isEqualTo(required);
    }

    @Test
    void writesEveryKeyTheSchemaNames() throws Exception {
        STATE.write(run);
        JsonNode written = new ObjectMapper().readTree(run.resolve("stack.json").toFile());
        List<String> keys = new ArrayList<>();
        written.fieldNames().forEachRemaining(keys::add);
        JsonNode schema;
        try (InputStream in = StackState.class.getResourceAsStream("/stack-state.schema.json")) {
            schema = new ObjectMapper().readTree(in);
        }
        List<String> properties = new ArrayList<>();
        schema.path("properties").fieldNames().forEachRemaining(properties::add);
        assertThat(keys).isEqualTo(properties);
    }

    @Test
    void thePythonReaderReadsWhatJavaWrote() throws Exception {
        STATE.write(run);
        JsonNode read = new ObjectMapper().readTree(python());
        assertThat(read).isEqualTo(new ObjectMapper().valueToTree(STATE));
    }

    @Test
    void thePythonReaderNamesAMissingKey() throws Exception {
        Files.writeString(run.resolve("stack.json"), "{\"kafkaPort\": 9092}");
        assertThat(python()).contains("ValueError").contains("has no 'kafkaControllerPort'");
    }

    @Test
    void thePythonReaderRejectsAWronglyTypedValue() throws Exception {
        STATE.write(run);
        String json = Files.readString(run.resolve("stack.json")).replace("\"slots\" : 4", "\"slots\" : true");
        Files.writeString(run.resolve("stack.json"), json);
        assertThat(python()).contains("'slots' must be integer, but was True");
    }

    /** Runs perf/python's reader on {@link #stateDir}; its output, or its error. */
    private String python() throws Exception {
        Path perfPython = Path.of("..", "perf", "python").toAbsolutePath().normalize();
        Process p = new ProcessBuilder("python3", "-c",
                "import json, sys\nfrom udfbench import stack_state\nprint(json.dumps(stack_state.read(sys.argv[1])))",
                stateDir.toString())
                .redirectErrorStream(true)
                .directory(perfPython.toFile())
                .start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
