package dev.sqlpack.connector.rabbitmq.core;

/** A connection attempt failed; {@link #permanent()} when retrying cannot help (bad credentials). */
public final class RabbitMqConnectException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean permanent;

    public RabbitMqConnectException(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
