package dev.sqlpack.gateway;

import dev.sqlpack.gateway.policy.Refusal;
import org.apache.flink.runtime.rest.handler.RestHandlerException;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpResponseStatus;

/**
 * A refusal as Flink's REST layer sends it: the handler answers a {@link RestHandlerException}
 * with its status and its stack trace as text, so this one has no frames and prints as its
 * message alone. The client reads one line: the rule, the role, who may.
 */
final class RefusedException extends RestHandlerException {
    private static final long serialVersionUID = 1L;

    RefusedException(Refusal r, HttpResponseStatus status) {
        super(r.message(), status, LoggingBehavior.IGNORE);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    @Override
    public String toString() {
        return getMessage();
    }
}
