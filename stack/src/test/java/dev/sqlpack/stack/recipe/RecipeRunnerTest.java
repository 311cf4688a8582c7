package dev.sqlpack.stack.recipe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecipeRunnerTest {
    private static final String EXPECTED = """
            # two windows; the late click is dropped
            -- query 1: window_start | clicks
            10:00 |  2
            11:00 | 1
            """;

    @Test
    void matchesIgnoringCommentsSpacingAndRowOrder() {
        assertThat(RecipeRunner.differences(EXPECTED, "-- query 1: window_start | clicks\n11:00 | 1\n10:00 | 2\n\n")).isEmpty();
    }

    @Test
    void namesTheRowsMissingAndTheRowsExtra() {
        assertThat(RecipeRunner.differences(EXPECTED, "-- query 1: window_start | clicks\n10:00 | 3\n11:00 | 1\n\n"))
                .containsExactly("expected, not produced: 10:00 | 2", "produced, not expected: 10:00 | 3");
    }

    @Test
    void aRowUnderTheWrongQueryIsADifference() {
        String expected = "-- query 1: a\nx\n\n-- query 2: a\ny\n";
        assertThat(RecipeRunner.differences(expected, "-- query 1: a\ny\n\n-- query 2: a\nx\n"))
                .containsExactly("the same lines, but under other queries or in another query order");
        assertThat(RecipeRunner.differences("", "-- query 1: a\nx\n")).containsExactly(
                "produced, not expected: -- query 1: a", "produced, not expected: x");
    }
}
