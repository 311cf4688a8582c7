package dev.sqlpack.stack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sqlpack.stack.gateway.GatewayClient;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultPrinterTest {
    /** Read the way GatewayClient reads the gateway's answers. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /**
     * {@code gateway/result-of-every-type.json} is what Flink 2.0.0's gateway sends (its
     * ResultInfoSerializer, rowFormat=JSON, session time zone UTC) for one row of
     * <pre>
     * SELECT CAST(1 AS TINYINT) AS ti, CAST(-2 AS SMALLINT) AS si, 3 AS i, CAST(4 AS BIGINT) AS bi,
     *   CAST(1.5 AS FLOAT) AS f, CAST(0.1 AS FLOAT) AS f2, CAST(6.0 AS DOUBLE) AS d1,
     *   CAST(1.00000001E9 AS DOUBLE) AS d2, CAST(0.00001 AS DOUBLE) AS d3, CAST(-101.50 AS DECIMAL(10, 2)) AS dec1,
     *   CAST(0 AS DECIMAL(5,3)) AS dec0, TRUE AS bo, 'héllo' AS str, DATE '2026-11-24' AS dt, TIME '05:55:10' AS tm,
     *   CAST(TIME '05:55:10.123' AS TIME(3)) AS tm3, CAST(TIMESTAMP '2026-11-24 05:55:10' AS TIMESTAMP(3)) AS ts3,
     *   CAST(TIMESTAMP '2026-11-24 05:55:10.5' AS TIMESTAMP(6)) AS ts6, TIMESTAMP '2026-11-24 05:55:10' AS ts0,
     *   TO_TIMESTAMP_LTZ(1795499710000, 3) AS ltz, ARRAY[1, 2] AS arr, ARRAY['a', CAST(NULL AS STRING)] AS arrn,
     *   MAP['a', 1.5, 'b', CAST(NULL AS DOUBLE)] AS mp, ROW(1, 'x', CAST(2.50 AS DECIMAL(4,2))) AS rw,
     *   CAST(NULL AS STRING) AS nul, X'0102ff' AS bin, CAST('ab' AS CHAR(4)) AS ch, ARRAY[ROW(1, DATE '2026-01-02')] AS nested
     * </pre>
     * and these are the values Flink's own TableResult.print() (the SQL client's tableau style)
     * printed for the same row in the same run.
     */
    private static final Map<String, String> FLINK_PRINTS = ordered(
            "ti", "1", "si", "-2", "i", "3", "bi", "4", "f", "1.5", "f2", "0.1",
            "d1", "6.0", "d2", "1.00000001E9", "d3", "1.0E-5", "dec1", "-101.50", "dec0", "0.000", "bo", "TRUE",
            "str", "héllo", "dt", "2026-11-24", "tm", "05:55:10", "tm3", "05:55:10",
            "ts3", "2026-11-24 05:55:10.000", "ts6", "2026-11-24 05:55:10.500000", "ts0", "2026-11-24 05:55:10",
            "ltz", "2026-11-24 05:55:10.000", "arr", "[1, 2]", "arrn", "[a, NULL]", "mp", "{a=1.5, b=NULL}",
            "rw", "(1, x, 2.50)", "nul", "<NULL>", "bin", "x'0102ff'", "ch", "ab  ", "nested", "[(1, 2026-01-02)]");

    @Test
    void everyTypePrintsAsFlinksSqlClientPrintsIt() throws Exception {
        GatewayClient.Batch b = batch("gateway/result-of-every-type.json");
        assertThat(b.columns()).containsExactlyElementsOf(FLINK_PRINTS.keySet());
        assertThat(SqlValueFormat.row(b.columnTypes(), b.rows().get(0).fields()))
                .containsExactlyElementsOf(FLINK_PRINTS.values());
    }

    @Test
    void theIssuesExamplesNoLongerLoseTheirType() throws Exception {
        // -101.50 arrives as -101.5 and 1.00000001E9 as a plain number: the type puts them back
        assertThat(SqlValueFormat.format(type("{\"type\":\"DECIMAL\",\"precision\":10,\"scale\":2}"), JSON.readTree("-101.5")))
                .isEqualTo("-101.50");
        assertThat(SqlValueFormat.format(type("{\"type\":\"DOUBLE\"}"), JSON.readTree("6"))).isEqualTo("6.0");
        assertThat(SqlValueFormat.format(type("{\"type\":\"DOUBLE\"}"), JSON.readTree("1000000010"))).isEqualTo("1.00000001E9");
        assertThat(SqlValueFormat.format(type("{\"type\":\"DOUBLE\"}"), JSON.readTree("\"NaN\""))).isEqualTo("NaN");
        assertThat(SqlValueFormat.format(type("{\"type\":\"TIMESTAMP_WITHOUT_TIME_ZONE\",\"precision\":9}"),
                JSON.readTree("\"2026-01-01T00:00:00.000000001\""))).isEqualTo("2026-01-01 00:00:00.000000001");
        assertThat(SqlValueFormat.format(type("{\"type\":\"MAP\",\"keyType\":{\"type\":\"INTEGER\"},\"valueType\":{\"type\":\"BOOLEAN\"}}"),
                JSON.readTree("{\"1\":true,\"2\":false}"))).isEqualTo("{1=TRUE, 2=FALSE}");
    }

    @Test
    void theTableShowsTheTypedValues() throws Exception {
        GatewayClient.Batch b = batch("gateway/result-of-every-type.json");
        StringWriter w = new StringWriter();
        ResultPrinter p = new ResultPrinter(new PrintWriter(w), b.columns(), b.columnTypes(), false, true);
        p.accept(b.rows());
        p.finish(1);
        assertThat(w.toString()).contains("| -101.50 ", "| 6.0 ", "| 1.00000001E9 ", "| 2026-11-24 05:55:10.000 ", "| <NULL> ",
                "| TRUE ", "| [a, NULL] ", "| (1, x, 2.50) ").contains("1 change(s) received.");
    }

    @Test
    void withoutTypesTheJsonTextIsPrinted() {
        StringWriter w = new StringWriter();
        ResultPrinter p = new ResultPrinter(new PrintWriter(w), List.of("n"), false, false);
        p.accept(List.of(change("INSERT", "42")));
        p.finish(1);
        assertThat(w.toString()).contains("| 42     |");
    }

    @Test
    void aStreamingChangelogStaysAlignedWhenLaterRowsAreWider() {
        StringWriter w = new StringWriter();
        ResultPrinter p = new ResultPrinter(new PrintWriter(w), List.of("user_id", "url"), false, true);
        p.accept(List.of(change("INSERT", "\"u1\"", "\"/a\"")));
        p.accept(List.of(change("INSERT", "\"a-much-longer-user-id\"", "\"/b\""), change("UPDATE_BEFORE", "\"u1\"", "\"/a\"")));
        p.accept(List.of(change("INSERT", "\"u3\"", "\"/a/very/long/path/that/is/wider/than/before\"")));
        p.finish(4);
        List<String> lines = w.toString().lines().toList();
        // every row has its '|' exactly where the header line above it has them
        String header = null;
        int headers = 0;
        for (String line : lines) {
            if (line.startsWith("| op ")) {
                header = line;
                headers++;
            } else if (line.startsWith("|")) {
                assertThat(bars(line)).as("row %s under header %s", line, header).isEqualTo(bars(header));
            }
        }
        assertThat(headers).as("a wider header when the rows grew").isEqualTo(3);
        assertThat(w.toString()).contains("| +I | a-much-longer-user-id | /b ").contains("| -U | u1 ");
    }

    private static List<Integer> bars(String line) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '|') {
                at.add(i);
            }
        }
        return at;
    }

    private static GatewayClient.RowChange change(String kind, String... jsonFields) {
        List<JsonNode> fields = new ArrayList<>();
        for (String f : jsonFields) {
            try {
                fields.add(JSON.readTree(f));
            } catch (Exception e) {
                throw new IllegalArgumentException(f, e);
            }
        }
        return new GatewayClient.RowChange(kind, fields);
    }

    private static JsonNode type(String json) throws Exception {
        return JSON.readTree(json);
    }

    private static GatewayClient.Batch batch(String resource) throws Exception {
        try (InputStream in = ResultPrinterTest.class.getClassLoader().getResourceAsStream(resource)) {
            return GatewayClient.Batch.of(JSON.readTree(in));
        }
    }

    private static Map<String, String> ordered(String... kv) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
