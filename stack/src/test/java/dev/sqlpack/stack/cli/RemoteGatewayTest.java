package dev.sqlpack.stack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sqlpack.stack.gateway.SqlScript;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --gateway URL} on sql, submit, resume and stop: no local stack needed, the remote init
 * script, and the URL checked. The gateway here is a fake speaking the REST API's JSON (a unit
 * test); the real gateway is exercised by the stack's integration tests.
 */
class RemoteGatewayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path tmp;
    private HttpServer fake;
    private final List<String> statements = new CopyOnWriteArrayList<>();
    private volatile String answer = null; // one text cell returned for the next statement, or none

    @BeforeEach
    void startFakeGateway() throws IOException {
        fake = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        fake.createContext("/", this::handle);
        fake.start();
    }

    @AfterEach
    void stopFakeGateway() {
        fake.stop(0);
    }

    @Test
    void submitRunsTheRemoteInitScriptThenTheFileWithoutALocalStack() throws Exception {
        Path script = Files.writeString(tmp.resolve("job.sql"), "SELECT 1;\nSHOW TABLES;\n");
        Result r = run("submit", "--state-dir", tmp.resolve("no-stack").toString(), "--gateway", url(), script.toString());
        assertThat(r.code).as(r.err).isZero();
        List<String> expected = new ArrayList<>(SqlScript.split(Files.readString(repoRoot().resolve(RemoteGateway.INIT_SQL))));
        assertThat(expected).anyMatch(s -> s.endsWith("\nLOAD MODULE sqlpack")).noneMatch(s -> s.contains("${state.dir}"));
        expected.addAll(List.of("SELECT 1", "SHOW TABLES"));
        assertThat(statements).containsExactlyElementsOf(expected);
    }

    @Test
    void resumeSetsTheSavepointOnTheRemoteGateway() throws Exception {
        Path script = Files.writeString(tmp.resolve("job.sql"), "INSERT INTO t SELECT 1;\n");
        Result r = run("resume", "--state-dir", tmp.toString(), "--gateway", url(), "s3://b/savepoints/sp-1", script.toString());
        assertThat(r.code).as(r.err).isZero();
        assertThat(statements).endsWith("SET 'execution.savepoint.path' = 's3://b/savepoints/sp-1'", "INSERT INTO t SELECT 1");
    }

    @Test
    void stopWithSavepointGoesThroughTheRemoteGateway() {
        answer = "s3://b/savepoints/savepoint-1a2b";
        String job = "0123456789abcdef0123456789abcdef";
        Result r = run("stop", "--state-dir", tmp.toString(), "--gateway", url(), "--savepoint", job);
        assertThat(r.code).as(r.err).isZero();
        assertThat(statements).containsExactly("STOP JOB '" + job + "' WITH SAVEPOINT");
        assertThat(r.out).contains("Savepoint: s3://b/savepoints/savepoint-1a2b",
                "Resume with: ./sqlpack resume s3://b/savepoints/savepoint-1a2b FILE.sql");
    }

    @Test
    void sqlClientConnectsToTheUrlWithAnEmptyLocalConfiguration() throws Exception {
        Path home = tmp.resolve("home");
        Files.createDirectories(home.resolve("stack/runtime/flink/target"));
        Files.writeString(home.resolve("stack/runtime/flink/pom.xml"), "<project/>");
        Files.writeString(home.resolve("stack/runtime/flink/target/classpath.txt"), "/flink/lib/a.jar");
        Files.createDirectories(home.resolve("gateway-config"));
        Files.writeString(home.resolve("gateway-config/log4j-cli.properties"), "rootLogger.level = WARN\n");
        Files.createDirectories(home.resolve("deploy/kubernetes"));
        Files.writeString(home.resolve(RemoteGateway.INIT_SQL), "LOAD MODULE sqlpack;\n");
        Path state = tmp.resolve("state");
        Result r = withHome(home, () -> run("sql-client-command", "--state-dir", state.toString(),
                "--gateway", "https://gateway.example.com:8443/flink/"));
        assertThat(r.code).as(r.err).isZero();
        List<String> cmd = r.out.lines().toList();
        Path conf = state.resolve("remote-gateway-conf");
        assertThat(cmd).containsSequence("--endpoint", "https://gateway.example.com:8443/flink")
                .containsSequence("--init", home.resolve(RemoteGateway.INIT_SQL).toString())
                .contains("FLINK_CONF_DIR=" + conf);
        // only comments: no key of the local stack's config reaches the remote session
        assertThat(Files.readAllLines(conf.resolve("config.yaml"))).allMatch(l -> l.startsWith("#"));
        assertThat(conf.resolve("log4j-cli.properties")).hasContent("rootLogger.level = WARN");
    }

    @Test
    void aGatewayThatIsNotAUrlIsRefusedWithTheFormToUse() {
        for (String bad : List.of("127.0.0.1:8083", "ftp://host:21", "http://", " ", "http://host:8083/?x=1", "sqlpack-sql-gateway")) {
            Result r = run("submit", "--state-dir", tmp.toString(), "--gateway", bad, "x.sql");
            assertThat(r.code).as(bad).isEqualTo(1);
            assertThat(r.err).as(bad).contains("'--gateway " + bad + "' is not a gateway URL: use http://HOST:PORT or https://HOST:PORT");
        }
        assertThat(statements).isEmpty();
    }

    @Test
    void urlsAreNormalized() {
        assertThat(RemoteGateway.parse("http://127.0.0.1:18083/").url()).isEqualTo("http://127.0.0.1:18083");
        assertThat(RemoteGateway.parse(" https://gw.example.com/flink ").url()).isEqualTo("https://gw.example.com/flink");
    }

    private String url() {
        return "http://127.0.0.1:" + fake.getAddress().getPort();
    }

    private static Path repoRoot() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.exists(d.resolve("stack/runtime/flink/pom.xml"))) {
                return d;
            }
        }
        throw new AssertionError("no checkout above " + Path.of("").toAbsolutePath());
    }

    private record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SqlPackCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    private static Result withHome(Path home, java.util.function.Supplier<Result> body) {
        String before = System.getProperty("sqlpack.home");
        System.setProperty("sqlpack.home", home.toString());
        try {
            return body.get();
        } finally {
            if (before == null) {
                System.clearProperty("sqlpack.home");
            } else {
                System.setProperty("sqlpack.home", before);
            }
        }
    }

    /** The REST API's shapes as GatewayClient reads them: a session, operations, one EOS page each. */
    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String method = ex.getRequestMethod();
        ObjectNode body = JSON.createObjectNode();
        if (method.equals("POST") && path.equals("/v2/sessions")) {
            body.put("sessionHandle", "s1");
        } else if (method.equals("POST") && path.equals("/v2/sessions/s1/statements")) {
            JsonNode req = JSON.readTree(ex.getRequestBody().readAllBytes());
            statements.add(req.path("statement").asText());
            body.put("operationHandle", "op" + statements.size());
        } else if (method.equals("GET") && path.matches("/v2/sessions/s1/operations/op\\d+/result/0")) {
            body.put("resultType", "EOS").put("isQueryResult", false).put("resultKind", "SUCCESS_WITH_CONTENT");
            ObjectNode results = body.putObject("results");
            if (answer != null) {
                results.putArray("columns").addObject().put("name", "savepoint path");
                ObjectNode row = results.putArray("data").addObject().put("kind", "INSERT");
                row.putArray("fields").add(answer);
            }
        }
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }
}
