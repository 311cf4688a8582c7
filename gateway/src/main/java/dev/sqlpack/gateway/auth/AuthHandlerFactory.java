package dev.sqlpack.gateway.auth;

import dev.sqlpack.gateway.GatewayGuard;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.io.network.netty.InboundChannelHandlerFactory;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelHandler;

/**
 * Service-loaded by every Flink REST endpoint in the JVM (the JobManager's too, when this jar is
 * on its class path). It adds the authentication handler only to an endpoint whose configuration
 * carries the key the sqlpack endpoint factory sets programmatically ({@link GatewayGuard#ENDPOINT_KEY});
 * any other endpoint is left exactly as stock Flink builds it.
 */
public final class AuthHandlerFactory implements InboundChannelHandlerFactory {
    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Optional<ChannelHandler> createHandler(Configuration configuration, Map<String, String> responseHeaders) {
        String id = configuration.toMap().get(GatewayGuard.ENDPOINT_KEY);
        if (id == null) {
            return Optional.empty();
        }
        GatewayGuard guard = GatewayGuard.byId(id)
                .orElseThrow(() -> new IllegalStateException("no sqlpack gateway endpoint with id " + id + " in this JVM"));
        guard.responseHeaders(responseHeaders);
        return Optional.of(guard.authHandler());
    }
}
