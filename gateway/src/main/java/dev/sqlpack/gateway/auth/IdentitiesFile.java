package dev.sqlpack.gateway.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The identities file: one identity per line, {@code #} starts a comment.
 *
 * <pre>
 * # NAME      ROLE     KIND   SALT(hex)                         SHA-256(salt || token) (hex)
 * alice       analyst  token  6f1c...                           9a0b...
 * etl-loader  admin    cert
 * </pre>
 *
 * A {@code token} line authenticates {@code Authorization: Bearer <token>}; only a salted hash of
 * the token is stored. A {@code cert} line accepts a TLS client certificate whose subject CN is
 * NAME. Tokens are 32 random bytes, so a fast hash is enough (nothing to brute-force); comparison
 * is constant-time.
 */
public final class IdentitiesFile {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();
    /** Prefix of every token this pack makes, so a leaked one is recognisable in logs and scanners. */
    public static final String TOKEN_PREFIX = "sqlp_";

    private IdentitiesFile() {}

    /** One line of the file. {@code salt} and {@code hash} are null for certificate identities. */
    public record Entry(String name, Identity.Role role, String kind, byte[] salt, byte[] hash) {
        public boolean isToken() {
            return "token".equals(kind);
        }

        public Identity identity() {
            return new Identity(name, role);
        }

        String line() {
            return isToken() ? String.join("  ", name, role.id(), kind, HEX.formatHex(salt), HEX.formatHex(hash))
                    : String.join("  ", name, role.id(), kind);
        }
    }

    /** Parses the file; a malformed line is an error naming the file, the line and the fix. */
    public static List<Entry> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the identities file " + file + ": " + e.getMessage(), e);
        }
        return parse(lines, file.toString());
    }

    static List<Entry> parse(List<String> lines, String source) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hashMark = line.indexOf('#');
            String content = (hashMark >= 0 ? line.substring(0, hashMark) : line).trim();
            if (content.isEmpty()) {
                continue;
            }
            String where = source + " line " + (i + 1);
            String[] f = content.split("\\s+");
            try {
                if (f.length < 3) {
                    throw new IllegalArgumentException("expected 'NAME ROLE token SALT HASH' or 'NAME ROLE cert'");
                }
                checkName(f[0]);
                Identity.Role role = Identity.Role.of(f[1]);
                Entry e = switch (f[2]) {
                    case "token" -> {
                        if (f.length != 5) {
                            throw new IllegalArgumentException("a token line is 'NAME ROLE token SALT HASH'");
                        }
                        yield new Entry(f[0], role, "token", HEX.parseHex(f[3]), HEX.parseHex(f[4]));
                    }
                    case "cert" -> {
                        if (f.length != 3) {
                            throw new IllegalArgumentException("a cert line is 'NAME ROLE cert' (NAME is the certificate's CN)");
                        }
                        yield new Entry(f[0], role, "cert", null, null);
                    }
                    default -> throw new IllegalArgumentException("unknown kind '" + f[2] + "': use token or cert");
                };
                if (entries.stream().anyMatch(x -> x.name().equals(e.name()) && x.kind().equals(e.kind()))) {
                    throw new IllegalArgumentException("'" + e.name() + "' appears twice");
                }
                entries.add(e);
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("Bad identities file " + where + ": " + ex.getMessage(), ex);
            }
        }
        return entries;
    }

    /** A name: letters, digits, '.', '_', '@', '-', up to 64 characters, not starting with a symbol. */
    public static String checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a valid identity name: use letters, digits, "
                    + "'.', '_', '@' or '-' (up to 64, starting with a letter or digit)");
        }
        return name;
    }

    /** The identity whose token this is, comparing every stored hash in constant time. */
    public static Optional<Identity> matchToken(List<Entry> entries, String token) {
        byte[] presented = token.getBytes(StandardCharsets.UTF_8);
        Identity found = null;
        for (Entry e : entries) {
            // no early exit: the time taken does not tell which entry matched
            if (e.isToken() && MessageDigest.isEqual(hash(e.salt(), presented), e.hash()) && found == null) {
                found = e.identity();
            }
        }
        return Optional.ofNullable(found);
    }

    static byte[] hash(byte[] salt, byte[] token) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(salt);
            return md.digest(token);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new random token (printed once, never stored) and the entry that records its hash. */
    public static NewToken newToken(String name, Identity.Role role) {
        checkName(name);
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return new NewToken(token, new Entry(name, role, "token", salt, hash(salt, token.getBytes(StandardCharsets.UTF_8))));
    }

    public record NewToken(String token, Entry entry) {}

    /** Adds a token line for NAME (an error if NAME already has a token); returns the token. */
    public static String createToken(Path file, String name, Identity.Role role) {
        List<String> lines = existingLines(file);
        List<Entry> entries = parse(lines, file.toString());
        if (entries.stream().anyMatch(e -> e.name().equals(name) && e.isToken())) {
            throw new IllegalArgumentException("'" + name + "' already has a token in " + file
                    + ": revoke it first (token revoke " + name + ") or choose another name");
        }
        NewToken t = newToken(name, role);
        lines.add(t.entry().line());
        write(file, lines);
        return t.token();
    }

    /** Adds a certificate identity (the CN of a client certificate). */
    public static void addCertificate(Path file, String cn, Identity.Role role) {
        List<String> lines = existingLines(file);
        if (parse(lines, file.toString()).stream().anyMatch(e -> e.name().equals(cn) && !e.isToken())) {
            throw new IllegalArgumentException("'" + cn + "' already has a certificate entry in " + file);
        }
        lines.add(new Entry(checkName(cn), role, "cert", null, null).line());
        write(file, lines);
    }

    /** Removes every line of NAME; returns whether there was one. */
    public static boolean revoke(Path file, String name) {
        List<String> lines = existingLines(file);
        List<String> kept = new ArrayList<>();
        boolean removed = false;
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (!line.trim().startsWith("#") && f.length >= 3 && f[0].equals(name)) {
                removed = true;
            } else {
                kept.add(line);
            }
        }
        if (removed) {
            write(file, kept);
        }
        return removed;
    }

    private static List<String> existingLines(Path file) {
        try {
            return Files.exists(file) ? new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8)) : new ArrayList<>();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the file atomically (a reader never sees half a file), readable by the owner only. */
    private static void write(Path file, List<String> lines) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".identities", ".tmp");
            ownerOnly(tmp);
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the identities file " + file + ": " + e.getMessage(), e);
        }
    }

    /** rw------- where the file system knows POSIX permissions. */
    public static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: rely on the directory's permissions
        }
    }
}
