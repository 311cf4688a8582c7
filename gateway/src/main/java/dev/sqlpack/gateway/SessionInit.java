package dev.sqlpack.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.table.gateway.api.SqlGatewayService;
import org.apache.flink.table.gateway.api.session.SessionHandle;

/**
 * The statements run server-side in every new session (e.g. gateway-config/init.sql: LOAD MODULE
 * sqlpack, the stack's catalogs), through the gateway's own configureSession, before the handle
 * reaches the client. The file is read at every open, so edits apply to the next session.
 */
final class SessionInit {
    /** configureSession of Flink 2.0.0 accepts no timeout (0 = none); the statements are DDL and settings. */
    private static final long TIMEOUT_MS = 0;
    private final Path file;

    SessionInit(Path file) {
        this.file = file;
    }

    List<String> statements() {
        if (file == null) {
            return List.of();
        }
        try {
            return SqlStatements.split(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the session-init file " + file + ": " + e.getMessage(), e);
        }
    }

    void run(SqlGatewayService service, SessionHandle session) {
        for (String s : statements()) {
            try {
                service.configureSession(session, s, TIMEOUT_MS);
            } catch (RuntimeException e) {
                Throwable root = e;
                while (root.getCause() != null && root.getCause() != root) {
                    root = root.getCause();
                }
                throw GuardedGatewayService.refusal(new dev.sqlpack.gateway.policy.Refusal("session-init",
                        "The session-init file " + file + " failed at: " + firstLine(s) + " (" + root.getMessage()
                                + "). Fix the file; new sessions cannot open until it runs."),
                        org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpResponseStatus.INTERNAL_SERVER_ERROR);
            }
        }
    }

    /** The statement's first line of code (comments above it skipped), for messages. */
    private static String firstLine(String s) {
        List<String> code = s.strip().lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("--")).toList();
        return code.isEmpty() ? s.strip() : code.get(0) + (code.size() > 1 ? " ..." : "");
    }

    /** The statement's first word, after whitespace and comments; empty if there is none. */
    static String firstWord(String statement) {
        int i = 0;
        int n = statement.length();
        while (i < n) {
            char c = statement.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (statement.startsWith("--", i)) {
                int end = statement.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (statement.startsWith("/*", i)) {
                int end = statement.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else {
                break;
            }
        }
        int start = i;
        while (i < n && Character.isLetter(statement.charAt(i))) {
            i++;
        }
        return statement.substring(start, i);
    }
}
