package dev.sqlpack.connector.rabbitmq.core;

import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.io.Serializable;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

/**
 * Where the broker is and how to log in, either as one AMQP URI or as host, port, virtual host and
 * credentials; opens connections with the errors turned into messages that name the option to fix.
 */
public final class ConnectionSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String uri;
    private final String host;
    private final int port;
    private final String virtualHost;
    private final String username;
    private final String password;
    private final Duration connectionTimeout;
    private final Duration reconnectTimeout;
    private final Duration maxBackoff;

    private ConnectionSettings(String uri, String host, int port, String virtualHost, String username,
            String password, Duration connectionTimeout, Duration reconnectTimeout, Duration maxBackoff) {
        this.uri = uri;
        this.host = host;
        this.port = port;
        this.virtualHost = virtualHost;
        this.username = username;
        this.password = password;
        this.connectionTimeout = connectionTimeout;
        this.reconnectTimeout = reconnectTimeout;
        this.maxBackoff = maxBackoff;
    }

    public static ConnectionSettings ofUri(String uri, Duration connectionTimeout, Duration reconnectTimeout,
            Duration maxBackoff) {
        return new ConnectionSettings(uri, null, 0, null, null, null, connectionTimeout, reconnectTimeout, maxBackoff);
    }

    public static ConnectionSettings ofHost(String host, int port, String virtualHost, String username,
            String password, Duration connectionTimeout, Duration reconnectTimeout, Duration maxBackoff) {
        return new ConnectionSettings(null, host, port, virtualHost, username, password, connectionTimeout,
                reconnectTimeout, maxBackoff);
    }

    public Duration reconnectTimeout() {
        return reconnectTimeout;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** A factory for these settings; automatic recovery off, because the source must know about gaps. */
    public ConnectionFactory factory() {
        ConnectionFactory f = new ConnectionFactory();
        if (uri != null) {
            try {
                f.setUri(uri);
            } catch (URISyntaxException | GeneralSecurityException | IllegalArgumentException e) {
                throw new IllegalArgumentException("'uri' is not a valid AMQP URI: '" + redacted() + "' ("
                        + e.getMessage() + "). Example: 'amqp://user:secret@127.0.0.1:5672/%2F'.", e);
            }
        } else {
            f.setHost(host);
            f.setPort(port);
            f.setVirtualHost(virtualHost);
            f.setUsername(username);
            f.setPassword(password);
        }
        f.setAutomaticRecoveryEnabled(false);
        f.setTopologyRecoveryEnabled(false);
        f.setConnectionTimeout((int) Math.min(Integer.MAX_VALUE, connectionTimeout.toMillis()));
        f.setHandshakeTimeout((int) Math.min(Integer.MAX_VALUE, connectionTimeout.toMillis()));
        f.setRequestedHeartbeat(30);
        return f;
    }

    /**
     * Opens a connection, or throws {@link RabbitMqConnectException} with a message that names the
     * broker and the options to check.
     */
    public Connection connect(String clientName) throws RabbitMqConnectException {
        ConnectionFactory f = factory();
        try {
            return f.newConnection(clientName);
        } catch (AuthenticationFailureException e) {
            throw new RabbitMqConnectException("RabbitMQ at " + redacted() + " refused the login of user '"
                    + f.getUsername() + "' (" + e.getMessage() + "). Fix "
                    + (uri != null ? "the user and password in 'uri'" : "'username' and 'password'") + ".",
                    true, e);
        } catch (IOException | TimeoutException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            boolean vhost = String.valueOf(root.getMessage()).contains("NOT_ALLOWED")
                    || String.valueOf(e.getMessage()).contains("vhost");
            throw new RabbitMqConnectException("Cannot connect to RabbitMQ at " + redacted() + ": "
                    + root.getClass().getSimpleName() + ": " + root.getMessage() + ". "
                    + (vhost ? "Check the virtual host ('" + f.getVirtualHost() + "') and the user's permissions on it."
                            : "Is the broker running? Check " + (uri != null ? "'uri'" : "'host' and 'port'") + "."),
                    vhost, e);
        }
    }

    /** The broker's address for messages: the URI without its password. */
    public String redacted() {
        if (uri != null) {
            return uri.replaceFirst("^(amqps?://[^:@/]*):[^@/]*@", "$1:***@");
        }
        String vh = virtualHost.equals("/") ? "%2F" : virtualHost;
        return "amqp://" + username + "@" + host + ":" + port + "/" + vh;
    }

    @Override
    public String toString() {
        return redacted();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectionSettings c && Objects.equals(uri, c.uri) && Objects.equals(host, c.host)
                && port == c.port && Objects.equals(virtualHost, c.virtualHost) && Objects.equals(username, c.username)
                && Objects.equals(password, c.password) && connectionTimeout.equals(c.connectionTimeout)
                && reconnectTimeout.equals(c.reconnectTimeout) && maxBackoff.equals(c.maxBackoff);
    }

    @Override
    public int hashCode() {
        return Objects.hash(uri, host, port, virtualHost, username);
    }
}
