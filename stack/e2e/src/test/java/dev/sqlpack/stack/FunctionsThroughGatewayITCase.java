package dev.sqlpack.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlpack.stack.gateway.GatewayClient;
import dev.sqlpack.stack.gateway.GatewayException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The pack's functions through the running SQL gateway's REST API, both ways: LOAD MODULE sqlpack
 * on the stack (jar on the class path), and on a stack started like a stock cluster (no UDF jar)
 * with ADD JAR, CREATE FUNCTION ... USING JAR, and LOAD MODULE after ADD JAR.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FunctionsThroughGatewayITCase {
    private final SqlPackHome home = SqlPackHome.locate();
    private LocalStack stack;

    @BeforeAll
    void start() throws Exception {
        stack = new LocalStack(home, StackConfig.freePorts(Files.createTempDirectory("sqlpack-functions-")), System.out::println);
        stack.up();
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.down();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyReferenceExampleGivesItsDocumentedResultThroughTheGateway() throws Exception {
        Map<String, String[]> examples = examples();
        assertThat(examples).hasSizeGreaterThanOrEqualTo(20).containsKeys("GEO_DISTANCE_KM", "APPROX_TOP_K", "TIME_SLICES");
        GatewayClient.Session session = GatewayClient.forStack(stack.config()).openSession("functions", Map.of());
        session.executeAndFetchAll("LOAD MODULE sqlpack");
        List<String> shown = new ArrayList<>();
        rows(session, "SHOW FUNCTIONS").forEach(r -> shown.add(r.get(0)));
        return examples.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            assertThat(shown).as("SHOW FUNCTIONS").contains(e.getKey().toLowerCase(java.util.Locale.ROOT));
            List<List<String>> actual = rows(session, e.getValue()[0]);
            List<String> expected = List.of(e.getValue()[1].split("\n"));
            assertThat(actual).as(e.getValue()[0]).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                List<String> want = List.of(expected.get(i).split(" \\| ", -1));
                assertThat(actual.get(i)).hasSameSizeAs(want);
                for (int c = 0; c < want.size(); c++) {
                    assertThat(same(actual.get(i).get(c), want.get(c)))
                            .as("%s row %d column %d: got %s, documented %s", e.getKey(), i, c, actual.get(i).get(c), want.get(c))
                            .isTrue();
                }
            }
        }));
    }

    /**
     * The aggregates in HOP and CUMULATE windows and a bounded OVER window, over Kafka with an
     * event that arrives out of order (watermark: ts - 5 s, after every event).
     */
    @Test
    void aggregatesWorkInHopCumulateAndOverWindowsOverOutOfOrderEvents() throws Exception {
        String topic = "functions-windows";
        java.util.Properties p = new java.util.Properties();
        p.put("bootstrap.servers", stack.config().kafkaBootstrap());
        String[][] events = {{"a", "1", "00"}, {"b", "2", "01"}, {"a", "3", "06"}, {"a", "5", "04"}, {"b", "4", "08"}, {"a", "7", "12"}};
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(p,
                new org.apache.kafka.common.serialization.StringSerializer(), new org.apache.kafka.common.serialization.StringSerializer())) {
            for (String[] e : events) {
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic,
                        "{\"k\":\"" + e[0] + "\",\"v\":" + e[1] + ",\"ts\":\"2026-03-01 00:00:" + e[2] + ".000\"}")).get();
            }
        }
        try (GatewayClient.Session s = GatewayClient.forStack(stack.config()).openSession("windows", Map.of())) {
            s.executeAndFetchAll("LOAD MODULE sqlpack");
            s.executeAndFetchAll("CREATE TABLE ev (k STRING, v DOUBLE, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)"
                    + " WITH ('connector' = 'kafka', 'topic' = '" + topic + "', 'properties.bootstrap.servers' = '"
                    + stack.config().kafkaBootstrap() + "', 'scan.startup.mode' = 'earliest-offset',"
                    + " 'scan.bounded.mode' = 'latest-offset', 'scan.watermark.emit.strategy' = 'on-event', 'format' = 'json')");
            // HOP 10 s every 5 s: [-5, 5) holds 1, 2, 5; [0, 10) 1, 2, 3, 5, 4; [5, 15) 3, 4, 7; [10, 20) 7.
            // The 5 at :04 arrives after the 3 at :06, when the watermark is :01: both its windows are open.
            assertThat(numeric(rows(s, "SELECT CAST(window_start AS STRING), st.n, ROUND(st.mean, 4) FROM ("
                    + " SELECT window_start, STATS(v) AS st FROM TABLE(HOP(TABLE ev, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '10' SECOND))"
                    + " GROUP BY window_start, window_end)"))).containsExactlyInAnyOrder(
                    List.of("2026-02-28 23:59:55.000", "3", "2.6667"),
                    List.of("2026-03-01 00:00:00.000", "5", "3"),
                    List.of("2026-03-01 00:00:05.000", "3", "4.6667"),
                    List.of("2026-03-01 00:00:10.000", "1", "7"));
            // CUMULATE up to 10 s in 5 s steps: [0, 5) a, b; [0, 10) a, b; [10, 15) a; [10, 20) a.
            assertThat(rows(s, "SELECT CAST(window_start AS STRING), CAST(window_end AS STRING), APPROX_DISTINCT(k)"
                    + " FROM TABLE(CUMULATE(TABLE ev, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '10' SECOND))"
                    + " GROUP BY window_start, window_end")).containsExactlyInAnyOrder(
                    List.of("2026-03-01 00:00:00.000", "2026-03-01 00:00:05.000", "2"),
                    List.of("2026-03-01 00:00:00.000", "2026-03-01 00:00:10.000", "2"),
                    List.of("2026-03-01 00:00:10.000", "2026-03-01 00:00:15.000", "1"),
                    List.of("2026-03-01 00:00:10.000", "2026-03-01 00:00:20.000", "1"));
            // VWAP over the last two rows per key (a bounded OVER window needs retract), in event-time order:
            // a: 1 -> 1, 5 -> 3, 3 -> 4, 7 -> 5; b: 2 -> 2, 4 -> 3.
            assertThat(numeric(rows(s, "SELECT k, v, VWAP(v, 1) OVER (PARTITION BY k ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)"
                    + " FROM ev"))).containsExactlyInAnyOrder(
                    List.of("a", "1", "1"), List.of("a", "5", "3"), List.of("a", "3", "4"), List.of("a", "7", "5"),
                    List.of("b", "2", "2"), List.of("b", "4", "3"));
        }
    }

    @Test
    void onAStockClusterTheJarComesWithAddJarOrUsingJar() throws Exception {
        Path jar = home.udfJar();
        LocalStack stock = new LocalStack(home, StackConfig.freePorts(Files.createTempDirectory("sqlpack-stock-")), System.out::println)
                .withoutUdfJarOnClasspath().withoutAuth(); // stock: no jar, and the stock gateway endpoint
        stock.up();
        try {
            GatewayClient client = GatewayClient.forStack(stock.config());
            try (GatewayClient.Session s = client.openSession("no-jar", Map.of())) {
                assertThatThrownBy(() -> s.executeAndFetchAll("LOAD MODULE sqlpack"))
                        .as("the module is not on this cluster's class path").isInstanceOf(GatewayException.class)
                        .hasMessageContaining("sqlpack");
            }
            try (GatewayClient.Session s = client.openSession("add-jar", Map.of())) {
                s.executeAndFetchAll("ADD JAR '" + jar + "'");
                s.executeAndFetchAll("CREATE TEMPORARY FUNCTION distance_km AS 'dev.sqlpack.udf.scalar.GeoDistanceKmFunction'");
                assertThat(rows(s, "SELECT ROUND(distance_km(48.8566, 2.3522, 51.5074, -0.1278), 1)"))
                        .containsExactly(List.of("343.6"));
                s.executeAndFetchAll("LOAD MODULE sqlpack");
                assertThat(rows(s, "SELECT LUHN_VALID('4111 1111 1111 1111'), MASK_EMAIL('alice@example.com')"))
                        .containsExactly(List.of("true", "a***@example.com"));
            }
            try (GatewayClient.Session s = client.openSession("using-jar", Map.of())) {
                s.executeAndFetchAll("CREATE TEMPORARY FUNCTION mask_card AS 'dev.sqlpack.udf.scalar.MaskCardFunction' USING JAR '" + jar + "'");
                assertThat(rows(s, "SELECT mask_card('4111 1111 1111 1111')")).containsExactly(List.of("************1111"));
            }
        } finally {
            stock.down();
        }
    }

    /** Function name -> {example SQL, documented result}, read from docs/functions.md. */
    private Map<String, String[]> examples() throws Exception {
        String doc = Files.readString(home.root().resolve("docs/functions.md"));
        Matcher m = Pattern.compile("(?s)\\n## ([A-Z_]+)\\n.*?```sql\\n(.*?);\\n```\\n\\nResult:\\n\\n```\\n(.*?)\\n```").matcher(doc);
        Map<String, String[]> out = new LinkedHashMap<>();
        while (m.find()) {
            out.put(m.group(1), new String[] {m.group(2), m.group(3)});
        }
        return out;
    }

    /** The gateway prints numbers without trailing zeros and times with seconds; compare values. */
    private static boolean same(String actual, String documented) {
        if (actual.equals(documented)) {
            return true;
        }
        try {
            return new BigDecimal(actual).compareTo(new BigDecimal(documented)) == 0;
        } catch (NumberFormatException notNumbers) {
            // try times
        }
        try {
            return LocalDateTime.parse(actual).equals(LocalDateTime.parse(documented));
        } catch (java.time.format.DateTimeParseException notTimes) {
            return false;
        }
    }

    /** Numbers in plain notation without trailing zeros, so 3.0 and 3 compare equal. */
    private static List<List<String>> numeric(List<List<String>> rows) {
        List<List<String>> out = new ArrayList<>();
        for (List<String> r : rows) {
            List<String> n = new ArrayList<>();
            for (String c : r) {
                try {
                    n.add(new BigDecimal(c).stripTrailingZeros().toPlainString());
                } catch (NumberFormatException notANumber) {
                    n.add(c);
                }
            }
            out.add(n);
        }
        return out;
    }

    /** The final rows of a result: a streaming aggregate's retractions applied. */
    private static List<List<String>> rows(GatewayClient.Session session, String sql) {
        List<List<String>> rows = new ArrayList<>();
        for (GatewayClient.Batch b : session.executeAndFetchAll(sql)) {
            for (GatewayClient.RowChange r : b.rows()) {
                if (r.isRetraction()) {
                    rows.remove(r.texts());
                } else {
                    rows.add(r.texts());
                }
            }
        }
        return rows;
    }
}
