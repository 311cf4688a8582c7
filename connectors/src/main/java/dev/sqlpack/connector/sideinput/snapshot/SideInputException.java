package dev.sqlpack.connector.sideinput.snapshot;

/** Fails the job: a load failed under {@code 'refresh.on-failure' = 'fail'}, or the snapshot is too stale. */
public final class SideInputException extends RuntimeException {
    public SideInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
