package dev.sqlpack.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code ./sqlpack up} records in {@code STATE_DIR/run/stack.json} for every later command:
 * the only reader and writer of that file in Java. Its JSON schema, {@code stack-state.schema.json}
 * (a resource of this module), is what the Python benchmark reads it by; a test keeps the two equal.
 */
public record StackState(
        int kafkaPort,
        int kafkaControllerPort,
        int postgresPort,
        int jobManagerPort,
        int jobManagerRpcPort,
        int gatewayPort,
        int slots,
        boolean tls,
        boolean udfJarOnClasspath,
        int taskManagers,
        boolean auth,
        boolean clientCerts) {

    public static final String FILE = "stack.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static StackState of(StackConfig config, boolean udfJarOnClasspath, boolean auth) {
        return new StackState(config.kafkaPort(), config.kafkaControllerPort(), config.postgresPort(),
                config.jobManagerPort(), config.jobManagerRpcPort(), config.gatewayPort(), config.slots(),
                config.tls(), udfJarOnClasspath, config.taskManagers(), auth, config.clientCerts());
    }

    /** The configuration of the stack in {@code stateDir} that this state describes. */
    public StackConfig config(Path stateDir) {
        return new StackConfig(stateDir, kafkaPort, kafkaControllerPort, postgresPort, jobManagerPort,
                jobManagerRpcPort, gatewayPort, slots, tls, taskManagers, clientCerts);
    }

    /** The state recorded in {@code runDir}, empty when no stack was started there (or it was stopped). */
    public static Optional<StackState> read(Path runDir) {
        Path file = runDir.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        JsonNode n;
        try {
            n = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new StackException(file + " is not valid JSON (" + e.getMessage()
                    + "). Stop the stack with './sqlpack down', then start it again.", e);
        }
        // tls, udfJarOnClasspath, taskManagers, auth and clientCerts came later: a file without them is a stack started before
        return Optional.of(new StackState(required(n, "kafkaPort", file), required(n, "kafkaControllerPort", file),
                required(n, "postgresPort", file), required(n, "jobManagerPort", file),
                required(n, "jobManagerRpcPort", file), required(n, "gatewayPort", file), required(n, "slots", file),
                n.path("tls").asBoolean(false), n.path("udfJarOnClasspath").asBoolean(true),
                n.path("taskManagers").asInt(1), n.path("auth").asBoolean(false), n.path("clientCerts").asBoolean(false)));
    }

    /** Writes this state as {@code runDir/stack.json}. */
    public void write(Path runDir) {
        ObjectNode n = JSON.valueToTree(this);
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(runDir.resolve(FILE).toFile(), n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes the record: no stack runs in {@code runDir} any more. */
    public static void delete(Path runDir) {
        try {
            Files.deleteIfExists(runDir.resolve(FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int required(JsonNode n, String key, Path file) {
        JsonNode v = n.get(key);
        if (v == null || !v.canConvertToInt()) {
            throw new StackException(file + " has no whole number '" + key + "' (it has " + n
                    + "). Stop the stack with './sqlpack down', then start it again.");
        }
        return v.intValue();
    }
}
