package dev.sqlpack.stack.cli;

import dev.sqlpack.stack.LocalStack;
import dev.sqlpack.stack.SqlPackHome;
import dev.sqlpack.stack.StackException;
import dev.sqlpack.stack.gateway.GatewayClient;
import dev.sqlpack.stack.gateway.GatewayException;
import dev.sqlpack.stack.gateway.SqlScript;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./sqlpack submit FILE.sql}: runs a script statement by statement through the gateway's REST API. */
@Command(name = "submit", description = {
    "Run a SQL script through the SQL gateway's REST API and print each result as a table.",
    "The init script (gateway-config/init.sql) runs first in the same session.",
    "A streaming query's result updates until Ctrl-C, --limit or --timeout."})
class SubmitCommand implements Callable<Integer> {
    @Mixin SqlPackCli.StateOption state = new SqlPackCli.StateOption();
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE.sql", description = "The script to run; '-' reads standard input.")
    String file;

    @Option(names = "--limit", description = "Stop a query after this many result changes.")
    Long limit;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Stop a query after this many seconds.")
    Long timeoutSeconds;

    @Option(names = "--changelog", description = "Print result changes as they arrive (+I/-U/+U/-D) instead of updating the table in place.")
    boolean changelog;

    @Option(names = "--no-init", description = "Do not run gateway-config/init.sql first.")
    boolean noInit;

    @Option(names = "--gateway", description = "Gateway URL (default: the running local stack's).")
    String gatewayUrl;

    @Option(names = "--from-savepoint", paramLabel = "PATH",
            description = "Start the script's jobs from this savepoint (SET 'execution.savepoint.path').")
    String fromSavepoint;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SqlPackHome home = SqlPackHome.locate();
        LocalStack stack = state.running(home, out);
        String url = gatewayUrl != null ? gatewayUrl : stack.config().gatewayUrl();
        java.nio.file.Path stackInit = stack.initSql();
        String script = readScript();
        GatewayClient client = gatewayUrl != null
                ? new GatewayClient(url).withToken(dev.sqlpack.stack.GatewayExtension.token(stack.config()).orElse(null))
                : GatewayClient.forStack(stack.config());
        List<String> statements = new ArrayList<>();
        if (!noInit) {
            statements.addAll(SqlScript.split(Files.readString(stackInit)));
        }
        if (fromSavepoint != null) {
            statements.add("SET 'execution.savepoint.path' = '" + fromSavepoint.replace("'", "''") + "'");
        }
        int initCount = statements.size();
        statements.addAll(SqlScript.split(script));
        if (statements.size() == initCount) {
            throw new StackException("No SQL statement in " + file + ".");
        }
        boolean inPlace = !changelog && System.console() != null;
        try (GatewayClient.Session session = client.openSession("sqlpack-submit", Map.of())) {
            AtomicReference<GatewayClient.Operation> current = new AtomicReference<>();
            Thread onCtrlC = new Thread(() -> {
                GatewayClient.Operation op = current.get();
                if (op != null) {
                    op.cancel();
                }
                session.close();
            });
            Runtime.getRuntime().addShutdownHook(onCtrlC);
            for (int i = 0; i < statements.size(); i++) {
                String sql = statements.get(i);
                boolean quiet = i < initCount;
                if (!quiet) {
                    out.println();
                    out.println("Flink SQL> " + firstLines(sql));
                }
                try {
                    GatewayClient.Operation op = session.execute(sql);
                    current.set(op);
                    printResult(op, out, inPlace, quiet);
                } catch (GatewayException e) {
                    err.println("[ERROR] Statement " + (quiet ? i + 1 : i - initCount + 1) + (quiet ? " of init.sql" : "")
                            + " failed: " + firstLines(sql).split("\n")[0]);
                    err.println(e.getMessage());
                    err.println("Nothing after it was run. Fix the statement and submit the script again.");
                    return 1;
                }
            }
            Runtime.getRuntime().removeShutdownHook(onCtrlC);
        }
        return 0;
    }

    private void printResult(GatewayClient.Operation op, PrintWriter out, boolean inPlace, boolean quiet) {
        long deadline = timeoutSeconds == null ? Long.MAX_VALUE : System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        ResultPrinter printer = null;
        long changes = 0;
        String jobId = null;
        boolean query = false;
        while (true) {
            GatewayClient.Batch b = op.next(Duration.ofSeconds(1));
            if (b == null) {
                break;
            }
            query |= b.isQueryResult();
            jobId = b.jobId() != null ? b.jobId() : jobId;
            if (!b.columns().isEmpty() && printer == null && !quiet && "SUCCESS_WITH_CONTENT".equals(b.resultKind())) {
                printer = new ResultPrinter(out, b.columns(), inPlace && b.isQueryResult(), b.isQueryResult());
            }
            if (printer != null && !b.rows().isEmpty()) {
                List<GatewayClient.RowChange> rows = b.rows();
                if (limit != null && changes + rows.size() > limit) {
                    rows = rows.subList(0, (int) (limit - changes));
                }
                printer.accept(rows);
                changes += rows.size();
            }
            if ((limit != null && changes >= limit) || System.nanoTime() > deadline) {
                op.cancel();
                if (!quiet) {
                    out.println("(stopped after " + (limit != null && changes >= limit ? changes + " change(s), --limit" : timeoutSeconds + " s, --timeout") + ")");
                }
                break;
            }
        }
        if (printer != null) {
            printer.finish(changes);
        } else if (!quiet && jobId == null) {
            out.println("[INFO] Execute statement succeeded.");
        }
        if (jobId != null && !quiet && !query) {
            out.println("[INFO] Job " + jobId + " submitted.");
        }
        op.close();
    }

    private String readScript() throws IOException {
        if ("-".equals(file)) {
            return new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        Path p = Path.of(file);
        if (!Files.isRegularFile(p)) {
            throw new StackException("No such SQL file: " + p.toAbsolutePath() + ".");
        }
        return Files.readString(p);
    }

    private static String firstLines(String sql) {
        String[] lines = sql.split("\n");
        return lines.length <= 3 ? sql : String.join("\n", lines[0], lines[1], lines[2]) + "\n...";
    }
}

/** {@code ./sqlpack resume SAVEPOINT FILE.sql}: {@code submit --from-savepoint}. */
@Command(name = "resume", description = "Run a script whose jobs start from a savepoint (see './sqlpack stop --savepoint').")
final class ResumeCommand implements Callable<Integer> {
    @Mixin SqlPackCli.StateOption state = new SqlPackCli.StateOption();
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SAVEPOINT") String savepoint;
    @Parameters(index = "1", paramLabel = "FILE.sql") String file;

    @Override
    public Integer call() throws IOException {
        SubmitCommand submit = new SubmitCommand();
        submit.state = state;
        submit.spec = spec;
        submit.file = file;
        submit.fromSavepoint = savepoint;
        submit.changelog = true;
        return submit.call();
    }
}
