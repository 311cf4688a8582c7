package dev.sqlpack.testkit;

import dev.sqlpack.stack.kafka.KafkaBroker;
import dev.sqlpack.stack.process.Ports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real Kafka 4.0 broker (KRaft) for one test, in its own JVM on free loopback ports, with its
 * data under a directory the test owns. Clients: {@link dev.sqlpack.stack.kafka.KafkaClients}.
 */
public final class TestKafka {
    static final String BROKER_CLASSPATH = "stack/runtime/kafka/target/classpath.txt";

    private TestKafka() {}

    /** Starts a broker with its data and log under {@code dir}; stop it with {@code close()}. */
    public static KafkaBroker start(Path dir) throws IOException {
        return KafkaBroker.start(brokerClasspath(), dir, Ports.free(), Ports.free(), dir.resolve("kafka.log"),
                Duration.ofSeconds(90));
    }

    /** The broker's jars, as the build resolved them; found from any module directory of the project. */
    static String brokerClasspath() throws IOException {
        Path start = Path.of("").toAbsolutePath();
        for (Path d = start; d != null; d = d.getParent()) {
            Path file = d.resolve(BROKER_CLASSPATH);
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
        }
        throw new IllegalStateException(BROKER_CLASSPATH + " was not found in " + start + " or above it;"
                + " build it with 'mvn -B -q -pl stack/runtime/kafka generate-resources'");
    }
}
