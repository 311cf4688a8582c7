package dev.sqlpack.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentitiesTest {
    @TempDir Path dir;

    @Test
    void changesToTheFileApplyWithoutARestart() throws Exception {
        Path f = dir.resolve("identities");
        String alice = IdentitiesFile.createToken(f, "alice", Identity.Role.ANALYST);
        Identities ids = new Identities(f);
        assertThat(ids.byToken(alice)).isPresent();
        String bob = IdentitiesFile.createToken(f, "bob", Identity.Role.ADMIN);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> ids.byToken(bob).isPresent());
        IdentitiesFile.revoke(f, "alice");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> ids.byToken(alice).isEmpty());
        assertThat(ids.byToken(bob)).isPresent();
    }

    @Test
    void aBrokenEditKeepsTheLastGoodIdentitiesAndADeletedFileLetsNobodyIn() throws Exception {
        Path f = dir.resolve("identities");
        String alice = IdentitiesFile.createToken(f, "alice", Identity.Role.ANALYST);
        IdentitiesFile.addCertificate(f, "loader", Identity.Role.ADMIN);
        Identities ids = new Identities(f, 0);
        Files.writeString(f, Files.readString(f) + "garbage line\n"); // read (and rejected) at the next lookup
        assertThat(ids.byToken(alice)).isPresent();
        assertThat(ids.byCertificateName("loader")).contains(new Identity("loader", Identity.Role.ADMIN));
        Files.delete(f);
        assertThat(ids.byToken(alice)).isEmpty();
    }

    @Test
    void aMissingFileAtStartIsAClearError() {
        assertThatThrownBy(() -> new Identities(dir.resolve("nope")))
                .hasMessageContaining("does not exist").hasMessageContaining("./sqlpack token create");
    }
}
