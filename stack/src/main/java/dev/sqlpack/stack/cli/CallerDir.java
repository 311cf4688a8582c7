package dev.sqlpack.stack.cli;

import java.nio.file.Path;

/**
 * The directory the user ran {@code ./sqlpack} from. The launcher changes to the checkout before
 * it starts Java (the build and the class path live there), so a relative path on the command
 * line ({@code submit my.sql}, {@code --state-dir st}, {@code --out report.json}) is resolved
 * against the caller's directory, which the launcher passes as {@code -Dsqlpack.cwd}.
 */
final class CallerDir {
    static final String PROPERTY = "sqlpack.cwd";

    private CallerDir() {}

    /** The caller's directory: -Dsqlpack.cwd, else this JVM's working directory. */
    static Path get() {
        String cwd = System.getProperty(PROPERTY);
        return (cwd == null || cwd.isBlank() ? Path.of("") : Path.of(cwd)).toAbsolutePath().normalize();
    }

    /** An absolute path as given; a relative one against the caller's directory. */
    static Path resolve(Path p) {
        return p.isAbsolute() ? p.normalize() : get().resolve(p).normalize();
    }

    static Path resolve(String p) {
        return resolve(Path.of(p));
    }

    /**
     * A savepoint location: a URI with a scheme (file:, s3:, hdfs: ...) as given, a plain path
     * resolved like any other path.
     */
    static String resolveLocation(String location) {
        return location.matches("[A-Za-z][A-Za-z0-9+.-]*:.*") ? location : resolve(location).toString();
    }
}
