package dev.sqlpack.recipes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlpack.stack.SqlPackHome;
import dev.sqlpack.stack.gateway.SqlScript;
import dev.sqlpack.stack.recipe.Recipe;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The input of every recipe reaches Kafka in the order it is written, every run (no cluster
 * needed: this reads the setup scripts). Expected outputs name Kafka offsets and depend on
 * arrival order (watermarks), so a setup script must (1) write at parallelism 1, and (2) use
 * VALUES lists of literals only: Flink plans a VALUES list holding any expression (a CAST, a
 * function call, arithmetic) as a UNION ALL of one-row sources whose rows arrive in no fixed
 * order. That is how recipe 14 once failed with the right rows at the wrong offsets.
 */
class RecipeInputOrderTest {
    private static final Pattern SET_PARALLELISM =
            Pattern.compile("(?is)^SET\\s+'parallelism\\.default'\\s*=\\s*'(\\d+)'\\s*$");
    /** A name followed by '(': a function call or CAST(...), once literals are blanked out. */
    private static final Pattern CALL = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*\\s*\\(");
    /** Arithmetic or concatenation; a minus is allowed only as the sign of a number. */
    private static final Pattern OPERATOR = Pattern.compile("[+*/|]|-(?!\\s*[0-9.])");

    @TestFactory
    Stream<DynamicTest> everySetupWritesItsInputInOneOrder() {
        return Recipe.discover(SqlPackHome.locate().root().resolve("sql")).stream()
                .filter(r -> Files.exists(r.setup()))
                .map(r -> DynamicTest.dynamicTest(r.name(), () -> {
                    List<String> problems = problems(Files.readString(r.setup()));
                    assertThat(problems).as("setup.sql of " + r.name()).isEmpty();
                }));
    }

    @Test
    void theCheckCatchesWhatMadeRecipe14Flaky() {
        String unordered = "SET 'parallelism.default' = '1';\n"
                + "INSERT INTO t VALUES (CAST('a' AS BYTES)), (CAST('b' AS BYTES));";
        assertThat(problems(unordered)).singleElement().asString()
                .contains("VALUES list with an expression").contains("CAST(");
        assertThat(problems("INSERT INTO t VALUES ('a', TO_TIMESTAMP_LTZ(1, 3));\n")).hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("parallelism"))
                .anySatisfy(p -> assertThat(p).contains("TO_TIMESTAMP_LTZ("));
        assertThat(problems("SET 'parallelism.default' = '2';\nINSERT INTO t VALUES (1 + 1);"))
                .anySatisfy(p -> assertThat(p).contains("'parallelism.default' = '2'"))
                .anySatisfy(p -> assertThat(p).contains("+"));
    }

    @Test
    void literalsNegativeNumbersAndConversionsAfterValuesPass() {
        assertThat(problems("""
                SET 'parallelism.default' = '1';
                INSERT INTO t SELECT IF(b = X'', CAST(s AS BYTES), b) FROM (VALUES
                  ('it''s (not) a call(', X'', -74.0060, TIMESTAMP '2026-03-01 10:00:00', 'a+b|c/d*e-f'),
                  ('', X'FF', 2.5, TIMESTAMP '2026-03-01 10:00:01', '')  -- a comment with CAST(x)
                ) AS v (s, b, n, ts, o);
                INSERT INTO u SELECT id FROM ids;
                """)).isEmpty();
    }

    /** What in this setup script could make its input arrive in another order; empty if nothing. */
    static List<String> problems(String setup) {
        List<String> problems = new ArrayList<>();
        String parallelism = null;
        for (String statement : SqlScript.split(setup)) {
            String code = withoutComments(statement).strip();
            Matcher set = SET_PARALLELISM.matcher(code);
            if (set.matches()) {
                parallelism = set.group(1);
                continue;
            }
            if (!code.toUpperCase(Locale.ROOT).startsWith("INSERT")) {
                continue;
            }
            String head = code.length() > 60 ? code.substring(0, 60) + "..." : code;
            if (!"1".equals(parallelism)) {
                problems.add("'" + head + "' runs at " + (parallelism == null
                        ? "the session's default parallelism" : "'parallelism.default' = '" + parallelism + "'")
                        + ": put SET 'parallelism.default' = '1'; before it");
            }
            String rows = valuesRows(blankLiterals(code));
            if (rows != null) {
                Matcher call = CALL.matcher(rows);
                Matcher op = OPERATOR.matcher(rows);
                if (call.find()) {
                    problems.add("'" + head + "' has a VALUES list with an expression (" + call.group()
                            + "...): keep VALUES to literals and convert in a SELECT around it");
                } else if (op.find()) {
                    problems.add("'" + head + "' has a VALUES list with an expression (operator " + op.group()
                            + "): keep VALUES to literals and compute in a SELECT around it");
                }
            }
        }
        return problems;
    }

    /** The rows of the statement's VALUES list ("(...), (...)"), or null if it has none. */
    private static String valuesRows(String code) {
        Matcher m = Pattern.compile("(?i)\\bVALUES\\b").matcher(code);
        if (!m.find()) {
            return null;
        }
        int i = m.end();
        int depth = 0;
        StringBuilder rows = new StringBuilder();
        for (; i < code.length(); i++) {
            char c = code.charAt(i);
            if (depth == 0 && !(c == '(' || c == ',' || Character.isWhitespace(c))) {
                break; // ") AS t (...)" or the end of the list
            }
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            rows.append(c);
        }
        return rows.toString();
    }

    /** Replaces the content of every '...' literal with nothing, so its text cannot look like code. */
    private static String blankLiterals(String code) {
        return code.replaceAll("'(?:[^']|'')*'", "''");
    }

    /** The statement without its -- comments (a "--" inside a '...' literal is text, not a comment). */
    private static String withoutComments(String statement) {
        StringBuilder b = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < statement.length(); i++) {
            char c = statement.charAt(i);
            if (c == '\'') {
                quoted = !quoted; // a doubled '' toggles twice: still right
            } else if (!quoted && c == '-' && i + 1 < statement.length() && statement.charAt(i + 1) == '-') {
                int end = statement.indexOf('\n', i);
                i = (end < 0 ? statement.length() : end) - 1;
                continue;
            }
            b.append(c);
        }
        return b.toString();
    }
}
