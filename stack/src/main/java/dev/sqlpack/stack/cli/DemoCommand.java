package dev.sqlpack.stack.cli;

import dev.sqlpack.stack.LocalStack;
import dev.sqlpack.stack.SqlPackHome;
import dev.sqlpack.stack.SqlTemplate;
import dev.sqlpack.stack.StackConfig;
import dev.sqlpack.stack.StackException;
import dev.sqlpack.stack.demo.AcknowledgedProducer;
import dev.sqlpack.stack.demo.ClickstreamGenerator;
import dev.sqlpack.stack.gateway.GatewayClient;
import dev.sqlpack.stack.gateway.GatewayException;
import dev.sqlpack.stack.gateway.SqlScript;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
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
        java.nio.file.Path stackInit = stack.initSql();
        String topic = "demo-events-" + System.currentTimeMillis() / 1000;

        out.println("[2/4] Kafka topic " + topic + " (1 partition) on " + c.kafkaBootstrap()
                + "; PostgreSQL table demo_users (500 users, tiers)");
        createTopic(c.kafkaBootstrap(), topic);
        resetUsers(c.postgresJdbcUrl());

        String script = SqlTemplate.forStack(c).with("demo.topic", topic)
                .fill(Files.readString(home.root().resolve("stack/demo/demo.sql")), "stack/demo/demo.sql");
        List<String> statements = SqlScript.split(script);
        GatewayClient client = GatewayClient.forStack(c);
        ClickstreamGenerator gen = new ClickstreamGenerator(seed, 500, 0.01);
        AtomicBoolean stop = new AtomicBoolean();
        AcknowledgedProducer events = new AcknowledgedProducer(c.kafkaBootstrap(), topic, gen, rate, stop, line -> {
            out.println(line);
            out.flush();
        });
        Thread producer = new Thread(events, "demo-producer");
        producer.setDaemon(true);

        long windows = 0;
        long sessions = 0;
        long lateSeen = 0;
        long tierWindows = 0;
        long utmWindows = 0;
        String upgradedAt = null;
        String firstPlatinumWindow = null;
        try (GatewayClient.Session session = client.openSession("sqlpack-demo", Map.of())) {
            for (String init : SqlScript.split(Files.readString(stackInit))) {
                session.executeAndFetchAll(init);
            }
            out.println("[3/4] Creating the Kafka table (WATERMARK ts - 5 s) and submitting the windowed query via "
                    + c.gatewayUrl() + " (REST API)");
            for (int i = 0; i < statements.size() - 1; i++) {
                session.executeAndFetchAll(statements.get(i));
            }
            producer.start();
            GatewayClient.Operation op = session.execute(statements.get(statements.size() - 1));
            Runtime.getRuntime().addShutdownHook(new Thread(op::cancel));
            out.printf("[4/4] Streaming %d events/s for %d s; windows print when the watermark passes their end "
                    + "(about 15 s after they open)...%n", rate, durationSeconds);
            ResultPrinter printer = null;
            long stopProducing = System.nanoTime() + TimeUnit.SECONDS.toNanos(durationSeconds);
            long deadline = stopProducing + TimeUnit.SECONDS.toNanos(15);
            long lastTick = System.nanoTime();
            while (System.nanoTime() < deadline) {
                if (System.nanoTime() > stopProducing) {
                    stop.set(true);
                }
                if (upgradedAt == null && System.nanoTime() > stopProducing - TimeUnit.SECONDS.toNanos(durationSeconds) / 2) {
                    upgradedAt = upgradeHeaviestUser(c.postgresJdbcUrl());
                    out.println("      [PostgreSQL] " + upgradedAt + "  UPDATE demo_users SET tier = 'platinum', updated_at = now()"
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
                    for (GatewayClient.RowChange r : b.rows()) {
                        String kind = r.texts().get(0);
                        if (kind.startsWith("TUMBLE")) {
                            windows++;
                        } else if (kind.startsWith("SESSION")) {
                            sessions++;
                        } else if (kind.startsWith("TIER")) {
                            tierWindows++;
                            if (firstPlatinumWindow == null && "platinum".equals(r.texts().get(3))) {
                                firstPlatinumWindow = r.texts().get(1);
                            }
                        } else if (kind.startsWith("UTM")) {
                            utmWindows++;
                        } else if (kind.startsWith("LATE")) {
                            lateSeen++;
                        }
                    }
                } else if (printer == null && System.nanoTime() - lastTick > TimeUnit.SECONDS.toNanos(3)) {
                    out.printf("      ... %d events acknowledged by Kafka, waiting for the first window to close%n",
                            events.acknowledged());
                    out.flush();
                    lastTick = System.nanoTime();
                }
            }
            stop.set(true);
            op.cancel();
        } catch (GatewayException e) {
            throw new StackException("The demo's SQL failed in the gateway: " + e.getMessage());
        } finally {
            stop.set(true);
            // the summary counts what Kafka acknowledged: wait for the producer's last callbacks
            producer.join(AcknowledgedProducer.CLOSE_TIMEOUT.plusSeconds(10).toMillis());
        }
        out.println();
        out.println("Summary");
        out.printf("  events produced:        %d acknowledged by Kafka (%d generated late, 30-90 s behind their event time)%n",
                events.acknowledged(), gen.lateProduced());
        if (events.undelivered() > 0 || events.pending() > 0) {
            out.printf("  events NOT delivered:   %d (broker unreachable; last error: %s)%n",
                    events.undelivered() + events.pending(), events.lastFailure());
        }
        out.printf("  TUMBLE windows emitted: %d (10 s windows)%n", windows);
        out.printf("  SESSION windows shown:  %d (per user, 20 s gap, 5+ events)%n", sessions);
        out.printf("  late events seen:       %d (behind the watermark; dropped by the windows)%n", lateSeen);
        out.printf("  TIER windows emitted:   %d (revenue per tier; tier looked up in PostgreSQL via side-input)%n", tierWindows);
        out.printf("  UTM windows emitted:    %d (visits per utm_source, parsed with URL_QUERY_PARAMS)%n", utmWindows);
        out.printf("  enrichment refresh:     u1 upgraded to platinum at %s; first window showing platinum: %s%n",
                upgradedAt == null ? "(not reached)" : upgradedAt,
                firstPlatinumWindow == null ? "(none yet: run longer with --duration)" : firstPlatinumWindow);
        out.println("  Flink Web UI:  " + c.webUiUrl());
        out.println("  SQL gateway:   " + c.gatewayUrl() + "/v1/info");
        out.println("Next: the recipes in sql/README.md, './sqlpack sql' to type your own queries, './sqlpack down' to stop.");
        return 0;
    }

    /** The demo's user dimension: 500 users; u1, the busiest, starts as 'silver'. */
    private static void resetUsers(String jdbcUrl) throws java.sql.SQLException {
        try (java.sql.Connection conn = java.sql.DriverManager.getConnection(jdbcUrl);
                java.sql.Statement s = conn.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS demo_users (user_id TEXT PRIMARY KEY, tier TEXT NOT NULL,"
                    + " country TEXT NOT NULL, updated_at TIMESTAMP NOT NULL DEFAULT now())");
            s.execute("INSERT INTO demo_users (user_id, tier, country, updated_at)"
                    + " SELECT 'u' || i, CASE WHEN i = 1 THEN 'silver' WHEN i % 10 = 0 THEN 'gold'"
                    + " WHEN i % 3 = 0 THEN 'silver' ELSE 'bronze' END,"
                    + " (ARRAY['DE','FR','US','GB','NL'])[1 + i % 5], now() FROM generate_series(1, 500) AS i"
                    + " ON CONFLICT (user_id) DO UPDATE SET tier = EXCLUDED.tier, updated_at = now()");
        }
    }

    private static String upgradeHeaviestUser(String jdbcUrl) {
        try (java.sql.Connection conn = java.sql.DriverManager.getConnection(jdbcUrl);
                java.sql.Statement s = conn.createStatement()) {
            s.executeUpdate("UPDATE demo_users SET tier = 'platinum', updated_at = now() WHERE user_id = 'u1'");
            return java.time.LocalTime.now(java.time.ZoneOffset.UTC).withNano(0).toString();
        } catch (java.sql.SQLException e) {
            throw new StackException("Could not update demo_users in PostgreSQL: " + e.getMessage(), e);
        }
    }

    private static void createTopic(String bootstrap, String topic) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }
}
