package dev.sqlpack.connector.rabbitmq;

import dev.sqlpack.stack.rabbitmq.RabbitMqServer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One real broker for every test class of this JVM (starting one takes seconds), on free loopback
 * ports with its data in a temp directory; stopped when the JVM exits. Fails, never skips, when
 * RabbitMQ is not installed: the message says how to install it.
 */
final class TestBroker {
    private static RabbitMqServer server;

    private TestBroker() {}

    static synchronized RabbitMqServer get() throws Exception {
        if (server == null) {
            Path dir = Files.createTempDirectory("sqlpack-rabbitmq-test");
            server = RabbitMqServer.startEphemeral(dir.resolve("broker"));
            RabbitMqServer s = server;
            Runtime.getRuntime().addShutdownHook(new Thread(s::close, "stop-test-rabbitmq"));
        }
        return server;
    }
}
