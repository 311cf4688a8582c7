package dev.sqlpack.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
    @TempDir Path dir;

    @Test
    void oneJsonObjectPerLineRotatedBySizeKeepingMaxFiles() throws Exception {
        AuditLog log = new AuditLog(dir, 300, 2);
        for (int i = 0; i < 20; i++) {
            log.event("statement").put("identity", "ana").put("statement", "SELECT " + i + " -- \"quoted\"\nnext").put("absent", null).write();
        }
        log.close();
        assertThat(Files.exists(dir.resolve("audit.jsonl.1"))).isTrue();
        assertThat(Files.exists(dir.resolve("audit.jsonl.2"))).isTrue();
        assertThat(Files.exists(dir.resolve("audit.jsonl.3"))).isFalse();
        List<String> current = Files.readAllLines(dir.resolve("audit.jsonl"));
        assertThat(Files.size(dir.resolve("audit.jsonl"))).isLessThanOrEqualTo(300);
        String last = current.get(current.size() - 1);
        assertThat(last).startsWith("{\"time\":\"").contains("\"event\":\"statement\"").contains("\"identity\":\"ana\"")
                .contains("SELECT 19 -- \\\"quoted\\\"\\nnext").doesNotContain("absent");
    }

    @Test
    void withoutADirectoryNothingIsWritten() {
        new AuditLog(null, 100, 1).event("x").write();
        assertThat(dir).isEmptyDirectory();
    }
}
