package dev.sqlpack.udf;

import static dev.sqlpack.udf.CollectingTableFunction.rowsOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlpack.udf.scalar.MaskCardFunction;
import dev.sqlpack.udf.scalar.MaskEmailFunction;
import dev.sqlpack.udf.scalar.ParseUserAgentFunction;
import dev.sqlpack.udf.table.ExplodeJsonArrayFunction;
import dev.sqlpack.udf.table.SplitKvFunction;
import dev.sqlpack.udf.table.UrlQueryParamsFunction;
import java.util.List;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;

/**
 * Every string function keeps characters whole: characters outside the Basic Multilingual Plane
 * (two UTF-16 units each) and letters written with combining marks come out whole, and the
 * output is always well-formed UTF-16.
 */
class UnicodeTest {
    private static final String GRIN = new String(Character.toChars(0x1F600)); // emoji, a surrogate pair
    private static final String CJK_B = new String(Character.toChars(0x20000)); // CJK Extension B
    private static final String E_ACUTE = "e\u0301"; // e + COMBINING ACUTE ACCENT
    private final TestContext ctx = new TestContext();

    @Test
    void maskEmailKeepsTheWholeFirstCharacter() {
        MaskEmailFunction f = new MaskEmailFunction();
        f.open(ctx);
        assertWellFormed(f.eval(GRIN + "smile@example.com")).isEqualTo(GRIN + "***@example.com");
        assertWellFormed(f.eval(CJK_B + "@例え.jp")).isEqualTo(CJK_B + "***@例え.jp");
        assertWellFormed(f.eval(E_ACUTE + "milie@x.fr")).isEqualTo(E_ACUTE + "***@x.fr");
        assertWellFormed(f.eval("a@" + GRIN + ".example")).isEqualTo("a***@" + GRIN + ".example");
        assertWellFormed(f.eval(GRIN + "@x")).isEqualTo(GRIN + "***@x");
        assertThat(ctx.count("sqlpack_mask_email_malformed")).isZero();
    }

    @Test
    void maskCardTakesAsciiDigitsOnly() {
        MaskCardFunction f = new MaskCardFunction();
        f.open(ctx);
        assertThat(f.eval("4111 1111 1111 " + GRIN + "1111")).isNull();
        assertThat(f.eval("４１１１１１１１１１１１１１１１")).as("fullwidth digits").isNull();
        assertThat(ctx.count("sqlpack_mask_card_malformed")).isEqualTo(2);
    }

    @Test
    void splitKvKeepsSupplementaryKeysValuesAndSeparatorsWhole() {
        SplitKvFunction f = new SplitKvFunction();
        List<Row> rows = rowsOf(f);
        f.eval(GRIN + "=" + CJK_B + ";" + E_ACUTE + "=v", ";", "=");
        f.eval("a" + GRIN + "1" + CJK_B + "b" + GRIN + "2", CJK_B, GRIN);
        assertThat(rows).containsExactly(Row.of(GRIN, CJK_B), Row.of(E_ACUTE, "v"), Row.of("a", "1"), Row.of("b", "2"));
        rows.forEach(UnicodeTest::assertRowWellFormed);
        rows.clear();
        f.eval(GRIN + "=1", GRIN.substring(0, 1), "=");
        f.eval(GRIN + "=1", ";", GRIN.substring(1));
        assertThat(rows).as("half a surrogate pair as separator would cut a character").isEmpty();
    }

    @Test
    void urlQueryParamsDecodesWholeCharactersAndRefusesBrokenUtf8() {
        UrlQueryParamsFunction f = new UrlQueryParamsFunction();
        f.open(ctx);
        List<Row> rows = rowsOf(f);
        f.eval("/p?e=%F0%9F%98%80&raw=" + GRIN + "&k" + CJK_B + "=%C3%A9+x");
        assertThat(rows).containsExactly(Row.of("e", GRIN), Row.of("raw", GRIN), Row.of("k" + CJK_B, "é x"));
        rows.clear();
        f.eval("/p?a=%F0%9F%98&b=%ED%A0%BD&c=%C3&d=%FF&ok=1");
        assertThat(rows).as("a truncated character, an encoded surrogate, a lone lead byte, an invalid byte")
                .containsExactly(Row.of("ok", "1"));
        assertThat(ctx.count("sqlpack_url_query_params_malformed")).isEqualTo(4);
    }

    @Test
    void explodeJsonArrayRefusesEscapedHalvesOfSurrogatePairs() {
        ExplodeJsonArrayFunction f = new ExplodeJsonArrayFunction();
        f.open(ctx);
        List<Row> rows = rowsOf(f);
        f.eval("[\"" + GRIN + "\", \"\\ud83d\\ude00\", {\"k\": \"" + CJK_B + "\"}]");
        assertThat(rows).containsExactly(Row.of(0, GRIN), Row.of(1, GRIN), Row.of(2, "{\"k\":\"" + CJK_B + "\"}"));
        rows.clear();
        f.eval("[\"ok\", \"\\ud83d\"]");
        f.eval("[\"\\ude00x\"]");
        assertThat(rows).isEmpty();
        assertThat(ctx.count("sqlpack_explode_json_array_malformed")).isEqualTo(2);
    }

    @Test
    void userAgentFieldsStayWellFormed() {
        ParseUserAgentFunction f = new ParseUserAgentFunction();
        f.open(ctx);
        Row r = f.eval(GRIN + "Bot/1.0 (" + CJK_B + "; " + E_ACUTE + ")");
        assertRowWellFormed(r);
        assertThat(r.getField(5)).isEqualTo(true);
    }

    static org.assertj.core.api.AbstractStringAssert<?> assertWellFormed(String s) {
        assertThat(s).isNotNull();
        assertThat(Text.isWellFormed(s)).as("well-formed UTF-16: %s", s).isTrue();
        return assertThat(s);
    }

    static void assertRowWellFormed(Row r) {
        for (int i = 0; i < r.getArity(); i++) {
            if (r.getField(i) instanceof String s) {
                assertWellFormed(s);
            }
        }
    }

    @Test
    void textHelpers() {
        assertThat(Text.firstCharacter(GRIN + "x")).isEqualTo(GRIN);
        assertThat(Text.firstCharacter(E_ACUTE + "x")).isEqualTo(E_ACUTE);
        assertThat(Text.firstCharacter("a")).isEqualTo("a");
        assertThat(Text.isWellFormed(GRIN.substring(0, 1))).isFalse();
        assertThat(Text.isWellFormed(GRIN.substring(1))).isFalse();
        assertThat(Text.isWellFormed(GRIN.substring(1) + GRIN.substring(0, 1))).isFalse();
        assertThat(Text.isWellFormed("")).isTrue();
    }
}
