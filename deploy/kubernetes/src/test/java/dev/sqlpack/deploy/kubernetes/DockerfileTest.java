package dev.sqlpack.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every file the Dockerfile copies is one the build produces, under the name the build gives it
 * (poms' finalName, this module's artifact list), and the image carries the connectors the local
 * stack runs with.
 */
class DockerfileTest {
    private static final Path DOCKERFILE = Yaml.MODULE.resolve("Dockerfile");
    private static final String LIB = "/opt/flink/lib/";
    /**
     * Connectors of the local stack's class path that need no jar of their own in the image: the
     * flink:2.0.0 image's flink-dist jar contains the file connector.
     */
    private static final Map<String, String> STACK_ONLY = Map.of("flink-connector-files", "inside flink-dist in the image");

    record Copy(List<String> sources, String destination) {}

    @Test
    void baseImageIsThisFlinkVersion() {
        String flink = Poms.properties().get("flink.version");
        List<String> lines = instructions();
        assertThat(lines.get(0)).isEqualTo("FROM flink:" + flink + "-java17");
        // the S3 plugin copied from the image's opt/ carries the Flink version in its name
        assertThat(lines).filteredOn(l -> l.startsWith("RUN ")).singleElement().asString()
                .contains("/opt/flink/opt/flink-s3-fs-presto-" + flink + ".jar");
    }

    @Test
    void everyCopySourceIsWhatTheBuildProduces() {
        List<String> modules = Poms.modules();
        List<String> checked = new ArrayList<>();
        for (Copy copy : copies()) {
            assertThat(copy.destination()).as("destination of %s", copy.sources()).isEqualTo(LIB);
            for (String source : copy.sources()) {
                if (source.endsWith("/")) {
                    assertThat(Yaml.REPO.resolve(source).normalize())
                            .as("the directory this module's 'image-lib' execution fills")
                            .isEqualTo(Poms.outputDirectory("image-lib"));
                    assertThat(list(Yaml.REPO.resolve(source))).as(source)
                            .containsExactlyInAnyOrderElementsOf(Poms.artifactFiles("image-lib"));
                    checked.add(source);
                    continue;
                }
                String[] parts = source.split("/");
                String module = String.join("/", Arrays.copyOf(parts, parts.length - 2));
                assertThat(parts[parts.length - 2]).as(source).isEqualTo("target");
                assertThat(Yaml.REPO.resolve(module).resolve("pom.xml")).as("COPY %s: the module's pom", source).isRegularFile();
                assertThat(modules).as("module of %s in the root pom", source).contains(module);
                assertThat(Poms.finalName(module) + ".jar").as("finalName in %s/pom.xml", module).isEqualTo(parts[parts.length - 1]);
                Path built = Poms.packagedJar(module);
                if (built != null) { // the reactor packaged it (mvn verify / package): the real file
                    assertThat(built.getFileName().toString()).as(source).isEqualTo(parts[parts.length - 1]);
                }
                checked.add(source);
            }
        }
        assertThat(checked).contains("deploy/kubernetes/target/image/lib/", "udfs/target/sqlpack-udfs.jar",
                "connectors/target/sqlpack-connectors.jar");
        assertThat(checked).contains("gateway/target/sqlpack-gateway.jar");
    }

    @Test
    void theImageCarriesTheConnectorsTheLocalStackUses() {
        Map<String, String> stack = Poms.dependencies(Yaml.REPO.resolve("stack/runtime/flink/pom.xml"));
        List<String> image = Poms.artifactFiles("image-lib");
        int connectors = 0;
        for (Map.Entry<String, String> dep : stack.entrySet()) {
            String a = dep.getKey();
            if (!(a.startsWith("flink-connector-") || a.equals("postgresql") || a.startsWith("iceberg-") || a.startsWith("hadoop-client-"))
                    || STACK_ONLY.containsKey(a)) {
                continue;
            }
            connectors++;
            // the image takes Kafka's shaded SQL jar; the stack's class path has the thin one and kafka-clients
            String inImage = a.equals("flink-connector-kafka") ? "flink-sql-connector-kafka" : a;
            assertThat(image).as("the stack uses %s %s", a, dep.getValue()).contains(inImage + "-" + dep.getValue() + ".jar");
        }
        assertThat(connectors).isEqualTo(7);
        assertThat(image).hasSize(connectors);
    }

    @Test
    void thePackIsCopiedIntoLibForEveryProcess() {
        // lib/ (not usrlib/ or a job jar): the side-input connector's snapshot is shared per TaskManager JVM
        List<String> pack = copies().stream().flatMap(c -> c.sources().stream())
                .filter(s -> s.startsWith("udfs/") || s.startsWith("connectors/")).toList();
        assertThat(pack).containsExactlyInAnyOrder("udfs/target/sqlpack-udfs.jar", "connectors/target/sqlpack-connectors.jar");
    }

    /** Instructions with continuation lines joined and comments dropped. */
    private static List<String> instructions() {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Yaml.read(DOCKERFILE).split("\n")) {
            String t = line.strip();
            if (t.startsWith("#") || (t.isEmpty() && current.isEmpty())) {
                continue;
            }
            boolean more = t.endsWith("\\");
            current.append(more ? t.substring(0, t.length() - 1).strip() + " " : t);
            if (!more) {
                out.add(current.toString().strip());
                current.setLength(0);
            }
        }
        return out;
    }

    private static List<Copy> copies() {
        List<Copy> copies = new ArrayList<>();
        for (String i : instructions()) {
            if (i.startsWith("ADD ")) {
                throw new AssertionError("use COPY, not ADD (no URLs or archives in this image): " + i);
            }
            if (i.startsWith("COPY ")) {
                List<String> args = Stream.of(i.substring(5).trim().split("\\s+")).filter(a -> !a.startsWith("--")).toList();
                copies.add(new Copy(args.subList(0, args.size() - 1), args.get(args.size() - 1)));
            }
        }
        assertThat(copies).hasSize(3);
        return copies;
    }

    private static List<String> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new AssertionError(dir + " is missing: the build's generate-resources phase fills it", e);
        }
    }
}
