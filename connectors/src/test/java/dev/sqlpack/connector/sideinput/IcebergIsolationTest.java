package dev.sqlpack.connector.sideinput;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlpack.connector.sideinput.snapshot.IcebergLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** jdbc and file sources must run on a cluster without Iceberg or Hadoop jars. */
class IcebergIsolationTest {

    @Test
    void onlyTheIcebergLoaderReferencesIcebergOrHadoopClasses() throws Exception {
        Path classes = Path.of(IcebergLoader.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> referencing;
        try (Stream<Path> files = Files.walk(classes)) {
            referencing = files.filter(p -> p.toString().endsWith(".class"))
                    .filter(IcebergIsolationTest::referencesIcebergOrHadoop)
                    .map(p -> classes.relativize(p).toString())
                    .toList();
        }
        assertThat(referencing).containsExactly("dev/sqlpack/connector/sideinput/snapshot/IcebergLoader.class");
    }

    private static boolean referencesIcebergOrHadoop(Path classFile) {
        try {
            String constants = new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
            return constants.contains("org/apache/iceberg/") || constants.contains("org/apache/hadoop/");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
