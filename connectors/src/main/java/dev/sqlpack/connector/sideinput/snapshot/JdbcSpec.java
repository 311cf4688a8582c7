package dev.sqlpack.connector.sideinput.snapshot;

import javax.annotation.Nullable;

/**
 * A table ({@code table}) or a query ({@code query}, exactly one of the two) of a JDBC database.
 * The password is a {@link Secret}, and a password inside the URL is masked wherever the URL is shown.
 */
public record JdbcSpec(
        String url,
        @Nullable String table,
        @Nullable String query,
        @Nullable String username,
        @Nullable Secret password,
        @Nullable String versionQuery,
        int fetchSize) implements SourceSpec {

    @Override
    public Kind kind() {
        return Kind.JDBC;
    }

    /** The URL with any {@code password=} parameter replaced by {@code ***}. */
    public String maskedUrl() {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    /**
     * Credentials take part only as a salted fingerprint: two tables that differ only in the password
     * must not share a snapshot (one of them may not be allowed to read it), yet the key holds no secret.
     */
    @Override
    public String identity() {
        return this + " credentials#" + Secret.fingerprint(url, password == null ? null : password.reveal());
    }

    @Override
    public String toString() {
        return "jdbc " + maskedUrl() + (table != null ? " table " + table : " query [" + query + "]")
                + (username == null ? "" : " user " + username)
                + (versionQuery == null ? "" : " version-query [" + versionQuery + "]")
                + " fetch-size " + fetchSize;
    }
}
