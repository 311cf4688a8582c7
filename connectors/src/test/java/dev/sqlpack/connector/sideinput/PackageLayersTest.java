package dev.sqlpack.connector.sideinput;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlpack.connector.sideinput.snapshot.SnapshotStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages form layers, no cycle: the factory ({@code sideinput}) uses {@code source} and
 * {@code snapshot}; {@code source} uses {@code snapshot}; the plain-Java core {@code snapshot} uses neither.
 */
class PackageLayersTest {
    private static final String ROOT = "dev/sqlpack/connector/sideinput/";

    @Test
    void theSnapshotCoreReferencesNoFlinkFacingPackage() throws Exception {
        assertThat(classesIn("snapshot", Pattern.compile(ROOT + "(source/|[A-Z])"))).isEmpty();
    }

    @Test
    void theSourceAdapterDoesNotReferenceTheFactory() throws Exception {
        assertThat(classesIn("source", Pattern.compile(ROOT + "[A-Z]"))).isEmpty();
    }

    /** Class files of {@code pkg} whose constant pool names a class matching {@code referenced}. */
    private static List<String> classesIn(String pkg, Pattern referenced) throws Exception {
        Path classes = Path.of(SnapshotStore.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path dir = classes.resolve(ROOT + pkg);
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".class"))
                    .filter(p -> referenced.matcher(constants(p)).find())
                    .map(p -> classes.relativize(p).toString())
                    .toList();
        }
    }

    private static String constants(Path classFile) {
        try {
            return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
