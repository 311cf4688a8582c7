package dev.sqlpack.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlpack.gateway.auth.IdentitiesFile;
import dev.sqlpack.gateway.auth.Identity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The gateway extension on a real stack (./sqlpack up's defaults: extension on), spoken to with
 * plain HTTP as curl would: identity on every endpoint, the pack in every session, the analyst
 * policy and its bypass attempts, session ownership, audit, and limits with short timeouts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayExtensionITCase {
    private final SqlPackHome home = SqlPackHome.locate();
    private LocalStack stack;
    private StackConfig config;
    private GatewayHttp http;
    private Path ids;
    private String admin;
    private String ana;
    private String bob;

    @BeforeAll
    void start() throws Exception {
        config = StackConfig.freePorts(Files.createTempDirectory("sqlpack-gwext-"));
        stack = new LocalStack(home, config, System.out::println).withConfig(Map.of(
                "sql-gateway.session.idle-timeout", "20 s",
                "sql-gateway.endpoint.sqlpack.limits.sweep-interval", "2 s",
                "sql-gateway.endpoint.sqlpack.limits.analyst.max-sessions", "3",
                "sql-gateway.endpoint.sqlpack.limits.analyst.max-running-jobs", "2"));
        stack.up();
        http = new GatewayHttp(config.gatewayUrl());
        ids = GatewayExtension.identitiesFile(config);
        admin = GatewayExtension.token(config).orElseThrow();
        ana = IdentitiesFile.createToken(ids, "ana", Identity.Role.ANALYST);
        bob = IdentitiesFile.createToken(ids, "bob", Identity.Role.ANALYST);
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.down();
        }
    }

    @Test
    @Order(1)
    void theAdminTokenFileIsReadableByItsOwnerOnly() throws Exception {
        assertThat(Files.getPosixFilePermissions(GatewayExtension.tokenFile(config)))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        assertThat(Files.readString(ids)).doesNotContain(admin).doesNotContain(ana);
    }

    @Test
    @Order(2)
    void everyEndpointAnswers401WithoutAValidTokenAndWorksWithOne() throws Exception {
        String session = http.openOk(admin);
        String op = http.run(admin, session, "SHOW CATALOGS").operation();
        ObjectNode stmt = GatewayHttp.JSON.createObjectNode().put("statement", "SELECT 1");
        List<String[]> endpoints = List.of(
                new String[] {"GET", "/v2/info"}, new String[] {"GET", "/api_versions"},
                new String[] {"POST", "/v2/sessions"}, new String[] {"GET", "/v2/sessions/" + session},
                new String[] {"POST", "/v2/sessions/" + session + "/heartbeat"},
                new String[] {"POST", "/v2/sessions/" + session + "/statements"},
                new String[] {"POST", "/v2/sessions/" + session + "/configure-session"},
                new String[] {"GET", "/v2/sessions/" + session + "/operations/" + op + "/status"},
                new String[] {"GET", "/v2/sessions/" + session + "/operations/" + op + "/result/0"},
                new String[] {"DELETE", "/v2/sessions/" + session});
        String revoked = IdentitiesFile.createToken(ids, "temp", Identity.Role.ADMIN);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> http.send("GET", "/v2/info", revoked, null).status() == 200);
        IdentitiesFile.revoke(ids, "temp");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> http.send("GET", "/v2/info", revoked, null).status() == 401);
        for (String[] e : endpoints) {
            JsonNode body = e[0].equals("POST") && e[1].endsWith("statements") || e[1].endsWith("configure-session") ? stmt : null;
            for (String token : new String[] {null, "sqlp_wrong", revoked, ""}) {
                GatewayHttp.Reply r = http.send(e[0], e[1], token, body);
                assertThat(r.status()).as(e[0] + " " + e[1] + " with token " + token).isEqualTo(401);
                assertThat(r.body()).as("one line, no stack trace").doesNotContain("\n").doesNotContain("Exception");
                assertThat(r.json().path("errors").get(0).asText()).isNotBlank();
            }
        }
        assertThat(http.send("GET", "/v2/info", admin, null).status()).isEqualTo(200);
        assertThat(http.send("GET", "/v2/sessions/" + session, admin, null).status()).isEqualTo(200);
        assertThat(http.send("DELETE", "/v2/sessions/" + session, admin, null).status()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void aRawSessionAlreadyHasThePackAndTheStackCatalog() throws Exception {
        String s = http.openOk(ana);
        // Paris: the 5-character cell "u09tv" (geohash of 48.8566 N, 2.3522 E)
        assertThat(http.run(ana, s, "SELECT GEOHASH_ENCODE(48.8566, 2.3522, 5)").rows().get(0).get(0).asText()).isEqualTo("u09tv");
        List<String> catalogs = new ArrayList<>();
        http.run(ana, s, "SHOW CATALOGS").rows().forEach(r -> catalogs.add(r.get(0).asText()));
        assertThat(catalogs).contains("lake", "default_catalog");
        // a script written for a stock gateway still runs: LOAD MODULE of a loaded module is a no-op
        http.run(ana, s, "LOAD MODULE sqlpack");
        assertThat(http.run(ana, s, "SELECT GEOHASH_ENCODE(48.8566, 2.3522, 5)").rows().get(0).get(0).asText()).isEqualTo("u09tv");
        http.send("DELETE", "/v2/sessions/" + s, ana, null);
    }

    @Test
    @Order(4)
    void analystRefusalsNameTheRuleAndLeaveTheSessionUsable() throws Exception {
        String s = http.openOk(ana);
        Path root = GatewayExtension.analystDataDir(config);
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("ADD JAR '/tmp/evil.jar'", "add-jar");
        refused.put("aDd JaR '/tmp/evil.jar'", "add-jar");
        refused.put("/* hello */ ADD -- a comment\n JAR '/tmp/evil.jar'", "add-jar");
        refused.put("CREATE FUNCTION evil AS 'x.Evil' USING JAR '/tmp/evil.jar'", "function-jar");
        refused.put("CREATE TEMPORARY SYSTEM FUNCTION evil2 AS 'x.Evil' LANGUAGE JAVA USING JAR '/tmp/evil.jar'", "function-jar");
        refused.put("CREATE CATALOG other WITH ('type' = 'generic_in_memory')", "catalog");
        refused.put("CREATE TABLE sock (a STRING) WITH ('connector' = 'socket', 'hostname' = 'x', 'port' = '1', 'format' = 'csv')", "connector");
        refused.put("CREATE TABLE etc (a STRING) WITH ('connector' = 'filesystem', 'path' = '/etc', 'format' = 'csv')", "filesystem-path");
        refused.put("CREATE TABLE up (a STRING) WITH ('connector' = 'filesystem', 'path' = 'file://" + root + "/../../etc', 'format' = 'csv')", "filesystem-path");
        refused.put("SET 'pipeline.jars' = 'file:///tmp/evil.jar'", "config-key");
        refused.put("set 'PIPELINE.CLASSPATHS' = 'file:///tmp/evil.jar'", "config-key");
        refused.put("SET '$internal.pipeline.job-id' = '00000000000000000000000000000000'", "config-key");
        refused.put("SET 'security.ssl.rest.keystore-password' = 'x'", "config-key");
        refused.put("SET 'table.dynamic-table-options.enabled' = 'true'", "config-key");
        refused.put("LOAD MODULE hive", "load-module");
        for (Map.Entry<String, String> e : refused.entrySet()) {
            GatewayHttp.Reply r = http.submit(ana, s, e.getKey(), Map.of());
            assertThat(r.status()).as(e.getKey()).isEqualTo(403);
            assertThat(r.error()).as(e.getKey()).contains("rule '" + e.getValue() + "'").contains("role analyst").contains("admin");
        }
        // nothing of it happened
        assertThat(http.run(ana, s, "SHOW JARS").rows()).isEmpty();
        assertThat(http.run(ana, s, "SELECT 1").rows().get(0).get(0).asInt()).isEqualTo(1);
        // allowed: a table under the analysts' root, and tables of allowed connectors
        http.run(ana, s, "CREATE TABLE ok_fs (a STRING) WITH ('connector' = 'filesystem', 'path' = '" + root + "/ok', 'format' = 'csv')");
        http.run(ana, s, "CREATE TEMPORARY TABLE src (n INT) WITH ('connector' = 'datagen', 'number-of-rows' = '3')");
        http.run(ana, s, "CREATE TEMPORARY TABLE snk (n INT) WITH ('connector' = 'blackhole')");
        http.send("DELETE", "/v2/sessions/" + s, ana, null);
    }

    @Test
    @Order(5)
    void bypassAttemptsAreRefused() throws Exception {
        String s = http.openOk(ana);
        http.run(ana, s, "CREATE TEMPORARY TABLE src (n INT) WITH ('connector' = 'datagen', 'number-of-rows' = '3')");
        http.run(ana, s, "CREATE TEMPORARY TABLE snk (n INT) WITH ('connector' = 'blackhole')");
        // several statements in one request: Flink's parser reads one statement only; nothing runs
        assertThat(http.submit(ana, s, "SELECT 1; ADD JAR '/tmp/evil.jar'", Map.of()).status()).isIn(400, 403);
        // a statement set hiding a refused insert
        assertThat(http.submit(ana, s, "EXECUTE STATEMENT SET BEGIN INSERT INTO snk SELECT n FROM src; "
                + "INSERT INTO snk /*+ OPTIONS('connector' = 'filesystem', 'path' = '/etc/x') */ SELECT n FROM src; END", Map.of())
                .status()).isIn(400, 403);
        // an OPTIONS hint on a source: Flink itself refuses, dynamic options are off for analysts
        GatewayHttp.Reply hint = http.submit(ana, s, "SELECT * FROM src /*+ OPTIONS('connector' = 'filesystem', 'path' = '/etc') */", Map.of());
        assertThat(hint.status()).isIn(400, 403);
        assertThat(hint.error()).contains("table.dynamic-table-options.enabled");
        // configuration at session open, per statement, and through configureSession
        GatewayHttp.Reply open = http.open(ana, Map.of("pipeline.jars", "file:///tmp/evil.jar"));
        assertThat(open.status()).isEqualTo(403);
        assertThat(open.error()).contains("pipeline.jars").contains("rule 'config-key'");
        GatewayHttp.Reply perStatement = http.submit(ana, s, "SELECT 1", Map.of("pipeline.classpaths", "file:///tmp/evil.jar"));
        assertThat(perStatement.status()).isEqualTo(403);
        ObjectNode configure = GatewayHttp.JSON.createObjectNode().put("statement", "ADD JAR '/tmp/evil.jar'");
        GatewayHttp.Reply viaConfigure = http.send("POST", "/v2/sessions/" + s + "/configure-session", ana, configure);
        assertThat(viaConfigure.status()).isEqualTo(403);
        assertThat(viaConfigure.error()).contains("rule 'add-jar'");
        ObjectNode configureSet = GatewayHttp.JSON.createObjectNode().put("statement", "SET 'pipeline.jars' = 'file:///tmp/evil.jar'");
        assertThat(http.send("POST", "/v2/sessions/" + s + "/configure-session", ana, configureSet).status()).isEqualTo(403);
        // still usable, and the statement set of allowed inserts runs
        assertThat(http.run(ana, s, "SHOW JARS").rows()).isEmpty();
        assertThat(http.run(ana, s, "EXECUTE STATEMENT SET BEGIN INSERT INTO snk SELECT n FROM src; INSERT INTO snk SELECT n + 1 FROM src; END")
                .jobId()).isNotBlank();
        http.send("DELETE", "/v2/sessions/" + s, ana, null);
    }

    @Test
    @Order(6)
    void aSessionBelongsToWhoOpenedIt() throws Exception {
        String bobs = http.openOk(bob);
        for (String[] e : List.of(new String[] {"GET", "/v2/sessions/" + bobs}, new String[] {"DELETE", "/v2/sessions/" + bobs},
                new String[] {"POST", "/v2/sessions/" + bobs + "/heartbeat"})) {
            GatewayHttp.Reply r = http.send(e[0], e[1], ana, null);
            assertThat(r.status()).as(e[0] + " " + e[1]).isEqualTo(403);
            assertThat(r.error()).contains("belongs to another identity");
        }
        assertThat(http.submit(ana, bobs, "SELECT 1", Map.of()).status()).isEqualTo(403);
        assertThat(http.submit(admin, bobs, "SELECT 1", Map.of()).status()).isEqualTo(403);
        assertThat(http.run(bob, bobs, "SELECT 2").rows().get(0).get(0).asInt()).isEqualTo(2);
        http.send("DELETE", "/v2/sessions/" + bobs, bob, null);
    }

    @Test
    @Order(7)
    void theAdminMayDoWhatAnalystsMayNot() throws Exception {
        String s = http.openOk(admin);
        http.run(admin, s, "CREATE CATALOG mem WITH ('type' = 'generic_in_memory')");
        http.run(admin, s, "CREATE TEMPORARY TABLE sock (a STRING) WITH ('connector' = 'socket', 'hostname' = 'x', 'port' = '1', 'format' = 'csv')");
        http.run(admin, s, "SET 'pipeline.name' = 'admin-job'");
        http.send("DELETE", "/v2/sessions/" + s, admin, null);
    }

    @Test
    @Order(8)
    void theAuditLogHasOneLinePerStatementAndRefusalWithSecretsRedacted() throws Exception {
        String s = http.openOk(ana);
        http.run(ana, s, "SELECT 'audit-marker-1'");
        http.run(ana, s, "CREATE TEMPORARY TABLE sec (a INT) WITH ('connector' = 'datagen', 'x.password' = 'hunter2', 'api-token' = 'tk-42')");
        http.submit(ana, s, "ADD JAR '/tmp/audit-marker-2.jar'", Map.of());
        http.send("DELETE", "/v2/sessions/" + s, ana, null);
        Path log = GatewayExtension.auditDir(config).resolve("audit.jsonl");
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            lines.add(GatewayHttp.JSON.readTree(line));
        }
        JsonNode marker = lines.stream().filter(l -> l.path("statement").asText().equals("SELECT 'audit-marker-1'")).findFirst().orElseThrow();
        assertThat(marker.path("event").asText()).isEqualTo("statement");
        assertThat(marker.path("identity").asText()).isEqualTo("ana");
        assertThat(marker.path("role").asText()).isEqualTo("analyst");
        assertThat(marker.path("session").asText()).isEqualTo(s);
        assertThat(marker.path("remote").asText()).startsWith("127.0.0.1:");
        assertThat(marker.path("decision").asText()).isEqualTo("allowed");
        assertThat(marker.path("job_id").asText()).matches("[0-9a-f]{32}");
        assertThat(marker.path("time").asText()).isNotBlank();
        JsonNode refusal = lines.stream().filter(l -> l.path("statement").asText().contains("audit-marker-2")).findFirst().orElseThrow();
        assertThat(refusal.path("decision").asText()).isEqualTo("refused");
        assertThat(refusal.path("rule").asText()).isEqualTo("add-jar");
        JsonNode secret = lines.stream().filter(l -> l.path("statement").asText().contains("CREATE TEMPORARY TABLE sec")).findFirst().orElseThrow();
        assertThat(secret.path("statement").asText()).contains("'x.password' = '***'").contains("'api-token' = '***'");
        assertThat(Files.readString(log)).doesNotContain("hunter2").doesNotContain("tk-42").doesNotContain(ana).doesNotContain(admin);
        assertThat(lines).anyMatch(l -> l.path("event").asText().equals("request") && l.path("decision").asText().equals("refused"));
    }

    @Test
    @Order(9)
    void theFourthSessionIsRefusedAndAnExpiredSessionFreesItsSlot() throws Exception {
        String idle = IdentitiesFile.createToken(ids, "idle", Identity.Role.ANALYST);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> http.send("GET", "/v2/info", idle, null).status() == 200);
        for (int i = 0; i < 3; i++) {
            http.openOk(idle);
        }
        GatewayHttp.Reply fourth = http.open(idle, Map.of());
        assertThat(fourth.status()).isEqualTo(429);
        assertThat(fourth.error()).contains("limits.analyst.max-sessions (3)");
        // idle timeout 20 s, sweep every 2 s: the three sessions expire and free their slots
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2))
                .until(() -> http.open(idle, Map.of()).status() == 200);
    }

    @Test
    @Order(10)
    void theThirdRunningJobIsRefusedUntilOneStops() throws Exception {
        String runner = IdentitiesFile.createToken(ids, "runner", Identity.Role.ANALYST);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> http.send("GET", "/v2/info", runner, null).status() == 200);
        String s = http.openOk(runner);
        http.run(runner, s, "CREATE TEMPORARY TABLE slow (n BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '1')");
        http.run(runner, s, "CREATE TEMPORARY TABLE sink (n BIGINT) WITH ('connector' = 'blackhole')");
        String first = http.run(runner, s, "INSERT INTO sink SELECT n FROM slow").jobId();
        String second = http.run(runner, s, "INSERT INTO sink SELECT n FROM slow").jobId();
        assertThat(first).isNotEqualTo(second);
        GatewayHttp.Reply third = http.submit(runner, s, "INSERT INTO sink SELECT n FROM slow", Map.of());
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.error()).contains("limits.analyst.max-running-jobs (2)");
        // another analyst may not stop them; their owner may
        String anas = http.openOk(ana);
        GatewayHttp.Reply foreign = http.submit(ana, anas, "STOP JOB '" + first + "'", Map.of());
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.error()).contains("rule 'stop-job'");
        http.run(runner, s, "STOP JOB '" + first + "'");
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> http.submit(runner, s, "INSERT INTO sink SELECT n FROM slow", Map.of()).status() == 200);
        // the audit log names the jobs the fixed ids gave them
        String audit = Files.readString(GatewayExtension.auditDir(config).resolve("audit.jsonl"));
        assertThat(audit).contains("\"job_id\":\"" + first + "\"").contains("\"job_id\":\"" + second + "\"");
        cancelAllJobs(); // free the slots for the client tests
    }

    /** Cancels every job through the JobManager's REST API (loopback, no authentication: see the docs). */
    private void cancelAllJobs() {
        GatewayHttp jm = new GatewayHttp(config.webUiUrl());
        List<String> done = List.of("CANCELED", "FINISHED", "FAILED");
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            boolean all = true;
            for (JsonNode j : jm.send("GET", "/jobs", null, null).json().path("jobs")) {
                if (!done.contains(j.path("status").asText())) {
                    all = false;
                    jm.send("PATCH", "/jobs/" + j.path("id").asText() + "?mode=cancel", null, null);
                }
            }
            return all;
        });
    }

    /** Runs a child JVM with the given extra environment; returns its exit code and output. */
    private static String[] runJava(List<String> args, Map<String, String> env, Path log) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ServerLauncher.javaExecutable());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("FLINK_REST_CLIENT_HEADERS");
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("still running after 5 minutes: " + cmd + "\n" + Files.readString(log));
        }
        return new String[] {Integer.toString(p.exitValue()), Files.readString(log)};
    }

    private String sqlClient(String token, Path script) throws Exception {
        Map<String, String> env = new java.util.HashMap<>(Map.of("FLINK_CONF_DIR", config.confDir().toString()));
        if (token != null) {
            env.put("FLINK_REST_CLIENT_HEADERS", "Authorization:Bearer " + token);
        }
        Path log = Files.createTempFile(config.stateDir(), "sql-client", ".out");
        String[] r = runJava(List.of("-cp", home.flinkClasspath(false), "org.apache.flink.table.client.SqlClient", "gateway",
                "--endpoint", "127.0.0.1:" + config.gatewayPort(), "-f", script.toString()), env, log);
        return r[0] + "\n" + r[1];
    }

    /**
     * Flink's own SQL client in gateway mode, started as a user would with the stack's config
     * directory (it sends that whole configuration as session properties): with an analyst's
     * token in FLINK_REST_CLIENT_HEADERS it runs a pack function; without one it is refused.
     */
    @Test
    @Order(11)
    void flinksSqlClientWorksWithATokenAndIsRefusedWithout() throws Exception {
        Path script = config.stateDir().resolve("client.sql");
        Files.writeString(script, "SET 'sql-client.execution.result-mode' = 'tableau';\n"
                + "SELECT GEOHASH_ENCODE(48.8566, 2.3522, 5) AS cell;\n");
        String analyst = IdentitiesFile.createToken(ids, "client-user", Identity.Role.ANALYST);
        String ok = sqlClient(analyst, script);
        assertThat(ok).startsWith("0\n").contains("u09tv");
        String refused = sqlClient(null, script);
        assertThat(refused).doesNotStartWith("0\n").contains("authentication required").doesNotContain("u09tv");
        String wrong = sqlClient("sqlp_not-a-token", script);
        assertThat(wrong).doesNotStartWith("0\n").contains("invalid or revoked token");
    }

    /** Flink's JDBC driver (2.0.0) runs a pack function with no LOAD MODULE, as an analyst. */
    @Test
    @Order(12)
    void flinksJdbcDriverRunsAPackFunctionWithoutLoadModule() throws Exception {
        String analyst = IdentitiesFile.createToken(ids, "jdbc-user", Identity.Role.ANALYST);
        Path driver = Path.of(org.apache.flink.table.jdbc.FlinkDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path probe = Path.of(JdbcProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String cp = String.join(java.io.File.pathSeparator, driver.toString(), probe.toString(), home.flinkClasspath(false));
        String url = "jdbc:flink://127.0.0.1:" + config.gatewayPort();
        String sql = "SELECT GEOHASH_ENCODE(48.8566, 2.3522, 5)";
        String[] ok = runJava(List.of("-cp", cp, JdbcProbe.class.getName(), url, sql),
                Map.of("FLINK_REST_CLIENT_HEADERS", "Authorization:Bearer " + analyst), config.stateDir().resolve("jdbc-ok.out"));
        assertThat(ok[1]).contains("ROW u09tv");
        assertThat(ok[0]).isEqualTo("0");
        String[] refused = runJava(List.of("-cp", cp, JdbcProbe.class.getName(), url, sql), Map.of(),
                config.stateDir().resolve("jdbc-refused.out"));
        assertThat(refused[0]).isEqualTo("2");
        assertThat(refused[1]).doesNotContain("ROW u09tv");
    }
}
