package dev.sqlpack.stack.cli;

import dev.sqlpack.gateway.auth.IdentitiesFile;
import dev.sqlpack.gateway.auth.Identity;
import dev.sqlpack.stack.GatewayExtension;
import dev.sqlpack.stack.SqlPackHome;
import dev.sqlpack.stack.StackConfig;
import dev.sqlpack.stack.StackException;
import dev.sqlpack.stack.Tls;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./sqlpack token create|list|revoke}: identities of the gateway extension, in
 * {@code <state dir>/conf/identities}. The running gateway re-reads the file, so changes apply
 * at once; a token is printed once and only its salted hash is kept.
 */
@Command(name = "token", description = "Create, list or revoke identities of the SQL gateway (bearer tokens, client certificates).",
        subcommands = {TokenCommands.Create.class, TokenCommands.ListTokens.class, TokenCommands.Revoke.class})
final class TokenCommands implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static Path identities(SqlPackCli.StateOption state, SqlPackHome home) {
        StackConfig c = StackConfig.defaults(state.resolve(home));
        Path f = GatewayExtension.identitiesFile(c);
        if (!Files.exists(f)) {
            throw new StackException("There is no identities file yet (" + f + "): start the stack once with './sqlpack up'.");
        }
        return f;
    }

    @Command(name = "create", description = "Create an identity: prints its new token once (or records a certificate CN with --cert)")
    static final class Create implements Callable<Integer> {
        @Mixin SqlPackCli.StateOption state = new SqlPackCli.StateOption();
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "Identity name (letters, digits, '.', '_', '@', '-').")
        String name;
        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "analyst or admin.")
        String role;
        @Option(names = "--cert", description = "Accept a TLS client certificate whose CN is NAME instead of making a token;"
                + " on a stack started with --client-certs, also issue one, signed by the stack's authority.")
        boolean cert;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Path f = identities(state, SqlPackHome.locate());
            try {
                Identity.Role r = Identity.Role.of(role);
                if (cert) {
                    IdentitiesFile.addCertificate(f, name, r);
                    out.println("Added " + name + " (" + r.id() + "): a client certificate with CN=" + name + " may connect.");
                    issueCertificate(out);
                } else {
                    String token = IdentitiesFile.createToken(f, name, r);
                    out.println(token);
                    spec.commandLine().getErr().println("Token for " + name + " (" + r.id() + ") created; it is shown only "
                            + "this once. Send it as 'Authorization: Bearer <token>'.");
                }
            } catch (IllegalArgumentException e) {
                throw new StackException(e.getMessage());
            }
            return 0;
        }

        /** On a running stack that demands client certificates, issues NAME's and says how to use it. */
        private void issueCertificate(PrintWriter out) {
            java.util.Optional<StackConfig> running = dev.sqlpack.stack.LocalStack.recorded(state.resolve(SqlPackHome.locate()))
                    .filter(StackConfig::clientCerts);
            if (running.isEmpty()) {
                out.println("Give its holder a certificate with CN=" + name + " that the gateway's trust store accepts"
                        + " (a stack started with './sqlpack up --client-certs' issues one here).");
                return;
            }
            StackConfig c = running.get();
            try {
                Tls.ClientCertificate cc = Tls.issueClientCertificate(c, name);
                out.println("Issued its certificate, signed by the stack's authority:");
                out.println("  PKCS#12 (Java, Flink): " + cc.keystore() + "  (password in " + cc.password() + ")");
                out.println("  PEM (curl):            " + cc.certificatePem() + "  " + cc.keyPem());
                out.println("  curl --cacert " + Tls.certificate(c) + " --cert " + cc.certificatePem() + " --key " + cc.keyPem()
                        + " " + c.gatewayUrl() + "/v2/info");
            } catch (java.io.IOException e) {
                throw new StackException("Could not issue a client certificate for " + name + ": " + e.getMessage(), e);
            }
        }
    }

    @Command(name = "list", description = "List identities: name, role, kind (never tokens; they are not stored)")
    static final class ListTokens implements Callable<Integer> {
        @Mixin SqlPackCli.StateOption state = new SqlPackCli.StateOption();
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%-24s %-8s %s%n", "NAME", "ROLE", "KIND");
            for (IdentitiesFile.Entry e : IdentitiesFile.read(identities(state, SqlPackHome.locate()))) {
                out.printf("%-24s %-8s %s%n", e.name(), e.role().id(), e.kind());
            }
            return 0;
        }
    }

    @Command(name = "revoke", description = "Remove an identity; its token stops working at once")
    static final class Revoke implements Callable<Integer> {
        @Mixin SqlPackCli.StateOption state = new SqlPackCli.StateOption();
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            Path f = identities(state, SqlPackHome.locate());
            if (!IdentitiesFile.revoke(f, name)) {
                throw new StackException("No identity named '" + name + "' in " + f + " (see './sqlpack token list').");
            }
            spec.commandLine().getOut().println("Revoked " + name + ".");
            return 0;
        }
    }
}
