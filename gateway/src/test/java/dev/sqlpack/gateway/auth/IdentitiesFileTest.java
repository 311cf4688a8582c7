package dev.sqlpack.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentitiesFileTest {
    @TempDir Path dir;

    @Test
    void aCreatedTokenMatchesOnlyItselfAndIsStoredOnlyAsASaltedHash() throws Exception {
        Path f = dir.resolve("identities");
        String t1 = IdentitiesFile.createToken(f, "alice", Identity.Role.ANALYST);
        String t2 = IdentitiesFile.createToken(f, "root", Identity.Role.ADMIN);
        assertThat(t1).startsWith("sqlp_").isNotEqualTo(t2);
        assertThat(Files.readString(f)).doesNotContain(t1).doesNotContain(t2);
        List<IdentitiesFile.Entry> e = IdentitiesFile.read(f);
        assertThat(IdentitiesFile.matchToken(e, t1)).contains(new Identity("alice", Identity.Role.ANALYST));
        assertThat(IdentitiesFile.matchToken(e, t2)).contains(new Identity("root", Identity.Role.ADMIN));
        for (String wrong : List.of("", " ", t1 + "x", t1.substring(0, t1.length() - 1), t1.toUpperCase(), "sqlp_é")) {
            assertThat(IdentitiesFile.matchToken(e, wrong)).as(wrong).isEmpty();
        }
        assertThat(Files.getPosixFilePermissions(f)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void twoEntriesWithTheSameTokenTextStillHaveDifferentHashes() {
        IdentitiesFile.NewToken a = IdentitiesFile.newToken("a", Identity.Role.ANALYST);
        byte[] again = IdentitiesFile.hash(new byte[16], a.token().getBytes());
        assertThat(again).isNotEqualTo(a.entry().hash()); // salted: the salt is random, not zero
    }

    @Test
    void revokeRemovesTheIdentityAndKeepsCommentsAndOthers() throws Exception {
        Path f = dir.resolve("identities");
        Files.writeString(f, "# a comment\n");
        String t = IdentitiesFile.createToken(f, "alice", Identity.Role.ANALYST);
        IdentitiesFile.addCertificate(f, "loader", Identity.Role.ADMIN);
        assertThat(IdentitiesFile.revoke(f, "alice")).isTrue();
        assertThat(IdentitiesFile.revoke(f, "alice")).isFalse();
        assertThat(Files.readString(f)).startsWith("# a comment\n").contains("loader  admin  cert");
        assertThat(IdentitiesFile.matchToken(IdentitiesFile.read(f), t)).isEmpty();
    }

    @Test
    void malformedLinesAreErrorsNamingTheLineAndTheFix() {
        assertThatThrownBy(() -> IdentitiesFile.parse(List.of("# ok", "alice analyst"), "ids"))
                .hasMessageContaining("ids line 2").hasMessageContaining("NAME ROLE token SALT HASH");
        assertThatThrownBy(() -> IdentitiesFile.parse(List.of("alice boss cert"), "ids"))
                .hasMessageContaining("unknown role 'boss'").hasMessageContaining("admin or analyst");
        assertThatThrownBy(() -> IdentitiesFile.parse(List.of("alice analyst token zz 00"), "ids"))
                .hasMessageContaining("ids line 1");
        assertThatThrownBy(() -> IdentitiesFile.parse(List.of("alice analyst password"), "ids"))
                .hasMessageContaining("unknown kind 'password'");
        assertThatThrownBy(() -> IdentitiesFile.parse(List.of("a admin cert", "a analyst cert"), "ids"))
                .hasMessageContaining("'a' appears twice");
        assertThatThrownBy(() -> IdentitiesFile.parse(List.of("zoë admin cert"), "ids"))
                .hasMessageContaining("not a valid identity name");
    }

    @Test
    void namesAreCheckedAndDuplicatesRefused() throws Exception {
        Path f = dir.resolve("identities");
        for (String bad : List.of("", " ", "-x", "a b", "a:b", "x".repeat(65), "名前")) {
            assertThatThrownBy(() -> IdentitiesFile.createToken(f, bad, Identity.Role.ADMIN)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        IdentitiesFile.createToken(f, "alice@example.org", Identity.Role.ANALYST);
        assertThatThrownBy(() -> IdentitiesFile.createToken(f, "alice@example.org", Identity.Role.ADMIN))
                .hasMessageContaining("already has a token").hasMessageContaining("token revoke alice@example.org");
    }

    @Test
    void blankAndCommentLinesAreIgnored() {
        assertThat(IdentitiesFile.parse(List.of("", "   ", "# x", "loader admin cert # trailing comment"), "ids"))
                .singleElement().satisfies(e -> assertThat(e.identity()).isEqualTo(new Identity("loader", Identity.Role.ADMIN)));
    }
}
