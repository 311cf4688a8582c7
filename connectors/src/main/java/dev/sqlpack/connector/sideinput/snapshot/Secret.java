package dev.sqlpack.connector.sideinput.snapshot;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.annotation.Nullable;

/**
 * A credential that must reach the source but never a log, an error or a registry key:
 * {@link #toString()} is {@code ***}; only {@link #reveal()} gives the value.
 */
public final class Secret implements Serializable {
    private static final long serialVersionUID = 1L;
    // per JVM and never serialized: a fingerprint compares secrets inside this JVM only, and
    // cannot be matched against a precomputed table elsewhere
    private static final byte[] SALT = new byte[16];

    static {
        new SecureRandom().nextBytes(SALT);
    }

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** The secret, or {@code null} when the option is not set. */
    @Nullable
    public static Secret ofNullable(@Nullable String value) {
        return value == null ? null : new Secret(value);
    }

    public String reveal() {
        return value;
    }

    /**
     * A salted SHA-256 of {@code parts} (any of them may be a secret): equal inputs give equal
     * fingerprints in this JVM, and the fingerprint does not give the inputs away.
     */
    static String fingerprint(@Nullable String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(SALT);
            for (String p : parts) {
                // a marker byte per part, so ("ab", null) and ("a", "b") differ
                sha.update(p == null ? (byte) 0 : (byte) 1);
                if (p != null) {
                    sha.update(p.getBytes(StandardCharsets.UTF_8));
                }
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && value.equals(s.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "***";
    }
}
