package dev.sqlpack.testkit;

import dev.sqlpack.stack.postgres.PostgresServer;
import dev.sqlpack.stack.process.Ports;
import java.io.IOException;
import java.nio.file.Path;

/** A real PostgreSQL for one test: a fresh data directory, a free loopback port, fsync off. */
public final class TestPostgres {
    private TestPostgres() {}

    /** Starts the server with its data in {@code dataDir} and its log next to it; stop it with {@code close()}. */
    public static PostgresServer start(Path dataDir) throws IOException {
        return PostgresServer.start(dataDir, Ports.free(), dataDir.resolveSibling(dataDir.getFileName() + ".log"), false);
    }
}
