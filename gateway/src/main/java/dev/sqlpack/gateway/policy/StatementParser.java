package dev.sqlpack.gateway.policy;

import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.internal.TableEnvironmentInternal;
import org.apache.flink.table.gateway.api.SqlGatewayService;
import org.apache.flink.table.gateway.api.session.SessionHandle;
import org.apache.flink.table.gateway.service.SqlGatewayServiceImpl;
import org.apache.flink.table.operations.Operation;

/**
 * The one place that reaches into the gateway's internal classes: the session's own table
 * environment and parser, so a statement is read exactly as the gateway will read it (the
 * session's catalogs, dialect and the statement's configuration included). Parsing has no side
 * effects; it converts the statement to operations without executing them.
 */
public final class StatementParser {
    private final SqlGatewayServiceImpl service;

    public StatementParser(SqlGatewayService service) {
        if (!(service instanceof SqlGatewayServiceImpl impl)) {
            throw new IllegalArgumentException("the sqlpack endpoint needs Flink's own SqlGatewayServiceImpl, got "
                    + service.getClass().getName());
        }
        this.service = impl;
    }

    /** The operations of {@code statement} in the session, with {@code statementConfig} applied. */
    public List<Operation> parse(SessionHandle session, String statement, Configuration statementConfig) {
        return environment(session, statementConfig).getParser().parse(statement);
    }

    /** Every module loaded in the session and the ones in use, in resolution order. */
    public Modules modules(SessionHandle session) {
        TableEnvironmentInternal env = environment(session, new Configuration());
        return new Modules(List.of(env.listFullModules()).stream().map(m -> m.name()).toList(), List.of(env.listModules()));
    }

    public record Modules(List<String> loaded, List<String> used) {}

    private TableEnvironmentInternal environment(SessionHandle session, Configuration statementConfig) {
        return service.getSession(session).createExecutor(statementConfig).getTableEnvironment();
    }
}
