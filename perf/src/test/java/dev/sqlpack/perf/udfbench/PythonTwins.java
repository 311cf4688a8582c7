package dev.sqlpack.perf.udfbench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the plain-Python twins ({@code perf/python/parity.py}) on a batch of calls with python3. */
final class PythonTwins {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path script;
    private final String python;
    private final ArrayNode calls = JSON.createArrayNode();

    PythonTwins() {
        Path perf = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
        this.script = perf.resolve("python").resolve("parity.py");
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("not a file: " + script);
        }
        String fromEnv = System.getenv("SQLPACK_PYTHON");
        this.python = fromEnv == null || fromEnv.isBlank() ? "python3" : fromEnv;
    }

    /** Queues one call; {@link #run()} returns the results in the order of the calls. */
    PythonTwins call(String function, Object... args) {
        ObjectNode call = calls.addObject();
        call.put("fn", function);
        call.set("args", JSON.valueToTree(args));
        return this;
    }

    List<JsonNode> run() throws IOException, InterruptedException {
        List<JsonNode> results = new ArrayList<>();
        python(JSON.writeValueAsBytes(calls), script.toString()).forEach(results::add);
        calls.removeAll();
        return results;
    }

    /** What {@code python3 -m MODULE ARGS} (run in perf/python) prints as JSON. */
    JsonNode module(String module, String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 2];
        command[0] = "-m";
        command[1] = module;
        System.arraycopy(args, 0, command, 2, args.length);
        return python(new byte[0], command);
    }

    private JsonNode python(byte[] stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command)
                .directory(script.getParent().toFile())
                .redirectError(ProcessBuilder.Redirect.PIPE)
                .start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin);
        }
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(command + " did not finish");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(command + " exited with " + p.exitValue() + ":\n" + err);
        }
        return JSON.readTree(out);
    }
}
