package dev.sqlpack.stack.cli;

import dev.sqlpack.stack.LocalStack;
import dev.sqlpack.stack.SqlPackHome;
import dev.sqlpack.stack.StackConfig;
import dev.sqlpack.stack.process.Ports;
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

    @CommandLine.Option(names = "--gateway", paramLabel = "URL", description = RemoteGateway.OPTION_HELP)
    String gatewayUrl;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        SqlPackHome home = SqlPackHome.locate();
        if (gatewayUrl != null) {
            RemoteGateway remote = RemoteGateway.parse(gatewayUrl);
            Path stateDir = state.resolve(home);
            Path conf = RemoteGateway.clientConfDir(home, stateDir);
            print(out, home, conf, stateDir.resolve("sql-client-remote.log"), remote.url(), RemoteGateway.initSql(home),
                    RemoteGateway.token());
            return 0;
        }
        LocalStack stack = state.running(home, out);
        StackConfig c = stack.config();
        print(out, home, c.confDir(), c.logDir().resolve("sql-client.log"), Ports.LOOPBACK + ":" + c.gatewayPort(), stack.initSql(),
                dev.sqlpack.stack.GatewayExtension.token(c).orElse(null));
        return 0;
    }

    private static void print(PrintWriter out, SqlPackHome home, Path confDir, Path log, String endpoint, Path init,
            String token) {
        List<String> cmd = new ArrayList<>(List.of(
                "env", "FLINK_CONF_DIR=" + confDir,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlog.file=" + log,
                "-Dlog4j.configurationFile=" + confDir.resolve("log4j-cli.properties").toUri(),
                "-cp", home.flinkClasspath(),
                "org.apache.flink.table.client.SqlClient", "gateway",
                "--endpoint", endpoint,
                "--init", init.toString()));
        // Flink's REST client sends the lines of this variable as headers with every request: the
        // gateway extension's token (set for the java process by env, not on its command line)
        if (token != null) {
            cmd.add(2, "FLINK_REST_CLIENT_HEADERS=Authorization:Bearer " + token);
        }
        cmd.forEach(out::println);
    }
}
