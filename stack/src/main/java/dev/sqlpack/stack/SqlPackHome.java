package dev.sqlpack.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The checkout the stack runs from: where the built jars, class path files and config live. */
public final class SqlPackHome {
    private static final String BUILD_OUTPUTS = "build-outputs.txt";

    private final Path root;

    private SqlPackHome(Path root) {
        this.root = root;
    }

    /** From {@code -Dsqlpack.home}, else the nearest directory above the working directory that holds the build. */
    public static SqlPackHome locate() {
        String configured = System.getProperty("sqlpack.home");
        if (configured != null) {
            return new SqlPackHome(Path.of(configured).toAbsolutePath().normalize());
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.exists(d.resolve("stack/runtime/flink/pom.xml"))) {
                return new SqlPackHome(d);
            }
        }
        throw new IllegalStateException(
                "cannot find the Flink SQL Pack checkout above " + Path.of("").toAbsolutePath()
                        + ": run ./sqlpack from the checkout or set -Dsqlpack.home");
    }

    /** The checkout at {@code root}, as it is (tests: a home made in a temporary directory). */
    static SqlPackHome at(Path root) {
        return new SqlPackHome(root.toAbsolutePath().normalize());
    }

    public Path root() {
        return root;
    }

    public Path gatewayConfig() {
        return root.resolve("gateway-config");
    }

    public Path udfJar() {
        return root.resolve("udfs/target/sqlpack-udfs.jar");
    }

    public Path connectorJar() {
        return root.resolve("connectors/target/sqlpack-connectors.jar");
    }

    /** The gateway extension (sql-gateway.endpoint.type: sqlpack); inert in the JobManager and TaskManager. */
    public Path gatewayJar() {
        return root.resolve("gateway/target/sqlpack-gateway.jar");
    }

    /** The JobManager/TaskManager/gateway class path: Flink's jars plus the pack's jars that are built. */
    public String flinkClasspath() {
        return flinkClasspath(true);
    }

    /**
     * The class path, with or without the UDF jar: without it the cluster is like a stock one,
     * where functions arrive with ADD JAR or CREATE FUNCTION ... USING JAR.
     */
    public String flinkClasspath(boolean withUdfJar) {
        List<String> parts = new ArrayList<>();
        parts.add(readClasspath("stack/runtime/flink"));
        for (Path jar : withUdfJar ? List.of(udfJar(), connectorJar(), gatewayJar()) : List.of(connectorJar(), gatewayJar())) {
            if (Files.exists(jar)) {
                parts.add(jar.toString());
            }
        }
        return String.join(":", parts);
    }

    public String kafkaClasspath() {
        return readClasspath("stack/runtime/kafka");
    }

    /**
     * Missing build outputs a user must build before {@code up}, from the list the launcher checks
     * too ({@code build-outputs.txt}); empty when all are there. The command line's own jar and
     * class path are not checked: it is running (from target/classes in tests).
     */
    public List<Path> missingBuildOutputs() {
        List<Path> missing = new ArrayList<>();
        for (String file : buildOutputs()) {
            if (!file.startsWith("stack/target/") && !Files.exists(root.resolve(file))) {
                missing.add(root.resolve(file));
            }
        }
        return missing;
    }

    /** The build list, as paths relative to the checkout. */
    static List<String> buildOutputs() {
        try (InputStream in = SqlPackHome.class.getResourceAsStream("/" + BUILD_OUTPUTS)) {
            if (in == null) {
                throw new IllegalStateException(BUILD_OUTPUTS + " is missing from the class path of the command line");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String readClasspath(String module) {
        Path file = root.resolve(module).resolve("target/classpath.txt");
        if (!Files.exists(file)) {
            throw new IllegalStateException("the build is missing " + file
                    + ": run 'mvn -q package -DskipTests' in " + root);
        }
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
