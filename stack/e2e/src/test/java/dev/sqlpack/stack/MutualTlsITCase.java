package dev.sqlpack.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlpack.stack.gateway.GatewayClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code ./sqlpack up --tls --client-certs}: the REST endpoints demand a client certificate
 * signed by the stack's authority, and the gateway extension takes the identity from its CN.
 * Clients: Java's HTTP client, curl and Flink's SQL client, each as a user would run it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MutualTlsITCase {
    private final SqlPackHome home = SqlPackHome.locate();
    private StackConfig config;
    private LocalStack stack;
    private Tls.ClientCertificate alice;

    @BeforeAll
    void startStackDemandingClientCertificates() throws Exception {
        config = StackConfig.freePorts(Files.createTempDirectory("sqlpack-mtls-")).withClientCerts(true);
        stack = new LocalStack(home, config, System.out::println);
        stack.up();
        StackTestKit.Result created = StackTestKit.cli("token", "create", "alice", "--role", "analyst", "--cert",
                "--state-dir", config.stateDir().toString());
        assertThat(created.code()).as(created.err()).isZero();
        alice = new Tls.ClientCertificate(Tls.clientsDir(config).resolve("alice.p12"), Tls.clientsDir(config).resolve("alice.password"),
                Tls.clientsDir(config).resolve("alice.crt"), Tls.clientsDir(config).resolve("alice.key"));
        assertThat(created.out()).contains("a client certificate with CN=alice may connect")
                .contains(alice.keystore().toString()).contains(alice.keyPem().toString());
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.down();
        }
    }

    private SSLContext presenting(Tls.ClientCertificate c) throws Exception {
        Path trust = Tls.dir(config).resolve("truststore.p12");
        if (c == null) {
            return Tls.context(trust, Tls.password(config), null, null);
        }
        return Tls.context(trust, Tls.password(config), c.keystore(), Files.readString(c.password()).trim());
    }

    @Test
    void theStacksOwnClientsStillWork() {
        assertThat(config.gatewayUrl()).startsWith("https://");
        assertThat(GatewayClient.forStack(config).info().path("version").asText()).isEqualTo("2.0.0");
        assertThat(stack.registeredTaskManagers()).isNotEmpty(); // the JobManager's REST API, with the stack's certificate
    }

    @Test
    void aClientCertificateIsAnIdentityWithItsRole() throws Exception {
        GatewayHttp http = new GatewayHttp(config.gatewayUrl(), presenting(alice));
        String session = http.openOk(null); // no Authorization header: the certificate is the identity
        GatewayHttp.Result r = http.run(null, session, "SELECT GEOHASH_ENCODE(48.8566, 2.3522, 5) AS cell");
        assertThat(r.rows()).hasSize(1);
        assertThat(r.rows().get(0).get(0).asText()).isEqualTo("u09tv");
        // alice is an analyst: the policy refuses what an analyst may not do
        GatewayHttp.Reply jar = http.submit(null, session, "ADD JAR '/tmp/mtls-not-allowed.jar'", Map.of());
        assertThat(jar.status()).isEqualTo(403);
        assertThat(jar.body()).contains("alice (role analyst)");
        List<JsonNode> audit = new ArrayList<>();
        for (String line : Files.readAllLines(GatewayExtension.auditDir(config).resolve("audit.jsonl"))) {
            audit.add(GatewayHttp.JSON.readTree(line));
        }
        assertThat(audit).anySatisfy(l -> {
            assertThat(l.path("statement").asText()).startsWith("SELECT GEOHASH_ENCODE");
            assertThat(l.path("identity").asText()).isEqualTo("alice");
            assertThat(l.path("role").asText()).isEqualTo("analyst");
        });
    }

    @Test
    void aCertificateOfTheStacksAuthorityWithoutAnIdentityGets401() throws Exception {
        Tls.ClientCertificate mallory = Tls.issueClientCertificate(config, "mallory"); // signed, but no identity line
        GatewayHttp.Reply r = new GatewayHttp(config.gatewayUrl(), presenting(mallory)).open(null, Map.of());
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.body()).contains("no identity for client certificate CN=mallory");
    }

    @Test
    void withoutAClientCertificateTheTlsHandshakeFailsOnTheGatewayAndTheJobManager() throws Exception {
        HttpClient noCert = HttpClient.newBuilder().sslContext(presenting(null)).build();
        for (String url : List.of(config.gatewayUrl() + "/v2/info", config.webUiUrl() + "/overview")) {
            assertThatThrownBy(() -> noCert.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()))
                    .as(url).isInstanceOf(java.io.IOException.class);
        }
        // a token alone does not get past TLS either: client authentication is per port
        GatewayClient tokenOnly = new GatewayClient(config.gatewayUrl(), presenting(null))
                .withToken(GatewayExtension.token(config).orElseThrow());
        assertThatThrownBy(tokenOnly::info).isInstanceOf(dev.sqlpack.stack.gateway.GatewayException.class);
    }

    @Test
    void curlWithThePemFilesIsServedAndWithoutThemRefused() throws Exception {
        String url = config.gatewayUrl() + "/v2/sessions";
        String[] ok = curl("-sS", "--cacert", Tls.certificate(config).toString(), "--cert", alice.certificatePem().toString(),
                "--key", alice.keyPem().toString(), "-X", "POST", "-H", "Content-Type: application/json", "-d", "{}", url);
        assertThat(ok[0]).as(ok[1]).isEqualTo("0");
        assertThat(ok[1]).contains("sessionHandle");
        String[] refused = curl("-sS", "--cacert", Tls.certificate(config).toString(), "-X", "POST",
                "-H", "Content-Type: application/json", "-d", "{}", url);
        assertThat(refused[0]).isNotEqualTo("0");
        assertThat(refused[1]).doesNotContain("sessionHandle");
        assertThat(Files.getPosixFilePermissions(alice.keyPem())).containsExactlyInAnyOrder(
                java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void flinksSqlClientWorksWithAClientCertificateAndIsRefusedWithout() throws Exception {
        Path script = config.stateDir().resolve("mtls-client.sql");
        Files.writeString(script, "SET 'sql-client.execution.result-mode' = 'tableau';\n"
                + "SELECT GEOHASH_ENCODE(48.8566, 2.3522, 5) AS cell;\n");
        String ok = sqlClient(alice, script);
        assertThat(ok).startsWith("0\n").contains("u09tv");
        String refused = sqlClient(null, script);
        assertThat(refused).doesNotStartWith("0\n").doesNotContain("u09tv");
    }

    /** Flink's SQL client in gateway mode with a fresh config directory: TLS options only, no token. */
    private String sqlClient(Tls.ClientCertificate cert, Path script) throws Exception {
        Path conf = Files.createTempDirectory(config.stateDir(), "client-conf-");
        Map<String, String> options = new HashMap<>();
        options.put("security.ssl.rest.enabled", "true");
        options.put("security.ssl.rest.truststore", Tls.dir(config).resolve("truststore.p12").toString());
        options.put("security.ssl.rest.truststore-password", Tls.password(config));
        if (cert != null) {
            String password = Files.readString(cert.password()).trim();
            options.put("security.ssl.rest.authentication-enabled", "true");
            options.put("security.ssl.rest.keystore", cert.keystore().toString());
            options.put("security.ssl.rest.keystore-password", password);
            options.put("security.ssl.rest.key-password", password);
        }
        StringBuilder yaml = new StringBuilder();
        options.forEach((k, v) -> yaml.append(k).append(": ").append(v).append('\n'));
        Files.writeString(conf.resolve("config.yaml"), yaml.toString());
        Path log = Files.createTempFile(config.stateDir(), "sql-client", ".out");
        String[] r = StackTestKit.runJava(List.of("-cp", home.flinkClasspath(false), "org.apache.flink.table.client.SqlClient",
                "gateway", "--endpoint", config.gatewayUrl(), "-f", script.toString()),
                Map.of("FLINK_CONF_DIR", conf.toString()), log);
        return r[0] + "\n" + r[1];
    }

    private static String[] curl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "--max-time", "60"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        return new String[] {Integer.toString(p.waitFor()), out};
    }
}
