package dev.sqlpack.gateway.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live view of the identities file: re-read when its modification time or size changes
 * (checked at most every {@link #CHECK_INTERVAL_NANOS}), so a revoked token stops working without
 * a restart. A file that fails to parse keeps the last good content and logs why.
 */
public final class Identities {
    private static final Logger LOG = LoggerFactory.getLogger(Identities.class);
    static final long CHECK_INTERVAL_NANOS = 250_000_000L;

    private final Path file;
    private volatile List<IdentitiesFile.Entry> entries = List.of();
    private volatile FileTime seenTime;
    private volatile long seenSize = -1;
    private volatile long nextCheck;
    private final long checkIntervalNanos;

    public Identities(Path file) {
        this(file, CHECK_INTERVAL_NANOS);
    }

    /** With {@code checkIntervalNanos} 0 the file is checked on every lookup (tests). */
    Identities(Path file, long checkIntervalNanos) {
        this.file = file;
        this.checkIntervalNanos = checkIntervalNanos;
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("The identities file " + file + " does not exist: create it with "
                    + "'./sqlpack token create NAME --role admin' or point sql-gateway.endpoint.sqlpack.identities-file at it");
        }
        reloadIfChanged(true);
    }

    public Path file() {
        return file;
    }

    public Optional<Identity> byToken(String token) {
        reloadIfChanged(false);
        return IdentitiesFile.matchToken(entries, token);
    }

    public Optional<Identity> byCertificateName(String cn) {
        reloadIfChanged(false);
        return entries.stream().filter(e -> !e.isToken() && e.name().equals(cn)).map(IdentitiesFile.Entry::identity).findFirst();
    }

    private void reloadIfChanged(boolean force) {
        long now = System.nanoTime();
        if (!force && checkIntervalNanos > 0 && now - nextCheck < 0) {
            return;
        }
        synchronized (this) {
            nextCheck = now + checkIntervalNanos;
            try {
                FileTime t = Files.getLastModifiedTime(file);
                long size = Files.size(file);
                if (!force && t.equals(seenTime) && size == seenSize) {
                    return;
                }
                List<IdentitiesFile.Entry> read = IdentitiesFile.read(file);
                entries = read;
                seenTime = t;
                seenSize = size;
                LOG.info("Read {} identities from {}", read.size(), file);
            } catch (IOException | RuntimeException e) {
                if (force) {
                    throw new IllegalArgumentException(e.getMessage(), e);
                }
                if (!Files.exists(file)) {
                    entries = List.of(); // deleted: nobody gets in
                }
                LOG.warn("Keeping the previous identities: {}", e.getMessage());
            }
        }
    }
}
