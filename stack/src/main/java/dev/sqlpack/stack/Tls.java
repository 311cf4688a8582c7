package dev.sqlpack.stack;

import dev.sqlpack.stack.process.Ports;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The self-signed certificate of {@code ./sqlpack up --tls}: made once per state directory with
 * the JDK's keytool, for localhost and 127.0.0.1. The JobManager's and the gateway's REST
 * endpoints serve it; our clients trust exactly it.
 */
public final class Tls {
    private Tls() {}

    public static Path dir(StackConfig config) {
        return config.stateDir().resolve("tls");
    }

    /** The certificate in PEM, for {@code curl --cacert}. */
    public static Path certificate(StackConfig config) {
        return dir(config).resolve("gateway.crt");
    }

    /** Creates the key and trust stores unless they exist; returns Flink's REST SSL options for them. */
    static Map<String, String> ensureCertificate(StackConfig config) throws IOException {
        Path dir = dir(config);
        Path keystore = dir.resolve("keystore.p12");
        Path truststore = dir.resolve("truststore.p12");
        Path passwordFile = dir.resolve("password");
        if (!Files.exists(truststore)) {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            String password = HexFormat.of().formatHex(random);
            Files.writeString(passwordFile, password);
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            run(List.of(keytool, "-genkeypair", "-alias", "sqlpack", "-keyalg", "RSA", "-keysize", "2048",
                    "-validity", "825", "-dname", "CN=localhost, O=Flink SQL Pack local stack",
                    "-ext", "SAN=DNS:localhost,IP:" + Ports.LOOPBACK, "-keystore", keystore.toString(),
                    "-storetype", "PKCS12", "-storepass", password, "-keypass", password));
            run(List.of(keytool, "-exportcert", "-rfc", "-alias", "sqlpack", "-keystore", keystore.toString(),
                    "-storepass", password, "-file", certificate(config).toString()));
            run(List.of(keytool, "-importcert", "-noprompt", "-alias", "sqlpack", "-file", certificate(config).toString(),
                    "-keystore", truststore.toString(), "-storetype", "PKCS12", "-storepass", password));
        }
        String password = Files.readString(passwordFile).trim();
        Map<String, String> options = new LinkedHashMap<>();
        options.put("security.ssl.rest.enabled", "true");
        options.put("security.ssl.rest.keystore", keystore.toString());
        options.put("security.ssl.rest.keystore-password", password);
        options.put("security.ssl.rest.key-password", password);
        options.put("security.ssl.rest.truststore", truststore.toString());
        options.put("security.ssl.rest.truststore-password", password);
        return options;
    }

    /** An SSL context that trusts the stack's certificate, when the stack runs with TLS. */
    public static Optional<SSLContext> clientContext(StackConfig config) {
        if (!config.tls()) {
            return Optional.empty();
        }
        Path truststore = dir(config).resolve("truststore.p12");
        try (InputStream in = Files.newInputStream(truststore)) {
            char[] password = Files.readString(dir(config).resolve("password")).trim().toCharArray();
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return Optional.of(ctx);
        } catch (IOException | GeneralSecurityException e) {
            throw new StackException("Cannot load the stack's TLS trust store " + truststore + ": " + e.getMessage(), e);
        }
    }

    private static void run(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) {
                throw new StackException("keytool failed while creating the TLS certificate: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while creating the TLS certificate", e);
        }
    }
}
