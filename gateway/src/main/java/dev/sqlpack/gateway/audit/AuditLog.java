package dev.sqlpack.gateway.audit;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log: one JSON object per line in {@code <dir>/audit.jsonl}, rotated by size to
 * {@code audit.jsonl.1} (newest) ... {@code audit.jsonl.<maxFiles>}. Fields (absent when not known):
 * {@code time} (ISO-8601 UTC), {@code event} (session_open, session_close, statement, configure,
 * request, job), {@code identity}, {@code role}, {@code remote}, {@code session}, {@code operation},
 * {@code statement} (secrets redacted), {@code config} (redacted), {@code decision} (allowed,
 * refused), {@code rule}, {@code reason}, {@code job_id}. A log that cannot be written is an error
 * in the gateway's log, never a failed statement.
 */
public final class AuditLog {
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String FILE = "audit.jsonl";

    private final Path dir;
    private final long maxBytes;
    private final int maxFiles;
    private Writer out;
    private long size;

    /** {@code dir} null: nothing is written. */
    public AuditLog(Path dir, long maxBytes, int maxFiles) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.maxFiles = Math.max(1, maxFiles);
    }

    /** A new event; add fields, then {@link Event#write()}. */
    public Event event(String event) {
        return new Event(event);
    }

    public final class Event {
        private final Map<String, Object> fields = new LinkedHashMap<>();

        Event(String event) {
            fields.put("time", Instant.now().toString());
            fields.put("event", event);
        }

        public Event put(String key, Object value) {
            if (value != null) {
                fields.put(key, value);
            }
            return this;
        }

        public void write() {
            append(fields);
        }
    }

    private synchronized void append(Map<String, Object> fields) {
        if (dir == null) {
            return;
        }
        try {
            byte[] line = (JSON.writeValueAsString(fields) + "\n").getBytes(StandardCharsets.UTF_8);
            if (out == null) {
                open();
            }
            if (size > 0 && size + line.length > maxBytes) {
                rotate();
            }
            out.write(new String(line, StandardCharsets.UTF_8));
            out.flush();
            size += line.length;
        } catch (JsonProcessingException e) {
            LOG.error("Cannot encode an audit event {}", fields.keySet(), e);
        } catch (IOException e) {
            LOG.error("Cannot write the audit log in {}: {}", dir, e.getMessage());
            closeQuietly();
        }
    }

    private void open() throws IOException {
        Files.createDirectories(dir);
        Path f = dir.resolve(FILE);
        out = Files.newBufferedWriter(f, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        size = Files.size(f);
    }

    private void rotate() throws IOException {
        closeQuietly();
        Files.deleteIfExists(dir.resolve(FILE + "." + maxFiles));
        for (int i = maxFiles - 1; i >= 1; i--) {
            Path from = dir.resolve(FILE + "." + i);
            if (Files.exists(from)) {
                Files.move(from, dir.resolve(FILE + "." + (i + 1)), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(dir.resolve(FILE), dir.resolve(FILE + ".1"), StandardCopyOption.REPLACE_EXISTING);
        open();
    }

    private void closeQuietly() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // reopened on the next event
            }
            out = null;
        }
    }

    public synchronized void close() {
        closeQuietly();
    }

}
