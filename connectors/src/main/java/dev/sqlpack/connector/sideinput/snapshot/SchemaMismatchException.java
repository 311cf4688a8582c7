package dev.sqlpack.connector.sideinput.snapshot;

/** The source lacks a declared column: retrying cannot help, so the first load fails at once. */
public final class SchemaMismatchException extends RuntimeException {
    public SchemaMismatchException(String message) {
        super(message);
    }
}
