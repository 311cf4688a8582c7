package dev.sqlpack.stack;

/** A failure a user can act on; its message names the problem and the fix. */
public final class StackException extends RuntimeException {
    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
