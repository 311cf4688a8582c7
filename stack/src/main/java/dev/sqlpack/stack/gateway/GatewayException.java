package dev.sqlpack.stack.gateway;

/** A statement or request the SQL gateway rejected; the message is the gateway's own root cause. */
public final class GatewayException extends RuntimeException {
    private final String details;

    public GatewayException(String message, String details) {
        super(message);
        this.details = details;
    }

    /** The gateway's full error text (usually a Java stack trace). */
    public String details() {
        return details;
    }
}
