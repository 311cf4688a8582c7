package dev.sqlpack.stack.cli;

import dev.sqlpack.stack.Component;
import dev.sqlpack.stack.LocalStack;
import dev.sqlpack.stack.SqlPackHome;
import dev.sqlpack.stack.StackConfig;
import dev.sqlpack.stack.StackException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./sqlpack}: the local stack's command line. */
@Command(name = "sqlpack", mixinStandardHelpOptions = true, version = "Flink SQL Pack 0.1.0",
        description = "Run the Flink SQL Pack local stack: Kafka, PostgreSQL, a Flink session cluster and the SQL gateway.",
        subcommands = {
            SqlPackCli.Up.class, SqlPackCli.Down.class, SqlPackCli.Status.class, SqlPackCli.Logs.class,
            SqlClientCommand.class, SubmitCommand.class, ResumeCommand.class, DemoCommand.class, RecipeCommand.class,
            JobsCommands.Jobs.class, JobsCommands.Stop.class, LoadTestCommand.class, TokenCommands.class
        })
public final class SqlPackCli implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given output streams; returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new SqlPackCli());
        cl.setOut(out);
        cl.setErr(err);
        HelpSetup.apply(cl);
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            if (ex instanceof StackException) {
                err.println("sqlpack: " + ex.getMessage());
                return 1;
            }
            throw ex;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Where the stack keeps its state. */
    static final class StateOption {
        @Option(names = "--state-dir", paramLabel = "DIR",
                defaultValue = "${env:SQLPACK_STATE_DIR}",
                description = "State directory: logs, Kafka and PostgreSQL data, checkpoints. Default: the checkout's"
                        + " .sqlpack directory (env SQLPACK_STATE_DIR).")
        Path stateDir;

        Path resolve(SqlPackHome home) {
            return stateDir == null ? home.root().resolve(".sqlpack").toAbsolutePath().normalize() : CallerDir.resolve(stateDir);
        }

        /** The stack of this state directory: as recorded when it ran, else with default ports. */
        LocalStack recordedOrDefault(SqlPackHome home, java.util.function.Consumer<String> progress) {
            Path dir = resolve(home);
            return new LocalStack(home, LocalStack.recorded(dir).orElse(StackConfig.defaults(dir)), progress);
        }

        /** The running stack's recorded configuration, or a clear error when nothing runs. */
        LocalStack running(SqlPackHome home, PrintWriter out) {
            Path dir = resolve(home);
            Optional<StackConfig> cfg = LocalStack.recorded(dir);
            if (cfg.isEmpty()) {
                throw new StackException("The stack is not running (no state in " + dir + "). Start it with './sqlpack up'.");
            }
            return new LocalStack(home, cfg.get(), out::println);
        }
    }

    /** Ports and sizes for {@code up} and {@code demo}. */
    static final class UpOptions {
        @Mixin StateOption state = new StateOption();

        @Option(names = "--kafka-port", defaultValue = "${env:SQLPACK_KAFKA_PORT:-9092}", description = "Kafka broker port (env SQLPACK_KAFKA_PORT; default ${DEFAULT-VALUE}).")
        int kafkaPort;

        @Option(names = "--kafka-controller-port", defaultValue = "${env:SQLPACK_KAFKA_CONTROLLER_PORT:-9093}", description = "Kafka KRaft controller port (default ${DEFAULT-VALUE}).")
        int kafkaControllerPort;

        @Option(names = "--postgres-port", defaultValue = "${env:SQLPACK_POSTGRES_PORT:-5432}", description = "PostgreSQL port (default ${DEFAULT-VALUE}).")
        int postgresPort;

        @Option(names = "--jobmanager-port", defaultValue = "${env:SQLPACK_JOBMANAGER_PORT:-8081}", description = "Flink REST API and Web UI port (default ${DEFAULT-VALUE}).")
        int jobManagerPort;

        @Option(names = "--jobmanager-rpc-port", defaultValue = "${env:SQLPACK_JOBMANAGER_RPC_PORT:-6123}", description = "Flink JobManager RPC port (default ${DEFAULT-VALUE}).")
        int jobManagerRpcPort;

        @Option(names = "--gateway-port", defaultValue = "${env:SQLPACK_GATEWAY_PORT:-8083}", description = "SQL gateway REST port (default ${DEFAULT-VALUE}).")
        int gatewayPort;

        @Option(names = "--slots", defaultValue = "${env:SQLPACK_SLOTS:-2}", description = "TaskManager slots (default ${DEFAULT-VALUE}).")
        int slots;

        @Option(names = "--taskmanagers", paramLabel = "N", description = "TaskManager processes, each with --slots slots (default: as recorded for a running stack, else 1). On a running stack, starts or stops TaskManagers to have N.")
        Integer taskManagers;

        @Option(names = "--no-udf-jar", description = "Leave sqlpack-udfs.jar off the cluster's class path, like a stock cluster: load functions with ADD JAR / CREATE FUNCTION ... USING JAR.")
        boolean noUdfJar;

        @Option(names = "--with", split = ",", paramLabel = "EXTRA",
                description = "Also start optional components: rabbitmq (needs Debian's rabbitmq-server).")
        List<String> with = new java.util.ArrayList<>();

        @Option(names = "--rabbitmq-port", defaultValue = "${env:SQLPACK_RABBITMQ_PORT:-5672}", description = "RabbitMQ AMQP port, with --with rabbitmq (default ${DEFAULT-VALUE}).")
        int rabbitMqPort;

        @Option(names = "--rabbitmq-dist-port", defaultValue = "${env:SQLPACK_RABBITMQ_DIST_PORT:-25672}", description = "RabbitMQ's Erlang distribution port (default ${DEFAULT-VALUE}).")
        int rabbitMqDistPort;

        @Option(names = "--rabbitmq-epmd-port", defaultValue = "${env:SQLPACK_RABBITMQ_EPMD_PORT:-4369}", description = "RabbitMQ's epmd port (default ${DEFAULT-VALUE}).")
        int rabbitMqEpmdPort;

        @Option(names = "--tls", description = "Serve the JobManager's and the SQL gateway's REST APIs over TLS with a"
            + " self-signed certificate made for this state directory (<state>/tls/gateway.crt).")
        boolean tls;

        @Option(names = "--client-certs", description = "With --tls (implied): the REST APIs demand a client certificate"
            + " signed by the stack's own authority; './sqlpack token create NAME --role ROLE --cert' issues one.")
        boolean clientCerts;

        @Option(names = "--no-auth", description = "Run the stock SQL gateway endpoint, without the gateway extension that is on by default: no tokens, policy, audit or session init.")
        boolean noAuth;

        StackConfig config(SqlPackHome home) {
            return new StackConfig(state.resolve(home), kafkaPort, kafkaControllerPort, postgresPort,
                    jobManagerPort, jobManagerRpcPort, gatewayPort, slots, tls || clientCerts, taskManagers == null ? 1 : taskManagers,
                    clientCerts);
        }

        /** Starts the stack unless it runs already; returns the running stack. */
        LocalStack ensureUp(SqlPackHome home, PrintWriter out) {
            if (taskManagers != null) {
                StackConfig.checkTaskManagers(taskManagers);
            }
            List<Path> missing = home.missingBuildOutputs();
            if (!missing.isEmpty()) {
                throw new StackException("The pack is not built (missing " + missing.get(0) + "). Build it with:\n"
                        + "  mvn -q package -DskipTests\n(./sqlpack does this for you when run from the checkout.)");
            }
            // a stack that runs, even in part, keeps its recorded ports: what starts now must fit it
            Optional<StackConfig> recorded = LocalStack.recorded(state.resolve(home));
            StackConfig config = recorded.orElse(config(home));
            if (taskManagers != null) {
                config = config.withTaskManagers(taskManagers);
            }
            LocalStack stack = new LocalStack(home, config, out::println);
            if (noUdfJar) {
                stack.withoutUdfJarOnClasspath();
            }
            if (noAuth) {
                stack.withoutAuth();
            }
            for (String extra : with) {
                if (!extra.equals("rabbitmq")) {
                    throw new StackException("unknown optional component '" + extra + "' in --with; the one there is: rabbitmq");
                }
            }
            if (!stack.up()) {
                out.println("The stack is already running (state in " + stack.config().stateDir() + "); nothing to start.");
            }
            if (with.contains("rabbitmq")) {
                dev.sqlpack.stack.rabbitmq.RabbitMqStack.up(stack.config().stateDir(),
                        new dev.sqlpack.stack.rabbitmq.RabbitMqServer.Ports3(rabbitMqPort, rabbitMqDistPort, rabbitMqEpmdPort),
                        out::println);
            }
            return stack;
        }
    }

    @Command(name = "up", description = "Start Kafka, PostgreSQL, the Flink cluster and the SQL gateway on 127.0.0.1, each under a supervisor that restarts it. On a partly running stack, start only what is missing, on the recorded ports.")
    static final class Up implements Callable<Integer> {
        @Mixin UpOptions options = new UpOptions();
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            SqlPackHome home = SqlPackHome.locate();
            long t0 = System.nanoTime();
            LocalStack stack = options.ensureUp(home, out);
            out.printf("Stack up in %.0f s.%n", (System.nanoTime() - t0) / 1e9);
            Status.print(stack, out);
            StackConfig c = stack.config();
            out.println();
            out.println("Flink Web UI:     " + c.webUiUrl());
            out.println("SQL gateway REST: " + c.gatewayUrl() + "/v1/info");
            out.println("Kafka bootstrap:  " + c.kafkaBootstrap());
            out.println("PostgreSQL:       " + c.postgresJdbcUrl());
            if (dev.sqlpack.stack.GatewayExtension.token(c).isPresent()) {
                out.println("Gateway token:    " + dev.sqlpack.stack.GatewayExtension.tokenFile(c) + "  (admin; ./sqlpack uses it;"
                        + " curl -H \"Authorization: Bearer $(cat <it>)\")");
            }
            dev.sqlpack.stack.rabbitmq.RabbitMqStack.recorded(c.stateDir())
                    .ifPresent(r -> out.println("RabbitMQ:         " + r.uri()));
            if (c.tls()) {
                out.println("TLS certificate:  " + dev.sqlpack.stack.Tls.certificate(c)
                        + "  (curl --cacert <it> " + c.gatewayUrl() + "/v1/info)");
            }
            if (c.clientCerts()) {
                out.println("Client certs:     required; ./sqlpack token create NAME --role analyst --cert issues one in "
                        + dev.sqlpack.stack.Tls.clientsDir(c));
            }
            out.println("Next: ./sqlpack sql   (interactive SQL)   ./sqlpack demo   ./sqlpack down");
            return 0;
        }
    }

    @Command(name = "down", description = "Stop every component of the stack; data stays in the state directory.")
    static final class Down implements Callable<Integer> {
        @Mixin StateOption state = new StateOption();
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            SqlPackHome home = SqlPackHome.locate();
            Path dir = state.resolve(home);
            LocalStack stack = state.recordedOrDefault(home, out::println);
            if (dev.sqlpack.stack.rabbitmq.RabbitMqStack.down(dir, out::println)) {
                out.println("Stopped rabbitmq.");
            }
            List<dev.sqlpack.stack.Server> stopped = stack.down();
            if (stopped.isEmpty()) {
                out.println("Nothing to stop: no component of the stack is running (state in " + dir + ").");
            } else {
                out.println("Stopped " + stopped.size() + " component(s). Data is kept in " + dir + ".");
            }
            return 0;
        }
    }

    @Command(name = "status", description = "Show each server: up, restarting, unsupervised or down; port, pid, supervisor, restarts and log file; then which servers died, when and how.")
    static final class Status implements Callable<Integer> {
        @Mixin StateOption state = new StateOption();
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            SqlPackHome home = SqlPackHome.locate();
            LocalStack stack = state.recordedOrDefault(home, out::println);
            print(stack, out);
            return stack.status().stream().allMatch(s -> s.state() == dev.sqlpack.stack.ServerProcesses.State.UP) ? 0 : 3;
        }

        static void print(LocalStack stack, PrintWriter out) {
            StatusReport.print(stack.status(), out);
            dev.sqlpack.stack.rabbitmq.RabbitMqStack.recorded(stack.config().stateDir()).ifPresent(r -> out.printf(
                    "%-15s %-13s %-6s %-8s %s%n", "rabbitmq", r.alive() ? "up" : "down", r.ports().amqp(),
                    r.alive() ? r.serverPid() : "-", r.logFile()));
        }
    }

    @Command(name = "logs", description = "Follow the logs of one component, or of all.")
    static final class Logs implements Callable<Integer> {
        @Mixin StateOption state = new StateOption();
        @CommandLine.Parameters(arity = "0..1", paramLabel = "COMPONENT",
                description = "kafka, postgres, jobmanager, taskmanager (every TaskManager), taskmanager-N or gateway")
        String component;
        @Option(names = {"-n", "--lines"}, defaultValue = "40", description = "Lines to show before following (default ${DEFAULT-VALUE}).")
        int lines;
        @Option(names = "--no-follow", description = "Print and exit instead of following.")
        boolean noFollow;

        @Override
        public Integer call() throws Exception {
            SqlPackHome home = SqlPackHome.locate();
            LocalStack stack = state.recordedOrDefault(home, s -> {});
            List<String> cmd = new java.util.ArrayList<>(List.of("tail", "-n", Integer.toString(lines)));
            if (!noFollow) {
                cmd.add("-F");
            }
            for (dev.sqlpack.stack.Server s : component == null ? stack.servers()
                    : dev.sqlpack.stack.Server.select(component, stack.servers())) {
                cmd.add(stack.logFile(s).toString());
            }
            return new ProcessBuilder(cmd).inheritIO().start().waitFor();
        }
    }
}
