package dev.sqlpack.stack.cli;

import dev.sqlpack.stack.SqlPackHome;
import dev.sqlpack.stack.StackException;
import dev.sqlpack.stack.gateway.GatewayClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A SQL gateway other than the local stack's ({@code --gateway URL}): the one deployed on
 * Kubernetes by deploy/kubernetes, reached through {@code kubectl port-forward} or an
 * authenticating proxy. No local stack is needed; sessions start with deploy/kubernetes/init.sql.
 */
final class RemoteGateway {
    static final String OPTION_HELP = "A remote SQL gateway, e.g. http://127.0.0.1:18083 after 'kubectl port-forward' "
            + "(see deploy/kubernetes/README.md); no local stack is needed, and sessions start with deploy/kubernetes/init.sql.";
    static final String INIT_SQL = "deploy/kubernetes/init.sql";

    private final URI url;

    private RemoteGateway(URI url) {
        this.url = url;
    }

    /** The gateway at {@code value}, an http(s) URL with a host; a clear error otherwise. */
    static RemoteGateway parse(String value) {
        String hint = "'--gateway " + value + "' is not a gateway URL: use http://HOST:PORT or https://HOST:PORT"
                + " (e.g. http://127.0.0.1:18083 after 'kubectl port-forward svc/sqlpack-sql-gateway 18083:8083').";
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new StackException(hint);
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null) {
            throw new StackException(hint);
        }
        String s = uri.toString();
        return new RemoteGateway(URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s));
    }

    String url() {
        return url.toString();
    }

    /** The environment variable that carries a token for a remote gateway that runs the sqlpack extension. */
    static final String TOKEN_ENV = "SQLPACK_GATEWAY_TOKEN";

    GatewayClient client() {
        return new GatewayClient(url.toString()).withToken(token());
    }

    /** The bearer token for the remote gateway, from {@value #TOKEN_ENV}; null when unset or blank. */
    static String token() {
        String t = System.getenv(TOKEN_ENV);
        return t == null || t.isBlank() ? null : t.strip();
    }

    /** The init script for remote sessions; the remote cluster's catalogs differ from the local stack's. */
    static Path initSql(SqlPackHome home) {
        Path init = home.root().resolve(INIT_SQL);
        if (!Files.isRegularFile(init)) {
            throw new StackException("No " + init + ": restore it from the checkout, or pass --no-init.");
        }
        return init;
    }

    /**
     * A configuration folder for Flink's SQL client: an empty config.yaml, because the client sends
     * its whole configuration as session properties, and the local stack's loopback addresses and
     * paths must not reach a remote cluster's sessions; the client's log4j file.
     */
    static Path clientConfDir(SqlPackHome home, Path stateDir) {
        Path dir = stateDir.resolve("remote-gateway-conf");
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("config.yaml"),
                    "# ./sqlpack sql --gateway: empty on purpose; the remote gateway's own configuration applies.\n");
            Files.copy(home.gatewayConfig().resolve("log4j-cli.properties"), dir.resolve("log4j-cli.properties"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }
}
