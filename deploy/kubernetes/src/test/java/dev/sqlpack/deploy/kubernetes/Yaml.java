package dev.sqlpack.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** YAML documents as Jackson trees, and the paths of this module and the repository. */
final class Yaml {
    static final ObjectMapper MAPPER = new ObjectMapper(
            new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));
    /** deploy/kubernetes (surefire runs in the module's folder). */
    static final Path MODULE = Path.of("").toAbsolutePath();
    static final Path REPO = MODULE.getParent().getParent();
    static final Path SCHEMAS = MODULE.resolve("target/schemas");
    static final List<String> KUSTOMIZATIONS = List.of("base", "overlays/local", "overlays/production");

    private Yaml() {}

    /** Every non-empty document of a (multi-document) YAML text. */
    static List<ObjectNode> documents(String text, String source) {
        List<ObjectNode> docs = new ArrayList<>();
        try (var parser = MAPPER.getFactory().createParser(text)) {
            for (var it = MAPPER.readValues(parser, JsonNode.class); it.hasNext(); ) {
                JsonNode doc = it.next();
                if (doc == null || doc.isNull() || doc.isMissingNode()) {
                    continue;
                }
                if (!doc.isObject()) {
                    throw new IllegalArgumentException(source + ": a document is not a mapping: " + doc);
                }
                docs.add((ObjectNode) doc);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse YAML in " + source, e);
        }
        return docs;
    }

    static List<ObjectNode> documents(Path file) {
        return documents(read(file), REPO.relativize(file.toAbsolutePath()).toString());
    }

    static JsonNode tree(Path file) {
        try {
            return MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "Kind/name" of a resource, for messages. */
    static String id(JsonNode resource) {
        return resource.path("kind").asText("?") + "/" + resource.path("metadata").path("name").asText("?");
    }
}
