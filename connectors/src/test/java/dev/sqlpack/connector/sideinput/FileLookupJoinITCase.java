package dev.sqlpack.connector.sideinput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileLookupJoinITCase {
    @TempDir
    Path temp;

    /** Replaces the file atomically, with a new modification time, as a producer of dimension files would. */
    private void write(Path file, String content, Instant modified) throws Exception {
        Path staging = Files.writeString(temp.resolve("staging"), content);
        Files.setLastModifiedTime(staging, FileTime.from(modified));
        Files.move(staging, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String table(Path file, String format) {
        return "CREATE TABLE customers (id BIGINT, tier STRING, country STRING) WITH ("
                + " 'connector' = 'side-input', 'source' = 'file', 'path' = '" + file.toUri() + "',"
                + " 'format' = '" + format + "', 'refresh.interval' = '200ms', 'refresh.retry-backoff' = '100ms')";
    }

    private static final String JOIN = "SELECT e.customer_id, c.tier FROM events AS e"
            + " JOIN customers FOR SYSTEM_TIME AS OF e.proc_time AS c ON e.customer_id = c.id";

    @Test
    void seesANewCsvFileAfterTheNextRefresh() throws Exception {
        Path file = temp.resolve("customers.csv");
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        write(file, "1,gold,DE\n2,silver,DE\n3,bronze,FR\n", t0);
        try (LookupJoin join = new LookupJoin()) {
            join.env().executeSql(table(file, "csv"));
            join.start(JOIN);
            join.awaitRow("for customer 1", r -> r.toString().equals("+I[1, gold]"));
            await().atMost(LookupJoin.DEADLINE).until(() -> LookupJoin.sharedStore().unchangedChecks() >= 2);
            assertThat(LookupJoin.sharedStore().loads()).isEqualTo(1);

            write(file, "1,platinum,DE\n2,silver,DE\n3,bronze,FR\n", t0.plusSeconds(60));
            join.awaitRow("with the new tier", r -> r.toString().equals("+I[1, platinum]"));
        }
    }

    @Test
    void keepsServingTheLastSnapshotWhenTheFileIsCorruptOrMissing() throws Exception {
        Path file = temp.resolve("customers.jsonl");
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        write(file, "{\"id\": 1, \"tier\": \"gold\", \"country\": \"DE\"}\n{\"id\": 2, \"tier\": \"silver\"}\n", t0);
        try (LookupJoin join = new LookupJoin()) {
            join.env().executeSql(table(file, "json"));
            join.start(JOIN);
            join.awaitRow("for customer 1", r -> r.toString().equals("+I[1, gold]"));

            write(file, "{\"id\": 1, \"tier\": \"platinum\"}\n{\"id\": 2, broken\n", t0.plusSeconds(60));
            await().atMost(LookupJoin.DEADLINE).until(() -> LookupJoin.sharedStore().loadFailures() >= 1);
            Files.delete(file);
            long failures = LookupJoin.sharedStore().loadFailures();
            await().atMost(LookupJoin.DEADLINE).until(() -> LookupJoin.sharedStore().loadFailures() > failures);
            assertThat(join.next(30)).extracting(Object::toString).contains("+I[1, gold]").doesNotContain("+I[1, platinum]");

            write(file, "{\"id\": 1, \"tier\": \"platinum\"}\n", t0.plusSeconds(120));
            join.awaitRow("with the new tier", r -> r.toString().equals("+I[1, platinum]"));
        }
    }

    @Test
    void failsTheJobNamingTheSourceAndCauseUnderOnFailureFail() throws Exception {
        Path file = temp.resolve("customers.csv");
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        write(file, "1,gold,DE\n", t0);
        try (LookupJoin join = new LookupJoin()) {
            String ddl = table(file, "csv");
            join.env().executeSql(ddl.substring(0, ddl.length() - 1) + ", 'refresh.on-failure' = 'fail')");
            join.start(JOIN);
            join.awaitRow("for customer 1", r -> r.toString().equals("+I[1, gold]"));
            write(file, "1,gold,DE\n2,\"unterminated\n", t0.plusSeconds(60));
            assertThatThrownBy(() -> join.awaitRow("never", r -> false))
                    .hasStackTraceContaining("side-input source file " + file.toUri().toString().replace("file:///", "file:/")
                            + ": reload failed: line 2 of ");
        }
    }

    @Test
    void sharesOneSnapshotAcrossSubtasksAndJobsWithTheSameDefinition() throws Exception {
        Path file = temp.resolve("customers.csv");
        write(file, "1,gold,DE\n2,silver,DE\n3,bronze,FR\n", Instant.parse("2026-01-01T00:00:00Z"));
        String ddl = table(file, "csv").replace("'refresh.interval' = '200ms'", "'refresh.interval' = '1h'");
        try (LookupJoin first = new LookupJoin(); LookupJoin second = new LookupJoin()) {
            first.env().executeSql(ddl);
            second.env().executeSql(ddl);
            first.start(JOIN).awaitRow("in the first job", r -> r.toString().equals("+I[1, gold]"));
            second.start(JOIN).awaitRow("in the second job", r -> r.toString().equals("+I[2, silver]"));
            // two jobs x two subtasks, one snapshot, loaded once
            assertThat(LookupJoin.sharedStore().loads()).isEqualTo(1);
        }
    }
}
