package dev.sqlpack.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlpack.stack.cli.SqlPackCli;
import dev.sqlpack.stack.gateway.GatewayClient;
import dev.sqlpack.stack.gateway.GatewayException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code ./sqlpack up --tls}: the gateway's REST API over TLS with the stack's own certificate. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsITCase {
    private StackConfig config;
    private LocalStack stack;

    @BeforeAll
    void startStackWithTls() throws Exception {
        config = StackConfig.freePorts(Files.createTempDirectory("sqlpack-tls-")).withTls(true);
        stack = new LocalStack(SqlPackHome.locate(), config, System.out::println);
        stack.up();
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.down();
        }
    }

    @Test
    void aClientThatTrustsTheStacksCertificateIsServed() {
        assertThat(config.gatewayUrl()).startsWith("https://127.0.0.1:");
        assertThat(GatewayClient.forStack(config).info().path("version").asText()).isEqualTo("2.0.0");
        assertThat(Tls.certificate(config)).exists();
    }

    @Test
    void aClientThatDoesNotTrustItIsRefused() {
        GatewayClient defaultTrust = new GatewayClient(config.gatewayUrl());
        assertThatThrownBy(defaultTrust::info).isInstanceOf(GatewayException.class)
                .hasMessageContaining("SSLHandshakeException");
    }

    @Test
    void plainHttpIsOnlyRedirectedToHttps() throws Exception {
        String plainUrl = config.gatewayUrl().replace("https://", "http://") + "/v2/info";
        var response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(plainUrl)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(301);
        assertThat(response.headers().firstValue("location")).hasValue(config.gatewayUrl() + "/v2/info");
        assertThat(response.body()).isEmpty();
        GatewayClient plain = new GatewayClient(config.gatewayUrl().replace("https://", "http://"));
        assertThatThrownBy(plain::info).isInstanceOf(GatewayException.class)
                .hasMessageContaining("it serves TLS only; use an https:// URL.");
    }

    @Test
    void submitWorksOverTls() throws Exception {
        Path script = Files.createTempFile("sqlpack-tls-", ".sql");
        Files.writeString(script, "SELECT 'over TLS' AS how;\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SqlPackCli.execute(new String[] {"submit", "--state-dir", config.stateDir().toString(), "--changelog",
            script.toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("| +I | over TLS");
    }
}
