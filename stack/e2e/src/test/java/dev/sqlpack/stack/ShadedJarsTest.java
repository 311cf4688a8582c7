package dev.sqlpack.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The deployable jars hold only relocated classes, so they cannot clash with a user's jars. */
class ShadedJarsTest {
    private final SqlPackHome home = SqlPackHome.locate();

    @Test
    void everyClassInThePacksJarsIsUnderDevSqlpack() throws Exception {
        for (Path jar : List.of(home.udfJar(), home.connectorJar())) {
            try (JarFile j = new JarFile(jar.toFile())) {
                List<String> foreign = j.stream().map(e -> e.getName())
                        .filter(n -> n.endsWith(".class") && !n.startsWith("dev/sqlpack/")).toList();
                assertThat(foreign).as("classes outside dev/sqlpack in " + jar).isEmpty();
                assertThat(j.stream().filter(e -> e.getName().startsWith("dev/sqlpack/shaded/")).count())
                        .as("relocated third-party classes in " + jar).isPositive();
            }
        }
    }

    /** The gateway extension bundles nothing: it uses the Netty and Jackson Flink already shades. */
    @Test
    void theGatewayExtensionJarHoldsOnlyItsOwnClassesAndItsServiceFiles() throws Exception {
        try (JarFile j = new JarFile(home.gatewayJar().toFile())) {
            List<String> names = j.stream().map(e -> e.getName()).toList();
            assertThat(names.stream().filter(n -> n.endsWith(".class") && !n.startsWith("dev/sqlpack/gateway/")))
                    .as("classes outside dev/sqlpack/gateway").isEmpty();
            assertThat(names).contains("META-INF/services/org.apache.flink.table.factories.Factory",
                    "META-INF/services/org.apache.flink.runtime.io.network.netty.InboundChannelHandlerFactory");
        }
    }
}
