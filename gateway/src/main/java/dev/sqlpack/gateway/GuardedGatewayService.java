package dev.sqlpack.gateway;

import dev.sqlpack.gateway.auth.Caller;
import dev.sqlpack.gateway.auth.Identity;
import dev.sqlpack.gateway.policy.Policy;
import dev.sqlpack.gateway.policy.Refusal;
import dev.sqlpack.gateway.policy.StatementParser;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpResponseStatus;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.ObjectIdentifier;
import org.apache.flink.table.catalog.ResolvedCatalogBaseTable;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.catalog.UnresolvedIdentifier;
import org.apache.flink.table.functions.FunctionDefinition;
import org.apache.flink.table.gateway.api.SqlGatewayService;
import org.apache.flink.table.gateway.api.endpoint.EndpointVersion;
import org.apache.flink.table.gateway.api.operation.OperationHandle;
import org.apache.flink.table.gateway.api.results.FetchOrientation;
import org.apache.flink.table.gateway.api.results.FunctionInfo;
import org.apache.flink.table.gateway.api.results.GatewayInfo;
import org.apache.flink.table.gateway.api.results.OperationInfo;
import org.apache.flink.table.gateway.api.results.ResultSet;
import org.apache.flink.table.gateway.api.results.TableInfo;
import org.apache.flink.table.gateway.api.session.SessionEnvironment;
import org.apache.flink.table.gateway.api.session.SessionHandle;
import org.apache.flink.table.gateway.api.utils.SqlGatewayException;
import org.apache.flink.table.operations.LoadModuleOperation;
import org.apache.flink.table.operations.Operation;

/**
 * The gateway service as the sqlpack endpoint exposes it: every call that runs SQL or changes
 * configuration passes the caller's role policy and limits, is audited, and new sessions start
 * with the session-init statements already run. Refusals reach the client as HTTP 403 (policy) or
 * 429 (limits) with a one-line message; the session stays usable.
 */
final class GuardedGatewayService implements SqlGatewayService {
    /** The option that fixes the next job's id (Flink's PipelineOptionsInternal.PIPELINE_FIXED_JOB_ID). */
    static final String FIXED_JOB_ID = "$internal.pipeline.job-id";
    /** Keys a client sends about its own connection (the SQL client sends its whole config); dropped at open. */
    private static final List<String> CLIENT_TRANSPORT_PREFIXES = List.of("security.ssl.", "$internal.deployment.");

    private final SqlGatewayService delegate;
    private final GatewayGuard guard;
    private final StatementParser parser;
    private final SessionInit init;
    private final JobTracker jobs;
    private final Map<String, String> gatewayConfig;
    private final Map<OperationHandle, Op> operations = new ConcurrentHashMap<>();
    private final Object openLock = new Object();

    private record Op(Identity who, String session, boolean jobKnown) {}

    GuardedGatewayService(SqlGatewayService delegate, GatewayGuard guard, SessionInit init, JobTracker jobs,
            ReadableConfig gatewayConfig) {
        this.delegate = delegate;
        this.guard = guard;
        this.parser = new StatementParser(delegate);
        this.init = init;
        this.jobs = jobs;
        this.gatewayConfig = gatewayConfig.toMap();
    }

    // ---- sessions ------------------------------------------------------------------------

    @Override
    public SessionHandle openSession(SessionEnvironment environment) throws SqlGatewayException {
        Caller c = caller();
        Identity who = c.identity();
        Map<String, String> props = new HashMap<>();
        for (Map.Entry<String, String> e : environment.getSessionConfig().entrySet()) {
            String k = e.getKey();
            boolean transport = CLIENT_TRANSPORT_PREFIXES.stream().anyMatch(k::startsWith);
            boolean unchanged = e.getValue() != null && e.getValue().equals(gatewayConfig.get(k));
            if (who.isAdmin() || !(transport || unchanged)) {
                props.put(k, e.getValue());
            }
        }
        Optional<Refusal> r = guard.policy().checkConfig(who, props, "when opening a session");
        if (r.isPresent()) {
            guard.audit().refused("session_open", who, c.remoteAddress(), null, null, props, r.get());
            throw refusal(r.get(), HttpResponseStatus.FORBIDDEN);
        }
        if (!who.isAdmin()) {
            // OPTIONS hints would bypass the connector rules; Flink itself then refuses them
            props.put("table.dynamic-table-options.enabled", "false");
        }
        String pending = "pending-" + UUID.randomUUID();
        synchronized (openLock) {
            int max = guard.limits().sessions(who);
            int open = guard.sessions().countOwnedBy(who.name());
            if (max >= 0 && open >= max) {
                Refusal limit = new Refusal("max-sessions", "Refused by the sqlpack gateway: " + who.name() + " (role "
                        + who.role().id() + ") already has " + open + " open sessions, the limit of limits."
                        + who.role().id() + ".max-sessions (" + max + "). Close a session or wait for an idle one to expire.");
                guard.audit().refused("session_open", who, c.remoteAddress(), null, null, props, limit);
                throw refusal(limit, HttpResponseStatus.TOO_MANY_REQUESTS);
            }
            guard.sessions().opened(pending, who.name(), System.currentTimeMillis());
        }
        try {
            SessionEnvironment.Builder b = SessionEnvironment.newBuilder()
                    .setSessionEndpointVersion(environment.getSessionEndpointVersion())
                    .addSessionConfig(props);
            environment.getSessionName().ifPresent(b::setSessionName);
            environment.getDefaultCatalog().ifPresent(b::setDefaultCatalog);
            environment.getRegisteredCatalogCreators().forEach(b::registerCatalogCreator);
            environment.getRegisteredModuleCreators().forEach(b::registerModuleCreatorAtHead);
            SessionHandle handle = delegate.openSession(b.build());
            try {
                init.run(delegate, handle);
            } catch (RuntimeException e) {
                closeQuietly(handle);
                throw e;
            }
            guard.sessions().opened(handle.toString(), who.name(), System.currentTimeMillis());
            guard.audit().sessionOpened(who, c.remoteAddress(), handle.toString(), props);
            return handle;
        } finally {
            guard.sessions().closed(pending);
        }
    }

    @Override
    public void closeSession(SessionHandle sessionHandle) throws SqlGatewayException {
        Caller c = caller();
        try {
            delegate.closeSession(sessionHandle);
        } finally {
            guard.sessions().closed(sessionHandle.toString());
            operations.values().removeIf(o -> o.session().equals(sessionHandle.toString()));
            guard.audit().sessionClosed(c.identity(), c.remoteAddress(), sessionHandle.toString(), "closed by client");
        }
    }

    /** Closes sessions idle past the gateway's idle timeout (it expired them already or will); frees their slots. */
    void sweep(long idleTimeoutMillis) {
        long cutoff = System.currentTimeMillis() - idleTimeoutMillis;
        for (String h : guard.sessions().idleSince(cutoff)) {
            if (h.startsWith("pending-")) {
                continue;
            }
            closeQuietly(new SessionHandle(UUID.fromString(h)));
            String owner = guard.sessions().owner(h).orElse(null);
            guard.sessions().closed(h);
            operations.values().removeIf(o -> o.session().equals(h));
            guard.audit().sessionExpired(owner, h);
        }
    }

    private void closeQuietly(SessionHandle h) {
        try {
            delegate.closeSession(h);
        } catch (RuntimeException ignored) {
            // already expired inside the gateway
        }
    }

    @Override
    public void configureSession(SessionHandle sessionHandle, String statement, long executionTimeoutMs)
            throws SqlGatewayException {
        Caller c = touch(sessionHandle);
        String stmt = check("configure", c, sessionHandle, statement, new Configuration()).statement();
        guard.audit().statement("configure", c.identity(), c.remoteAddress(), sessionHandle.toString(), null, stmt, null, null);
        delegate.configureSession(sessionHandle, stmt, executionTimeoutMs);
    }

    // ---- statements ----------------------------------------------------------------------

    @Override
    public OperationHandle executeStatement(SessionHandle sessionHandle, String statement, long executionTimeoutMs,
            Configuration executionConfig) throws SqlGatewayException {
        Caller c = touch(sessionHandle);
        Configuration conf = executionConfig == null ? new Configuration() : executionConfig;
        Map<String, String> confMap = conf.toMap();
        Optional<Refusal> r = guard.policy().checkConfig(c.identity(), confMap, "in a statement's configuration");
        if (r.isPresent()) {
            guard.audit().refused("statement", c.identity(), c.remoteAddress(), sessionHandle.toString(), statement, confMap, r.get());
            throw refusal(r.get(), HttpResponseStatus.FORBIDDEN);
        }
        Checked checked = check("statement", c, sessionHandle, statement, conf);
        String jobId = null;
        if (checked.startsJob()) {
            checkRunningJobs(c, sessionHandle, statement);
            JobID id = new JobID();
            conf = new Configuration(conf);
            conf.setString(FIXED_JOB_ID, id.toHexString());
            jobs.started(id, c.identity().name(), System.currentTimeMillis());
            jobId = id.toHexString();
        }
        OperationHandle op = delegate.executeStatement(sessionHandle, checked.statement(), executionTimeoutMs, conf);
        operations.put(op, new Op(c.identity(), sessionHandle.toString(), jobId != null));
        guard.audit().statement("statement", c.identity(), c.remoteAddress(), sessionHandle.toString(), op.toString(),
                checked.statement(), confMap, jobId);
        return op;
    }

    private record Checked(String statement, boolean startsJob) {}

    /**
     * Parses the statement as the session will (analysts always; admins only when it may be a
     * LOAD MODULE), refuses what the policy forbids, and turns a LOAD MODULE of a module the
     * session already has (the session-init loaded it) into a no-op, so scripts written for a
     * stock gateway keep working.
     */
    private Checked check(String event, Caller c, SessionHandle session, String statement, Configuration conf) {
        Identity who = c.identity();
        boolean mayBeLoad = SessionInit.firstWord(statement).equalsIgnoreCase("load");
        if (who.isAdmin() && !mayBeLoad) {
            return new Checked(statement, false);
        }
        List<Operation> ops;
        try {
            ops = parser.parse(session, statement, conf);
        } catch (RuntimeException e) {
            if (who.isAdmin()) {
                return new Checked(statement, false); // fails the same way when executed, with Flink's message
            }
            Refusal unparsable = new Refusal("unparsable", "The sqlpack gateway could not check this statement, so it "
                    + "was not run: " + rootMessage(e));
            guard.audit().refused(event, who, c.remoteAddress(), session.toString(), statement, null, unparsable);
            throw refusal(unparsable, HttpResponseStatus.BAD_REQUEST);
        }
        if (ops.size() == 1 && ops.get(0) instanceof LoadModuleOperation load) {
            StatementParser.Modules m = parser.modules(session);
            if (m.loaded().contains(load.getModuleName())) {
                return new Checked("USE MODULES " + m.used().stream().map(n -> "`" + n.replace("`", "``") + "`")
                        .collect(Collectors.joining(", ")), false);
            }
        }
        boolean startsJob = false;
        for (Operation op : ops) {
            Optional<Refusal> r = guard.policy().check(who, op, job -> jobs.owns(who.name(), job));
            if (r.isPresent()) {
                guard.audit().refused(event, who, c.remoteAddress(), session.toString(), statement, null, r.get());
                throw refusal(r.get(), HttpResponseStatus.FORBIDDEN);
            }
            startsJob |= Policy.startsJob(op);
        }
        return new Checked(statement, startsJob);
    }

    private void checkRunningJobs(Caller c, SessionHandle session, String statement) {
        Identity who = c.identity();
        int max = guard.limits().runningJobs(who);
        if (max < 0) {
            return;
        }
        int running = jobs.running(who.name(), System.currentTimeMillis());
        if (running >= max) {
            Refusal limit = new Refusal("max-running-jobs", "Refused by the sqlpack gateway: " + who.name() + " (role "
                    + who.role().id() + ") already runs " + running + " jobs, the limit of limits." + who.role().id()
                    + ".max-running-jobs (" + max + "). Stop one (STOP JOB '<id>') or wait for one to finish.");
            guard.audit().refused("statement", who, c.remoteAddress(), session.toString(), statement, null, limit);
            throw refusal(limit, HttpResponseStatus.TOO_MANY_REQUESTS);
        }
    }

    @Override
    public ResultSet fetchResults(SessionHandle sessionHandle, OperationHandle operationHandle, long token, int maxRows)
            throws SqlGatewayException {
        touch(sessionHandle);
        return noteJob(operationHandle, delegate.fetchResults(sessionHandle, operationHandle, token, maxRows));
    }

    @Override
    public ResultSet fetchResults(SessionHandle sessionHandle, OperationHandle operationHandle,
            FetchOrientation orientation, int maxRows) throws SqlGatewayException {
        touch(sessionHandle);
        return noteJob(operationHandle, delegate.fetchResults(sessionHandle, operationHandle, orientation, maxRows));
    }

    /** A job whose id was not fixed in advance (admin statements are not parsed) is recorded when its id shows. */
    private ResultSet noteJob(OperationHandle handle, ResultSet rs) {
        Op op = operations.get(handle);
        // a NOT_READY page has no job id (asking for it throws)
        if (op != null && !op.jobKnown() && rs != null && rs.getResultType() != ResultSet.ResultType.NOT_READY) {
            JobID id = rs.getJobID();
            if (id != null) {
                operations.put(handle, new Op(op.who(), op.session(), true));
                jobs.started(id, op.who().name(), System.currentTimeMillis());
                guard.audit().job(op.who(), op.session(), handle.toString(), id.toHexString());
            }
        }
        return rs;
    }

    @Override
    public OperationHandle refreshMaterializedTable(SessionHandle sessionHandle, String materializedTableIdentifier,
            boolean isPeriodic, String scheduleTime, Map<String, String> dynamicOptions,
            Map<String, String> staticPartitions, Map<String, String> executionConfig) {
        Caller c = touch(sessionHandle);
        adminOnly(c, sessionHandle, "refresh materialized table " + materializedTableIdentifier, "materialized-table");
        guard.audit().statement("refresh", c.identity(), c.remoteAddress(), sessionHandle.toString(), null,
                "REFRESH MATERIALIZED TABLE " + materializedTableIdentifier, executionConfig, null);
        return delegate.refreshMaterializedTable(sessionHandle, materializedTableIdentifier, isPeriodic, scheduleTime,
                dynamicOptions, staticPartitions, executionConfig);
    }

    @Override
    public <ClusterID> ClusterID deployScript(SessionHandle sessionHandle, URI scriptUri, String script,
            Configuration executionConfig) throws SqlGatewayException {
        Caller c = touch(sessionHandle);
        adminOnly(c, sessionHandle, "deploy a script", "deploy-script");
        guard.audit().statement("deploy_script", c.identity(), c.remoteAddress(), sessionHandle.toString(), null,
                script != null ? script : String.valueOf(scriptUri), executionConfig == null ? null : executionConfig.toMap(), null);
        return delegate.deployScript(sessionHandle, scriptUri, script, executionConfig);
    }

    @Override
    public OperationHandle submitOperation(SessionHandle sessionHandle, Callable<ResultSet> executor)
            throws SqlGatewayException {
        Caller c = touch(sessionHandle);
        adminOnly(c, sessionHandle, "submit a custom operation", "custom-operation");
        return delegate.submitOperation(sessionHandle, executor);
    }

    private void adminOnly(Caller c, SessionHandle session, String what, String rule) {
        if (!c.identity().isAdmin()) {
            Refusal r = new Refusal(rule, "Refused by the sqlpack gateway policy (rule '" + rule + "'): " + c.identity().name()
                    + " (role " + c.identity().role().id() + ") may not " + what + ". Only the admin role may; ask an admin.");
            guard.audit().refused("statement", c.identity(), c.remoteAddress(), session.toString(), what, null, r);
            throw refusal(r, HttpResponseStatus.FORBIDDEN);
        }
    }

    // ---- plain delegation (the session's owner was checked by the authentication handler) ----

    @Override
    public Map<String, String> getSessionConfig(SessionHandle sessionHandle) throws SqlGatewayException {
        touch(sessionHandle);
        return delegate.getSessionConfig(sessionHandle);
    }

    @Override
    public EndpointVersion getSessionEndpointVersion(SessionHandle sessionHandle) throws SqlGatewayException {
        touch(sessionHandle);
        return delegate.getSessionEndpointVersion(sessionHandle);
    }

    @Override
    public void cancelOperation(SessionHandle sessionHandle, OperationHandle operationHandle) throws SqlGatewayException {
        touch(sessionHandle);
        delegate.cancelOperation(sessionHandle, operationHandle);
    }

    @Override
    public void closeOperation(SessionHandle sessionHandle, OperationHandle operationHandle) throws SqlGatewayException {
        touch(sessionHandle);
        operations.remove(operationHandle);
        delegate.closeOperation(sessionHandle, operationHandle);
    }

    @Override
    public OperationInfo getOperationInfo(SessionHandle sessionHandle, OperationHandle operationHandle)
            throws SqlGatewayException {
        touch(sessionHandle);
        return delegate.getOperationInfo(sessionHandle, operationHandle);
    }

    @Override
    public ResolvedSchema getOperationResultSchema(SessionHandle sessionHandle, OperationHandle operationHandle)
            throws SqlGatewayException {
        touch(sessionHandle);
        return delegate.getOperationResultSchema(sessionHandle, operationHandle);
    }

    @Override
    public String getCurrentCatalog(SessionHandle sessionHandle) throws SqlGatewayException {
        touch(sessionHandle);
        return delegate.getCurrentCatalog(sessionHandle);
    }

    @Override
    public Set<String> listCatalogs(SessionHandle sessionHandle) throws SqlGatewayException {
        touch(sessionHandle);
        return delegate.listCatalogs(sessionHandle);
    }

    @Override
    public Set<String> listDatabases(SessionHandle sessionHandle, String catalogName) throws SqlGatewayException {
        touch(sessionHandle);
        return delegate.listDatabases(sessionHandle, catalogName);
    }

    @Override
    public Set<TableInfo> listTables(SessionHandle sessionHandle, String catalogName, String databaseName,
            Set<CatalogBaseTable.TableKind> tableKinds) throws SqlGatewayException {
        touch(sessionHandle);
        return delegate.listTables(sessionHandle, catalogName, databaseName, tableKinds);
    }

    @Override
    public ResolvedCatalogBaseTable<?> getTable(SessionHandle sessionHandle, ObjectIdentifier tableIdentifier)
            throws SqlGatewayException {
        touch(sessionHandle);
        return delegate.getTable(sessionHandle, tableIdentifier);
    }

    @Override
    public Set<FunctionInfo> listUserDefinedFunctions(SessionHandle sessionHandle, String catalogName,
            String databaseName) throws SqlGatewayException {
        touch(sessionHandle);
        return delegate.listUserDefinedFunctions(sessionHandle, catalogName, databaseName);
    }

    @Override
    public Set<FunctionInfo> listSystemFunctions(SessionHandle sessionHandle) throws SqlGatewayException {
        touch(sessionHandle);
        return delegate.listSystemFunctions(sessionHandle);
    }

    @Override
    public FunctionDefinition getFunctionDefinition(SessionHandle sessionHandle, UnresolvedIdentifier functionIdentifier)
            throws SqlGatewayException {
        touch(sessionHandle);
        return delegate.getFunctionDefinition(sessionHandle, functionIdentifier);
    }

    @Override
    public GatewayInfo getGatewayInfo() {
        return delegate.getGatewayInfo();
    }

    @Override
    public List<String> completeStatement(SessionHandle sessionHandle, String statement, int position)
            throws SqlGatewayException {
        touch(sessionHandle);
        return delegate.completeStatement(sessionHandle, statement, position);
    }

    // ---- helpers -------------------------------------------------------------------------

    /**
     * The authenticated caller. Flink's REST handlers call the service on the Netty thread that
     * authenticated the request; a call without one did not come through the handler and is refused.
     */
    private Caller caller() {
        Caller c = Caller.current();
        if (c == null) {
            throw new SqlGatewayException("The sqlpack gateway refused a call without an authenticated caller "
                    + "(it did not arrive through the authenticated REST endpoint).");
        }
        return c;
    }

    private Caller touch(SessionHandle session) {
        Caller c = caller();
        guard.sessions().touched(session.toString(), System.currentTimeMillis());
        return c;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String top = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        String root = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().lines().findFirst().orElse("");
        return t == e || top.contains(root) ? top : top + " (caused by: " + root + ")";
    }

    /** A refusal as Flink's REST layer turns it into an HTTP error: status and message, no stack trace. */
    static RuntimeException refusal(Refusal r, HttpResponseStatus status) {
        throw Sneaky.<RuntimeException>raise(new RefusedException(r, status));
    }

    private static final class Sneaky {
        @SuppressWarnings("unchecked")
        static <E extends Throwable> E raise(Throwable t) throws E {
            throw (E) t;
        }
    }
}
