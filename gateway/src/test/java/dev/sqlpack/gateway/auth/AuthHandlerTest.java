package dev.sqlpack.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthHandlerTest {
    @Test
    void theSessionHandleIsFoundInEveryVersionedSessionPath() {
        String h = "6e37f9f1-d1a6-4368-abb2-d7b354222116";
        assertThat(AuthHandler.sessionOf("/v2/sessions/" + h)).contains(h);
        assertThat(AuthHandler.sessionOf("/v1/sessions/" + h + "/statements")).contains(h);
        assertThat(AuthHandler.sessionOf("/v3/sessions/" + h + "/operations/x/result/0?rowFormat=JSON")).contains(h);
        assertThat(AuthHandler.sessionOf("/v2/sessions")).isEmpty();
        assertThat(AuthHandler.sessionOf("/v2/sessions/")).isEmpty();
        assertThat(AuthHandler.sessionOf("/v2/info")).isEmpty();
        assertThat(AuthHandler.sessionOf("/api_versions")).isEmpty();
        assertThat(AuthHandler.sessionOf("/sessions/" + h)).isEmpty();
    }

    @Test
    void reasonsAreValidOneLineJsonStrings() {
        assertThat(AuthHandler.jsonString("a \"b\" \\ c\nd\té\u0001")).isEqualTo("\"a \\\"b\\\" \\\\ c\\nd\\té\\u0001\"");
    }

    /** The identity of a client certificate is its subject's CN (here from a certificate keytool makes). */
    @Test
    void theCommonNameIsReadFromARealCertificate(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path ks = dir.resolve("client.p12");
        String keytool = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "c", "-dname", "OU=ops, CN=etl-loader, O=Example\\, Inc.",
                "-keyalg", "EC", "-validity", "2", "-storetype", "PKCS12", "-keystore", ks.toString(), "-storepass", "changeit")
                .redirectErrorStream(true).start();
        assertThat(p.waitFor()).as(new String(p.getInputStream().readAllBytes())).isZero();
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        try (var in = java.nio.file.Files.newInputStream(ks)) {
            store.load(in, "changeit".toCharArray());
        }
        assertThat(AuthHandler.commonName((java.security.cert.X509Certificate) store.getCertificate("c"))).isEqualTo("etl-loader");
    }
}
