package dev.sqlpack.stack.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A value of a gateway result as Flink's SQL client prints it, from the value's JSON form and its
 * column's logical type (both in the gateway's v2 result with {@code rowFormat=JSON}).
 *
 * <p>The JSON form loses what the SQL type keeps: the gateway writes DECIMAL -101.50 as -101.5,
 * TIMESTAMP(3) 05:55:10.000 as 05:55:10, bytes as base64. The rules below are those of Flink
 * 2.0.0's {@code TableResult.print()} / SQL client (its {@code RowDataToStringConverterImpl},
 * i.e. CAST(... AS STRING)), checked against a run of both on the same row of every type:
 * DECIMAL with its scale, DOUBLE and FLOAT as Java's {@code toString} (6.0, 1.00000001E9),
 * BOOLEAN as TRUE/FALSE, TIMESTAMP(p) with exactly p fraction digits, BYTES as x'0102', ARRAY
 * [a, b], MAP {k=v}, ROW (a, b), NULL as {@code <NULL>} at the top and NULL inside a value.
 */
final class SqlValueFormat {
    /** What the SQL client prints for a NULL column value. */
    static final String NULL = "<NULL>";

    private SqlValueFormat() {}

    /** Each field of a row as text; without types (an old gateway), the JSON text as is. */
    static List<String> row(List<JsonNode> types, List<JsonNode> fields) {
        List<String> out = new ArrayList<>(fields.size());
        for (int i = 0; i < fields.size(); i++) {
            JsonNode type = i < types.size() ? types.get(i) : null;
            JsonNode v = fields.get(i);
            out.add(v == null || v.isNull() ? NULL : format(type, v));
        }
        return out;
    }

    /** One non-top-level value: NULL inside an array, map or row prints as NULL. */
    static String format(JsonNode type, JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "NULL";
        }
        String t = type == null ? "" : type.path("type").asText("");
        return switch (t) {
            case "TINYINT", "SMALLINT", "INTEGER", "BIGINT" -> v.isNumber() ? v.bigIntegerValue().toString() : v.asText();
            case "FLOAT" -> Float.toString((float) floating(v));
            case "DOUBLE" -> Double.toString(floating(v));
            case "DECIMAL" -> number(v).setScale(type.path("scale").asInt(0), java.math.RoundingMode.HALF_UP).toPlainString();
            case "BOOLEAN" -> Boolean.parseBoolean(v.asText()) ? "TRUE" : "FALSE";
            case "TIME_WITHOUT_TIME_ZONE" -> time(LocalTime.parse(v.asText()), type.path("precision").asInt(0));
            case "TIMESTAMP_WITHOUT_TIME_ZONE" -> timestamp(LocalDateTime.parse(v.asText()), type.path("precision").asInt(6));
            case "TIMESTAMP_WITH_LOCAL_TIME_ZONE" -> timestamp(localDateTime(v.asText()), type.path("precision").asInt(6));
            case "BINARY", "VARBINARY" -> "x'" + HexFormat.of().formatHex(Base64.getDecoder().decode(v.asText())) + "'";
            case "ARRAY" -> array(type.path("elementType"), v);
            case "MULTISET" -> map(type.path("elementType"), null, v);
            case "MAP" -> map(type.path("keyType"), type.path("valueType"), v);
            case "ROW" -> row(type, v);
            default -> v.isValueNode() ? v.asText() : v.toString(); // CHAR, VARCHAR, DATE, RAW...
        };
    }

    /** A FLOAT or DOUBLE; NaN and the infinities arrive as text. */
    private static double floating(JsonNode v) {
        return v.isNumber() ? v.decimalValue().doubleValue() : Double.parseDouble(v.asText());
    }

    private static BigDecimal number(JsonNode v) {
        return v.isNumber() ? v.decimalValue() : new BigDecimal(v.asText());
    }

    /** HH:mm:ss and exactly {@code precision} digits of the second's fraction. */
    private static String time(LocalTime t, int precision) {
        String s = String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
        return precision <= 0 ? s : s + "." + String.format("%09d", t.getNano()).substring(0, Math.min(9, precision));
    }

    private static String timestamp(LocalDateTime t, int precision) {
        return t.toLocalDate() + " " + time(t.toLocalTime(), precision);
    }

    /**
     * A TIMESTAMP_LTZ: the gateway writes an instant (…Z), which is shown in UTC, the stack's
     * session time zone ('table.local-time-zone' in gateway-config/config.yaml); a local form is
     * taken as is.
     */
    private static LocalDateTime localDateTime(String text) {
        return text.endsWith("Z") ? LocalDateTime.ofInstant(Instant.parse(text), ZoneOffset.UTC) : LocalDateTime.parse(text);
    }

    private static String array(JsonNode elementType, JsonNode v) {
        List<String> items = new ArrayList<>();
        v.forEach(e -> items.add(format(elementType, e)));
        return "[" + String.join(", ", items) + "]";
    }

    /** A MAP (or a MULTISET: element to count) as {k=v, ...}; JSON keys are text, typed back here. */
    private static String map(JsonNode keyType, JsonNode valueType, JsonNode v) {
        List<String> items = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode key = com.fasterxml.jackson.databind.node.TextNode.valueOf(e.getKey());
            items.add(format(keyType, key) + "=" + (valueType == null ? e.getValue().asText() : format(valueType, e.getValue())));
        }
        return "{" + String.join(", ", items) + "}";
    }

    private static String row(JsonNode type, JsonNode v) {
        List<String> items = new ArrayList<>();
        for (JsonNode field : type.path("fields")) {
            items.add(format(field.path("fieldType"), v.path(field.path("name").asText())));
        }
        return "(" + String.join(", ", items) + ")";
    }
}
