package dev.sqlpack.stack.cli;

import dev.sqlpack.stack.LocalStack;
import dev.sqlpack.stack.SqlPackHome;
import dev.sqlpack.stack.SqlTemplate;
import dev.sqlpack.stack.StackConfig;
import dev.sqlpack.stack.StackException;
import dev.sqlpack.stack.demo.AcknowledgedProducer;
import dev.sqlpack.stack.demo.ClickstreamGenerator;
import dev.sqlpack.stack.demo.DemoTally;
import dev.sqlpack.stack.demo.DemoUsers;
import dev.sqlpack.stack.gateway.GatewayClient;
import dev.sqlpack.stack.gateway.GatewayException;
import dev.sqlpack.stack.gateway.SqlScript;
import dev.sqlpack.stack.kafka.KafkaClients;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.NewTopic;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./sqlpack demo}: a clickstream with out-of-order and late events goes to Kafka while a
 * windowed query, submitted through the gateway's REST API, prints its results as they arrive.
 */
@Command(name = "demo", description = "Start the stack if needed, stream click/payment events with out-of-order and late"
    + " events into Kafka, and print TUMBLE and SESSION window results and late events live, through the SQL gateway.")
final class DemoCommand implements Callable<Integer> {
    @Mixin SqlPackCli.UpOptions up = new SqlPackCli.UpOptions();
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--duration", defaultValue = "60", description = "Seconds to stream events (default ${DEFAULT-VALUE}).")
    int durationSeconds;

    @Option(names = "--rate", defaultValue = "100", description = "Events per second (default ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed of the generator (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        SqlPackHome home = SqlPackHome.locate();
        out.println("[1/4] Local stack");
        LocalStack stack = up.ensureUp(home, out);
        StackConfig c = stack.config();
        Path stackInit = stack.initSql();
        String topic = "demo-events-" + System.currentTimeMillis() / 1000;

        out.println("[2/4] Kafka topic " + topic + " (1 partition) on " + c.kafkaBootstrap()
                + "; PostgreSQL table demo_users (500 users, tiers)");
        KafkaClients.createTopics(c.kafkaBootstrap(), List.of(new NewTopic(topic, 1, (short) 1)));
        DemoUsers.reset(c.postgresJdbcUrl());

        List<String> statements = SqlScript.split(SqlTemplate.forStack(c).with("demo.topic", topic)
                .fill(Files.readString(home.root().resolve("stack/demo/demo.sql")), "stack/demo/demo.sql"));
        ClickstreamGenerator gen = new ClickstreamGenerator(seed, 500, 0.01);
        AtomicBoolean stop = new AtomicBoolean();
        AcknowledgedProducer events = new AcknowledgedProducer(c.kafkaBootstrap(), topic, gen, rate, stop, line -> {
            out.println(line);
            out.flush();
        });
        Thread producer = new Thread(events, "demo-producer");
        producer.setDaemon(true);
        DemoTally tally = new DemoTally();
        try (GatewayClient.Session session = GatewayClient.forStack(c).openSession("sqlpack-demo", Map.of())) {
            for (String init : SqlScript.split(Files.readString(stackInit))) {
                session.executeAndFetchAll(init);
            }
            out.println("[3/4] Creating the Kafka table (WATERMARK ts - 5 s) and submitting the windowed query via "
                    + c.gatewayUrl() + " (REST API)");
            for (String statement : statements.subList(0, statements.size() - 1)) {
                session.executeAndFetchAll(statement);
            }
            producer.start();
            GatewayClient.Operation op = session.execute(statements.get(statements.size() - 1));
            Runtime.getRuntime().addShutdownHook(new Thread(op::cancel));
            out.printf("[4/4] Streaming %d events/s for %d s; windows print when the watermark passes their end "
                    + "(about 15 s after they open)...%n", rate, durationSeconds);
            stream(op, c, stop, events, tally, out);
            op.cancel();
        } catch (GatewayException e) {
            throw new StackException("The demo's SQL failed in the gateway: " + e.getMessage());
        } finally {
            stop.set(true);
            // the summary counts what Kafka acknowledged: wait for the producer's last callbacks
            producer.join(AcknowledgedProducer.CLOSE_TIMEOUT.plusSeconds(10).toMillis());
        }
        tally.printSummary(out, events, gen);
        out.println("  Flink Web UI:  " + c.webUiUrl());
        out.println("  SQL gateway:   " + c.gatewayUrl() + "/v1/info");
        out.println("Next: the recipes in sql/README.md, './sqlpack sql' to type your own queries, './sqlpack down' to stop.");
        return 0;
    }

    /**
     * Prints the live query's rows as they arrive for {@code --duration} seconds and 15 s more (the
     * last windows close), upgrading u1 in PostgreSQL halfway; stops the producer at the end.
     */
    private void stream(GatewayClient.Operation op, StackConfig c, AtomicBoolean stop, AcknowledgedProducer events,
            DemoTally tally, PrintWriter out) {
        ResultPrinter printer = null;
        long stopProducing = System.nanoTime() + TimeUnit.SECONDS.toNanos(durationSeconds);
        long halfway = stopProducing - TimeUnit.SECONDS.toNanos(durationSeconds) / 2;
        long end = stopProducing + TimeUnit.SECONDS.toNanos(15);
        long lastTick = System.nanoTime();
        while (System.nanoTime() < end) { // runs for the demo's duration: not a wait for a condition
            if (System.nanoTime() > stopProducing) {
                stop.set(true);
            }
            if (!tally.upgraded() && System.nanoTime() > halfway) {
                String at = DemoUsers.upgradeBusiest(c.postgresJdbcUrl());
                tally.upgraded(at);
                out.println("      [PostgreSQL] " + at + "  UPDATE demo_users SET tier = 'platinum', updated_at = now()"
                        + " WHERE user_id = 'u1'   (the side-input connector reloads within 5 s)");
            }
            GatewayClient.Batch b = op.next(Duration.ofSeconds(1));
            if (b == null) {
                break;
            }
            if (!b.rows().isEmpty()) {
                if (printer == null) {
                    printer = new ResultPrinter(out, b.columns(), b.columnTypes(), false, false);
                }
                printer.accept(b.rows());
                tally.count(b.rows());
            } else if (printer == null && System.nanoTime() - lastTick > TimeUnit.SECONDS.toNanos(3)) {
                out.printf("      ... %d events acknowledged by Kafka, waiting for the first window to close%n",
                        events.acknowledged());
                out.flush();
                lastTick = System.nanoTime();
            }
        }
        stop.set(true);
    }
}
