package dev.sqlpack.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthHandlerTest {
    @Test
    void theSessionHandleIsFoundInEveryVersionedSessionPath() {
        String h = "6e37f9f1-d1a6-4368-abb2-d7b354222116";
        assertThat(AuthHandler.sessionOf("/v2/sessions/" + h)).contains(h);
        assertThat(AuthHandler.sessionOf("/v1/sessions/" + h + "/statements")).contains(h);
        assertThat(AuthHandler.sessionOf("/v3/sessions/" + h + "/operations/x/result/0?rowFormat=JSON")).contains(h);
        assertThat(AuthHandler.sessionOf("/v2/sessions")).isEmpty();
        assertThat(AuthHandler.sessionOf("/v2/sessions/")).isEmpty();
        assertThat(AuthHandler.sessionOf("/v2/info")).isEmpty();
        assertThat(AuthHandler.sessionOf("/api_versions")).isEmpty();
        assertThat(AuthHandler.sessionOf("/sessions/" + h)).isEmpty();
    }

    @Test
    void reasonsAreValidOneLineJsonStrings() {
        assertThat(AuthHandler.jsonString("a \"b\" \\ c\nd\té\u0001")).isEqualTo("\"a \\\"b\\\" \\\\ c\\nd\\té\\u0001\"");
    }
}
