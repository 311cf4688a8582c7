package dev.sqlpack.stack;

import dev.sqlpack.gateway.auth.IdentitiesFile;
import dev.sqlpack.gateway.auth.Identity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The local stack's side of the gateway extension (gateway/): where its files live under the
 * state directory, the config.yaml keys that switch it on, and the local user's admin token.
 *
 * <pre>
 * &lt;state&gt;/conf/identities           identities and token hashes (the extension re-reads it)
 * &lt;state&gt;/conf/session-init.sql     gateway-config/init.sql, resolved; run in every new session
 * &lt;state&gt;/gateway/admin.token       the local user's admin token (rw-------), read by ./sqlpack's clients
 * &lt;state&gt;/gateway/audit/audit.jsonl the audit log
 * </pre>
 */
public final class GatewayExtension {
    private GatewayExtension() {}

    public static Path identitiesFile(StackConfig c) {
        return c.confDir().resolve("identities");
    }

    public static Path sessionInitFile(StackConfig c) {
        return c.confDir().resolve("session-init.sql");
    }

    public static Path tokenFile(StackConfig c) {
        return c.stateDir().resolve("gateway/admin.token");
    }

    public static Path auditDir(StackConfig c) {
        return c.stateDir().resolve("gateway/audit");
    }

    /** The directory analysts' filesystem tables must live under. */
    public static Path analystDataDir(StackConfig c) {
        return c.stateDir().resolve("data");
    }

    /** The config.yaml keys that select the sqlpack endpoint for the gateway. */
    public static Map<String, String> configOverrides(StackConfig c) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("sql-gateway.endpoint.type", "sqlpack");
        m.put("sql-gateway.endpoint.sqlpack.identities-file", identitiesFile(c).toString());
        m.put("sql-gateway.endpoint.sqlpack.session-init-file", sessionInitFile(c).toString());
        m.put("sql-gateway.endpoint.sqlpack.audit.dir", auditDir(c).toString());
        m.put("sql-gateway.endpoint.sqlpack.policy.analyst.filesystem-root", analystDataDir(c).toString());
        return m;
    }

    /**
     * Makes sure the identities file exists (seeded from gateway-config/identities) and that the
     * local user has an admin token in {@link #tokenFile}; an existing token is kept while its
     * identity is still in the file.
     */
    public static void prepare(StackConfig c, Path template) {
        try {
            Path ids = identitiesFile(c);
            Files.createDirectories(c.confDir());
            Files.createDirectories(analystDataDir(c));
            if (!Files.exists(ids)) {
                Files.writeString(ids, Files.exists(template) ? Files.readString(template) : "");
                IdentitiesFile.ownerOnly(ids);
            }
            String user = localAdminName();
            Path tokenFile = tokenFile(c);
            boolean known = IdentitiesFile.read(ids).stream().anyMatch(e -> e.isToken() && e.name().equals(user));
            if (Files.exists(tokenFile) && known) {
                return;
            }
            IdentitiesFile.revoke(ids, user);
            String token = IdentitiesFile.createToken(ids, user, Identity.Role.ADMIN);
            Path dir = tokenFile.getParent();
            Files.createDirectories(dir);
            try {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException ignored) {
                // not POSIX
            }
            Path tmp = Files.createTempFile(dir, ".admin", ".tmp");
            IdentitiesFile.ownerOnly(tmp);
            Files.writeString(tmp, token + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, tokenFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The local admin's name in the identities file: the OS user, made a valid identity name. */
    public static String localAdminName() {
        String u = System.getProperty("user.name", "admin").replaceAll("[^A-Za-z0-9._@-]", "-");
        return u.isEmpty() || !Character.isLetterOrDigit(u.charAt(0)) ? "admin" : u;
    }

    /** The local admin token of the stack in {@code c}'s state directory, if the extension made one. */
    public static Optional<String> token(StackConfig c) {
        Path f = tokenFile(c);
        try {
            return Files.exists(f) ? Optional.of(Files.readString(f).trim()).filter(s -> !s.isEmpty()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the gateway token " + f + ": " + e.getMessage(), e);
        }
    }

    /** Stops clients from sending a token to a stack started with --no-auth. */
    public static void forgetToken(StackConfig c) {
        try {
            Files.deleteIfExists(tokenFile(c));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
