package dev.sqlpack.gateway.auth;

import dev.sqlpack.gateway.GatewayGuard;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.flink.shaded.netty4.io.netty.buffer.Unpooled;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelFutureListener;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelHandler;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelHandlerContext;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelInboundHandlerAdapter;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.DefaultFullHttpResponse;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.FullHttpResponse;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpHeaderNames;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpRequest;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpResponseStatus;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpUtil;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpVersion;
import org.apache.flink.shaded.netty4.io.netty.handler.ssl.SslHandler;
import org.apache.flink.shaded.netty4.io.netty.util.ReferenceCountUtil;

/**
 * Authenticates every request on the gateway's REST endpoint: a bearer token, else a TLS client
 * certificate whose CN is a {@code cert} identity. Without one the request ends here with 401 and
 * a one-line JSON reason. A request naming a session opened by someone else gets 403. Otherwise
 * the identity rides along (see {@link Caller}) while Flink's handlers run. A request without
 * credentials from the gateway's own process (its embedded workflow scheduler) is
 * {@link #GATEWAY_ITSELF}, unless the endpoint is told not to trust it.
 */
@ChannelHandler.Sharable
public final class AuthHandler extends ChannelInboundHandlerAdapter {
    /** The identity of requests the gateway's process sends to itself (see {@link OwnProcessPeer}). */
    public static final Identity GATEWAY_ITSELF = new Identity("sqlpack-gateway-itself", Identity.Role.ADMIN);

    private final GatewayGuard guard;

    public AuthHandler(GatewayGuard guard) {
        this.guard = guard;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        String remote = address(ctx.channel().remoteAddress());
        Result r = authenticate(ctx, request);
        if (r.identity == null) {
            guard.audit().refusedRequest(null, remote, request.method().name() + " " + path(request.uri()), r.reason);
            reject(ctx, msg, request, HttpResponseStatus.UNAUTHORIZED, r.reason);
            return;
        }
        Optional<String> session = sessionOf(request.uri());
        if (session.isPresent()) {
            Optional<String> owner = guard.sessions().owner(session.get());
            if (owner.isPresent() && !owner.get().equals(r.identity.name())) {
                String reason = "session " + session.get() + " belongs to another identity; " + r.identity.name()
                        + " may use only the sessions it opened";
                guard.audit().refusedRequest(r.identity, remote, request.method().name() + " " + path(request.uri()), reason);
                reject(ctx, msg, request, HttpResponseStatus.FORBIDDEN, reason);
                return;
            }
        }
        Caller.set(new Caller(r.identity, remote));
        try {
            ctx.fireChannelRead(msg);
        } finally {
            Caller.clear();
        }
    }

    private record Result(Identity identity, String reason) {}

    private Result authenticate(ChannelHandlerContext ctx, HttpRequest request) {
        String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (header != null) {
            String h = header.trim();
            if (h.length() < 7 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return new Result(null, "unsupported Authorization scheme: send 'Authorization: Bearer <token>'");
            }
            String token = h.substring(7).trim();
            return guard.identities().byToken(token)
                    .map(i -> new Result(i, null))
                    .orElseGet(() -> new Result(null, "invalid or revoked token"));
        }
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        if (ssl != null) {
            try {
                Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
                if (chain.length > 0 && chain[0] instanceof X509Certificate x509) {
                    String cn = commonName(x509);
                    if (cn == null) {
                        return new Result(null, "the client certificate has no CN");
                    }
                    return guard.identities().byCertificateName(cn)
                            .map(i -> new Result(i, null))
                            .orElseGet(() -> new Result(null, "no identity for client certificate CN=" + cn));
                }
            } catch (SSLPeerUnverifiedException e) {
                // no client certificate: fall through
            }
        }
        if (guard.trustsOwnProcess() && ctx.channel().remoteAddress() instanceof InetSocketAddress peer
                && ctx.channel().localAddress() instanceof InetSocketAddress server && OwnProcessPeer.isOwnSocket(peer, server)) {
            return new Result(GATEWAY_ITSELF, null);
        }
        return new Result(null, "authentication required: send 'Authorization: Bearer <token>' or a client certificate");
    }

    static String commonName(X509Certificate cert) {
        try {
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    return String.valueOf(rdn.getValue());
                }
            }
        } catch (javax.naming.InvalidNameException e) {
            return null;
        }
        return null;
    }

    /** The session handle in {@code /v<N>/sessions/<handle>[/...]}, if the path names one. */
    static Optional<String> sessionOf(String uri) {
        String[] parts = path(uri).split("/");
        // "", "v2", "sessions", "<handle>", ...
        if (parts.length >= 4 && parts[2].equals("sessions") && parts[1].matches("v\\d+") && !parts[3].isEmpty()) {
            return Optional.of(parts[3]);
        }
        return Optional.empty();
    }

    static String path(String uri) {
        int q = uri.indexOf('?');
        return q >= 0 ? uri.substring(0, q) : uri;
    }

    private void reject(ChannelHandlerContext ctx, Object msg, HttpRequest request, HttpResponseStatus status, String reason) {
        ReferenceCountUtil.release(msg);
        byte[] body = ("{\"errors\":[" + jsonString(reason) + "]}").getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=UTF-8");
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        for (Map.Entry<String, String> h : guard.responseHeaders().entrySet()) {
            response.headers().set(h.getKey(), h.getValue());
        }
        if (status == HttpResponseStatus.UNAUTHORIZED) {
            response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"sqlpack\"");
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (keepAlive) {
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    static String jsonString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static String address(SocketAddress a) {
        return a instanceof InetSocketAddress i ? i.getAddress().getHostAddress() + ":" + i.getPort() : String.valueOf(a);
    }
}
