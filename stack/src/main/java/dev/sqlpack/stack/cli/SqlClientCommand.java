package dev.sqlpack.stack.cli;

import dev.sqlpack.stack.LocalStack;
import dev.sqlpack.stack.SqlPackHome;
import dev.sqlpack.stack.StackConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Prints the command line of Flink's own SQL client in gateway mode, one argument per line; the
 * {@code ./sqlpack sql} script execs it so the client owns the terminal (and Ctrl-C).
 */
@Command(name = "sql-client-command", hidden = true,
        description = "Print the Flink SQL client's command line (used by './sqlpack sql').")
final class SqlClientCommand implements Callable<Integer> {
    @Mixin SqlPackCli.StateOption state = new SqlPackCli.StateOption();
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        SqlPackHome home = SqlPackHome.locate();
        LocalStack stack = state.running(home, out);
        StackConfig c = stack.config();
        Path log = c.logDir().resolve("sql-client.log");
        List<String> cmd = new ArrayList<>(List.of(
                "env", "FLINK_CONF_DIR=" + c.confDir(),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlog.file=" + log,
                "-Dlog4j.configurationFile=" + c.confDir().resolve("log4j-cli.properties").toUri(),
                "-cp", home.flinkClasspath(),
                "org.apache.flink.table.client.SqlClient", "gateway",
                "--endpoint", "127.0.0.1:" + c.gatewayPort(),
                "--init", stack.initSql().toString()));
        // Flink's REST client sends the lines of this variable as headers with every request:
        // the gateway extension's token (visible only to env, which execs java without it on its command line)
        dev.sqlpack.stack.GatewayExtension.token(c).ifPresent(t -> cmd.add(2, "FLINK_REST_CLIENT_HEADERS=Authorization:Bearer " + t));
        cmd.forEach(out::println);
        return 0;
    }
}
