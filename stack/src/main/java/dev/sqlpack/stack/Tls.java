package dev.sqlpack.stack;

import dev.sqlpack.stack.process.Ports;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The certificates of {@code ./sqlpack up --tls}, made once per state directory with the JDK's
 * keytool: a local certificate authority, the REST endpoints' certificate (for localhost and
 * 127.0.0.1) signed by it, and on request client certificates signed by it. The JobManager's and
 * the gateway's REST endpoints serve the server certificate and trust exactly the authority; with
 * {@code --client-certs} they demand a client certificate it signed (Flink's
 * {@code security.ssl.rest.authentication-enabled}), and the gateway extension takes the
 * caller's identity from the certificate's CN. The stack's own clients present the server
 * certificate (CN=localhost) at the TLS layer and authenticate with the admin token.
 */
public final class Tls {
    private static final String VALIDITY_DAYS = "825";
    private static final String ORG = "O=Flink SQL Pack local stack";

    private Tls() {}

    public static Path dir(StackConfig config) {
        return config.stateDir().resolve("tls");
    }

    /** The authority's certificate in PEM, for {@code curl --cacert}: it signed every certificate of the stack. */
    public static Path certificate(StackConfig config) {
        return dir(config).resolve("gateway.crt");
    }

    /** Where {@link #issueClientCertificate} puts the files of client {@code name}. */
    public static Path clientsDir(StackConfig config) {
        return dir(config).resolve("clients");
    }

    /** The files of one client certificate: a PKCS#12 key store (for Java and Flink) and PEM files (for curl). */
    public record ClientCertificate(Path keystore, Path password, Path certificatePem, Path keyPem) {}

    /** Creates the authority, key and trust stores unless they exist; returns Flink's REST SSL options for them. */
    static Map<String, String> ensureCertificate(StackConfig config) throws IOException {
        Path dir = dir(config);
        Path keystore = dir.resolve("keystore.p12");
        Path truststore = dir.resolve("truststore.p12");
        if (!Files.exists(truststore)) {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            String password = newPassword();
            Files.writeString(dir.resolve("password"), password);
            Path ca = dir.resolve("ca.p12");
            keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-validity", VALIDITY_DAYS,
                    "-dname", "CN=Flink SQL Pack local CA, " + ORG, "-ext", "bc:c", "-keystore", ca.toString(),
                    "-storetype", "PKCS12", "-storepass", password, "-keypass", password);
            keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass", password,
                    "-file", certificate(config).toString());
            signedKey(config, keystore, password, "CN=localhost, " + ORG, "SAN=DNS:localhost,IP:" + Ports.LOOPBACK,
                    "EKU=serverAuth,clientAuth");
            keytool("-importcert", "-noprompt", "-alias", "ca", "-file", certificate(config).toString(),
                    "-keystore", truststore.toString(), "-storetype", "PKCS12", "-storepass", password);
        }
        String password = password(config);
        Map<String, String> options = new LinkedHashMap<>();
        options.put("security.ssl.rest.enabled", "true");
        options.put("security.ssl.rest.keystore", keystore.toString());
        options.put("security.ssl.rest.keystore-password", password);
        options.put("security.ssl.rest.key-password", password);
        options.put("security.ssl.rest.truststore", truststore.toString());
        options.put("security.ssl.rest.truststore-password", password);
        if (config.clientCerts()) {
            options.put("security.ssl.rest.authentication-enabled", "true");
        }
        return options;
    }

    /**
     * Issues a client certificate with CN={@code name}, signed by the stack's authority, into
     * {@code <state>/tls/clients/}. The gateway accepts it once the identities file has a
     * {@code cert} line for the name ({@code ./sqlpack token create NAME --role ROLE --cert}).
     */
    public static ClientCertificate issueClientCertificate(StackConfig config, String name) throws IOException {
        if (!Files.exists(dir(config).resolve("ca.p12"))) {
            throw new StackException("The stack in " + config.stateDir() + " has no certificate authority (" + dir(config)
                    + "/ca.p12) to sign client certificates: start it with './sqlpack up --tls --client-certs'"
                    + (Files.exists(dir(config)) ? " after './sqlpack down' and removing " + dir(config)
                            + " (made by an older version)" : ""));
        }
        Path clients = clientsDir(config);
        Files.createDirectories(clients);
        ClientCertificate c = new ClientCertificate(clients.resolve(name + ".p12"), clients.resolve(name + ".password"),
                clients.resolve(name + ".crt"), clients.resolve(name + ".key"));
        for (Path p : List.of(c.keystore(), c.password(), c.certificatePem(), c.keyPem())) {
            Files.deleteIfExists(p);
        }
        String password = newPassword();
        Files.writeString(c.password(), password);
        signedKey(config, c.keystore(), password, "CN=" + name + ", " + ORG, null, "EKU=clientAuth");
        keytool("-exportcert", "-rfc", "-alias", "sqlpack", "-keystore", c.keystore().toString(), "-storepass", password,
                "-file", c.certificatePem().toString());
        try (InputStream in = Files.newInputStream(c.keystore())) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password.toCharArray());
            PrivateKey key = (PrivateKey) ks.getKey("sqlpack", password.toCharArray());
            Files.writeString(c.keyPem(), "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                    + "\n-----END PRIVATE KEY-----\n");
        } catch (GeneralSecurityException e) {
            throw new StackException("Cannot read the new client key " + c.keystore() + ": " + e.getMessage(), e);
        }
        for (Path p : List.of(c.keystore(), c.password(), c.keyPem())) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        }
        return c;
    }

    /** A key pair in {@code keystore} (alias sqlpack) whose certificate the stack's authority signed. */
    private static void signedKey(StackConfig config, Path keystore, String password, String dname, String san,
            String extendedKeyUsage) throws IOException {
        Path dir = dir(config);
        Path csr = Files.createTempFile(dir, "request-", ".csr");
        Path signed = Files.createTempFile(dir, "signed-", ".crt");
        try {
            keytool("-genkeypair", "-alias", "sqlpack", "-keyalg", "RSA", "-keysize", "2048", "-validity", VALIDITY_DAYS,
                    "-dname", dname, "-keystore", keystore.toString(), "-storetype", "PKCS12",
                    "-storepass", password, "-keypass", password);
            keytool("-certreq", "-alias", "sqlpack", "-keystore", keystore.toString(), "-storepass", password,
                    "-file", csr.toString());
            List<String> sign = new java.util.ArrayList<>(List.of("-gencert", "-rfc", "-alias", "ca",
                    "-keystore", dir.resolve("ca.p12").toString(), "-storepass", password(config),
                    "-infile", csr.toString(), "-outfile", signed.toString(), "-validity", VALIDITY_DAYS,
                    "-ext", "KU=digitalSignature,keyEncipherment", "-ext", extendedKeyUsage));
            if (san != null) {
                sign.addAll(List.of("-ext", san));
            }
            keytool(sign.toArray(String[]::new));
            keytool("-importcert", "-noprompt", "-alias", "ca", "-file", certificate(config).toString(),
                    "-keystore", keystore.toString(), "-storepass", password);
            keytool("-importcert", "-noprompt", "-alias", "sqlpack", "-file", signed.toString(),
                    "-keystore", keystore.toString(), "-storepass", password);
        } finally {
            Files.deleteIfExists(csr);
            Files.deleteIfExists(signed);
        }
    }

    /**
     * An SSL context for the stack's own clients, when the stack runs with TLS: it trusts the
     * stack's authority and presents the stack's certificate when a server asks for one.
     */
    public static Optional<SSLContext> clientContext(StackConfig config) {
        if (!config.tls()) {
            return Optional.empty();
        }
        Path dir = dir(config);
        try {
            String password = password(config);
            return Optional.of(context(dir.resolve("truststore.p12"), password, dir.resolve("keystore.p12"), password));
        } catch (IOException | GeneralSecurityException e) {
            throw new StackException("Cannot load the stack's TLS key and trust stores in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** An SSL context that trusts what {@code truststore} holds and presents the certificate in {@code keystore} (null: none). */
    public static SSLContext context(Path truststore, String trustPassword, Path keystore, String keyPassword)
            throws IOException, GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(load(truststore, trustPassword));
        KeyManagerFactory kmf = null;
        if (keystore != null) {
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(load(keystore, keyPassword), keyPassword.toCharArray());
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    /** The password of the stack's key and trust stores. */
    public static String password(StackConfig config) throws IOException {
        return Files.readString(dir(config).resolve("password")).trim();
    }

    private static KeyStore load(Path file, String password) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password.toCharArray());
            return ks;
        }
    }

    private static String newPassword() {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static void keytool(String... args) throws IOException {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) {
                throw new StackException("keytool " + args[0] + " failed while making the stack's TLS certificates: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while making the stack's TLS certificates", e);
        }
    }
}
