package dev.sqlpack.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SessionInitTest {
    @Test
    void theFirstWordSkipsWhitespaceAndBothKindsOfComment() {
        assertThat(SessionInit.firstWord("LOAD MODULE x")).isEqualTo("LOAD");
        assertThat(SessionInit.firstWord("  \n\tload module x")).isEqualTo("load");
        assertThat(SessionInit.firstWord("-- c\n/* d */ /**/LoAd")).isEqualTo("LoAd");
        assertThat(SessionInit.firstWord("/* unterminated")).isEmpty();
        assertThat(SessionInit.firstWord("")).isEmpty();
        assertThat(SessionInit.firstWord("-- only a comment")).isEmpty();
        assertThat(SessionInit.firstWord("(SELECT 1)")).isEmpty();
    }
}
