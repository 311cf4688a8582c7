package dev.sqlpack.gateway.policy;

import dev.sqlpack.gateway.auth.Identity;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.flink.table.catalog.CatalogFunction;
import org.apache.flink.table.catalog.FunctionLanguage;
import org.apache.flink.table.operations.CallProcedureOperation;
import org.apache.flink.table.operations.CompileAndExecutePlanOperation;
import org.apache.flink.table.operations.CreateTableASOperation;
import org.apache.flink.table.operations.ExplainOperation;
import org.apache.flink.table.operations.LoadModuleOperation;
import org.apache.flink.table.operations.ModifyOperation;
import org.apache.flink.table.operations.Operation;
import org.apache.flink.table.operations.QueryOperation;
import org.apache.flink.table.operations.ReplaceTableAsOperation;
import org.apache.flink.table.operations.SinkModifyOperation;
import org.apache.flink.table.operations.StatementSetOperation;
import org.apache.flink.table.operations.command.AddJarOperation;
import org.apache.flink.table.operations.command.ExecutePlanOperation;
import org.apache.flink.table.operations.command.RemoveJarOperation;
import org.apache.flink.table.operations.command.SetOperation;
import org.apache.flink.table.operations.command.StopJobOperation;
import org.apache.flink.table.operations.ddl.AlterCatalogFunctionOperation;
import org.apache.flink.table.operations.ddl.AlterCatalogOptionsOperation;
import org.apache.flink.table.operations.ddl.AlterCatalogResetOperation;
import org.apache.flink.table.operations.ddl.AlterTableChangeOperation;
import org.apache.flink.table.operations.ddl.CompilePlanOperation;
import org.apache.flink.table.operations.ddl.CreateCatalogFunctionOperation;
import org.apache.flink.table.operations.ddl.CreateCatalogOperation;
import org.apache.flink.table.operations.ddl.CreateTableOperation;
import org.apache.flink.table.operations.ddl.CreateTempSystemFunctionOperation;
import org.apache.flink.table.operations.ddl.DropCatalogOperation;
import org.apache.flink.table.operations.materializedtable.MaterializedTableOperation;

/**
 * What an {@code analyst} may not do ({@code admin} may do everything). Decided on the operations
 * Flink's own parser makes of a statement, so spelling, case, comments and hints change nothing:
 * the rules see what Flink would execute. Every refusal names its rule, the role and who can.
 */
public final class Policy {
    private final Set<String> connectors;
    private final Path filesystemRoot;
    private final List<Pattern> deniedKeys;
    private final List<String> deniedKeyGlobs;

    public Policy(List<String> analystConnectors, String filesystemRoot, List<String> deniedConfigKeys) {
        this.connectors = Set.copyOf(analystConnectors.stream().map(c -> c.trim().toLowerCase(Locale.ROOT)).toList());
        this.filesystemRoot = filesystemRoot == null ? null : Path.of(filesystemRoot).toAbsolutePath().normalize();
        this.deniedKeyGlobs = List.copyOf(deniedConfigKeys);
        this.deniedKeys = deniedConfigKeys.stream().map(Policy::glob).toList();
    }

    private static Pattern glob(String g) {
        StringBuilder re = new StringBuilder();
        for (String part : g.trim().split("\\*", -1)) {
            if (re.length() > 0 || g.startsWith("*")) {
                re.append(".*");
            }
            re.append(Pattern.quote(part.toLowerCase(Locale.ROOT)));
        }
        return Pattern.compile(re.toString().replace("\\Q\\E", ""));
    }

    /** The refusal for setting {@code key}, if the identity may not. */
    public Optional<Refusal> checkConfigKey(Identity who, String key, String where) {
        if (who.isAdmin()) {
            return Optional.empty();
        }
        String k = key.trim().toLowerCase(Locale.ROOT);
        for (int i = 0; i < deniedKeys.size(); i++) {
            if (deniedKeys.get(i).matcher(k).matches()) {
                return Optional.of(refuse(who, "config-key", "may not set '" + key + "' " + where
                        + " (matches the denied pattern '" + deniedKeyGlobs.get(i) + "': it could load code, "
                        + "change the gateway's behaviour or read secrets)"));
            }
        }
        return Optional.empty();
    }

    public Optional<Refusal> checkConfig(Identity who, Map<String, String> config, String where) {
        for (String key : config.keySet()) {
            Optional<Refusal> r = checkConfigKey(who, key, where);
            if (r.isPresent()) {
                return r;
            }
        }
        return Optional.empty();
    }

    /**
     * The refusal for one parsed operation, if any. {@code ownsJob} tells whether a job id
     * belongs to the caller (an analyst may stop only its own jobs).
     */
    public Optional<Refusal> check(Identity who, Operation op, Predicate<String> ownsJob) {
        if (who.isAdmin()) {
            return Optional.empty();
        }
        if (op instanceof AddJarOperation || op instanceof RemoveJarOperation) {
            return Optional.of(refuse(who, "add-jar", "may not run ADD JAR / REMOVE JAR (a jar runs any code on the cluster)"));
        }
        if (op instanceof CreateCatalogFunctionOperation f) {
            return checkFunction(who, f.getCatalogFunction());
        }
        if (op instanceof CreateTempSystemFunctionOperation f) {
            return f.getCatalogFunction() == null ? Optional.empty() : checkFunction(who, f.getCatalogFunction());
        }
        if (op instanceof AlterCatalogFunctionOperation f) {
            return checkFunction(who, f.getCatalogFunction());
        }
        if (op instanceof CreateCatalogOperation || op instanceof DropCatalogOperation
                || op instanceof AlterCatalogOptionsOperation || op instanceof AlterCatalogResetOperation) {
            return Optional.of(refuse(who, "catalog", "may not create, alter or drop catalogs (a catalog's options "
                    + "reach other systems with the gateway's credentials)"));
        }
        if (op instanceof LoadModuleOperation m) {
            return Optional.of(refuse(who, "load-module", "may not load module '" + m.getModuleName()
                    + "' (modules bring code; the pack's module is already loaded in every session)"));
        }
        if (op instanceof CompilePlanOperation || op instanceof CompileAndExecutePlanOperation
                || op instanceof ExecutePlanOperation) {
            return Optional.of(refuse(who, "plan-files", "may not compile or execute plan files (they read and write "
                    + "files on the gateway's host)"));
        }
        if (op instanceof MaterializedTableOperation) {
            return Optional.of(refuse(who, "materialized-table", "may not manage materialized tables (they schedule "
                    + "jobs through the gateway's workflow scheduler)"));
        }
        if (op instanceof CallProcedureOperation) {
            return Optional.of(refuse(who, "procedure", "may not call catalog procedures"));
        }
        if (op instanceof StopJobOperation s && !ownsJob.test(s.getJobId())) {
            return Optional.of(refuse(who, "stop-job", "may stop only jobs it started; job " + s.getJobId() + " is not one of them"));
        }
        if (op instanceof SetOperation s && s.getKey().isPresent()) {
            return checkConfigKey(who, s.getKey().get(), "with SET");
        }
        if (op instanceof CreateTableOperation c) {
            return checkTable(who, c.getCatalogTable().getOptions());
        }
        if (op instanceof CreateTableASOperation c) {
            return first(checkTable(who, c.getCreateTableOperation().getCatalogTable().getOptions()),
                    check(who, c.getChild(), ownsJob));
        }
        if (op instanceof ReplaceTableAsOperation c) {
            return first(checkTable(who, c.getCreateTableOperation().getCatalogTable().getOptions()),
                    check(who, c.getChild(), ownsJob));
        }
        if (op instanceof AlterTableChangeOperation a) {
            return checkTable(who, a.getNewTable().getOptions());
        }
        if (op instanceof SinkModifyOperation s && !s.getDynamicOptions().isEmpty()) {
            return Optional.of(refuse(who, "options-hint", "may not override table options with /*+ OPTIONS(...) */ hints"));
        }
        if (op instanceof StatementSetOperation set) {
            for (ModifyOperation m : set.getOperations()) {
                Optional<Refusal> r = check(who, m, ownsJob);
                if (r.isPresent()) {
                    return r;
                }
            }
        }
        if (op instanceof ExplainOperation e) {
            return check(who, e.getChild(), ownsJob);
        }
        return Optional.empty();
    }

    private static Optional<Refusal> first(Optional<Refusal> a, Optional<Refusal> b) {
        return a.isPresent() ? a : b;
    }

    private Optional<Refusal> checkFunction(Identity who, CatalogFunction f) {
        if (f.getFunctionResources() != null && !f.getFunctionResources().isEmpty()) {
            return Optional.of(refuse(who, "function-jar", "may not create functions USING JAR (a jar runs any code on the cluster)"));
        }
        if (f.getFunctionLanguage() == FunctionLanguage.PYTHON) {
            return Optional.of(refuse(who, "python-function", "may not create Python functions (they run Python code on the cluster)"));
        }
        return Optional.empty();
    }

    /** A table's connector must be on the allow-list; a filesystem path must lie under the allowed root. */
    Optional<Refusal> checkTable(Identity who, Map<String, String> options) {
        String connector = options.get("connector");
        if (connector == null) {
            return Optional.empty(); // catalog-managed (e.g. Iceberg): the catalog decides
        }
        String c = connector.trim().toLowerCase(Locale.ROOT);
        if (!connectors.contains(c)) {
            List<String> allowed = new ArrayList<>(connectors);
            java.util.Collections.sort(allowed);
            return Optional.of(refuse(who, "connector", "may not use connector '" + connector + "' (allowed: "
                    + String.join(", ", allowed) + "; set " + "sql-gateway.endpoint.sqlpack.policy.analyst.connectors to change)"));
        }
        if (c.equals("filesystem")) {
            String path = options.get("path");
            if (filesystemRoot == null) {
                return Optional.of(refuse(who, "filesystem-path", "may not create filesystem tables (no "
                        + "sql-gateway.endpoint.sqlpack.policy.analyst.filesystem-root is configured)"));
            }
            Optional<Path> local = localPath(path);
            if (local.isEmpty() || !local.get().startsWith(filesystemRoot)) {
                return Optional.of(refuse(who, "filesystem-path", "may use filesystem paths only under " + filesystemRoot
                        + ", not '" + path + "'"));
            }
        }
        return Optional.empty();
    }

    /** An absolute local path from "/x" or "file:/x" / "file:///x", normalized ("..", "."); else empty. */
    static Optional<Path> localPath(String path) {
        if (path == null || path.isBlank()) {
            return Optional.empty();
        }
        try {
            String p = path.trim();
            if (p.startsWith("/")) {
                return Optional.of(Path.of(p).normalize());
            }
            URI u = new URI(p);
            if ("file".equalsIgnoreCase(u.getScheme()) && u.getPath() != null && u.getPath().startsWith("/")
                    && (u.getAuthority() == null || u.getAuthority().isEmpty())) {
                return Optional.of(Path.of(u.getPath()).normalize());
            }
        } catch (java.net.URISyntaxException | java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    static Refusal refuse(Identity who, String rule, String what) {
        return new Refusal(rule, "Refused by the sqlpack gateway policy (rule '" + rule + "'): " + who.name()
                + " (role " + who.role().id() + ") " + what + ". Only the admin role may; ask an admin.");
    }

    /** Whether the operation starts a Flink job when executed. */
    public static boolean startsJob(Operation op) {
        return op instanceof QueryOperation || op instanceof ModifyOperation || op instanceof StatementSetOperation
                || op instanceof CompileAndExecutePlanOperation || op instanceof ExecutePlanOperation;
    }
}
