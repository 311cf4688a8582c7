package dev.sqlpack.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlpack.stack.gateway.GatewayClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A materialized table in full refresh mode on a stack with the gateway extension on: the
 * gateway's embedded workflow scheduler creates and runs the refresh by calling the gateway's own
 * REST API without credentials, and gets in as {@code sqlpack-gateway-itself} because the
 * connection comes from the gateway's own process. Before, creating the table failed with 401.
 * The catalog is Paimon's (the stack's Iceberg catalog has no materialized tables), created by
 * the session-init file, so the scheduler's own sessions have it too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MaterializedTableRefreshITCase {
    private static final Duration DEADLINE = Duration.ofMinutes(4); // the refresh fires at the next full minute
    private StackConfig config;
    private LocalStack stack;

    @BeforeAll
    void startStackWithPaimonAndTheEmbeddedScheduler() throws Exception {
        config = StackConfig.freePorts(Files.createTempDirectory("sqlpack-mt-"));
        // the jar itself (its classes need Flink's table planner, which this JVM does not have)
        java.net.URL factory = getClass().getClassLoader().getResource("org/apache/paimon/flink/FlinkCatalogFactory.class");
        assertThat(factory).as("paimon-flink-2.0 on the test class path").isNotNull();
        Path paimon = Path.of(((java.net.JarURLConnection) factory.openConnection()).getJarFileURL().toURI());
        Path init = config.stateDir().resolve("mt-session-init.sql");
        Files.writeString(init, "LOAD MODULE sqlpack;\nCREATE CATALOG pm WITH ('type' = 'paimon', 'warehouse' = '"
                + config.stateDir().resolve("paimon").toUri() + "');\n");
        stack = new LocalStack(SqlPackHome.locate(), config, System.out::println).withJars(List.of(paimon))
                .withConfig(Map.of("workflow-scheduler.type", "embedded",
                        "sql-gateway.endpoint.sqlpack.session-init-file", init.toString()));
        stack.up();
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.down();
        }
    }

    @Test
    void theSchedulersPeriodicRefreshGetsInAndFillsTheTable() throws Exception {
        GatewayClient gateway = GatewayClient.forStack(config);
        try (GatewayClient.Session s = gateway.openSession("mt-admin", Map.of())) {
            s.executeAndFetchAll("SET 'table.dml-sync' = 'true'");
            s.executeAndFetchAll("SET 'execution.runtime-mode' = 'batch'");
            s.executeAndFetchAll("USE CATALOG pm");
            s.executeAndFetchAll("CREATE TABLE orders (id INT, amount INT)");
            s.executeAndFetchAll("INSERT INTO orders VALUES (1, 10), (2, 20), (3, 30)");
            s.executeAndFetchAll("CREATE MATERIALIZED TABLE totals FRESHNESS = INTERVAL '1' MINUTE REFRESH_MODE = FULL"
                    + " AS SELECT COUNT(*) AS n, SUM(amount) AS total FROM orders");
            // full mode only schedules the refresh; the audit line below shows the scheduler ran it
            // (no "still empty" check here: the next full minute may come before such a check)
            StackTestKit.await("the scheduler's refresh of pm.default.totals", DEADLINE,
                    () -> StackTestKit.rows(s, "SELECT n, total FROM totals").equals(List.of(List.of("3", "60"))));
        }
        List<JsonNode> audit = new ArrayList<>();
        for (String line : Files.readAllLines(GatewayExtension.auditDir(config).resolve("audit.jsonl"))) {
            audit.add(GatewayHttp.JSON.readTree(line));
        }
        assertThat(audit).anySatisfy(l -> {
            assertThat(l.path("identity").asText()).isEqualTo("sqlpack-gateway-itself");
            assertThat(l.path("statement").asText()).contains("REFRESH MATERIALIZED TABLE").contains("totals");
            assertThat(l.path("decision").asText()).isEqualTo("allowed");
        });
        assertThat(audit).as("no request of the scheduler was refused")
                .noneSatisfy(l -> assertThat(l.path("decision").asText()).isEqualTo("refused"));
    }
}
