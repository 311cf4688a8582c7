package dev.sqlpack.stack.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class GatewayClientTest {
    @Test
    void rootCauseIsTheDeepestCauseOfTheGatewaysStackTrace() throws Exception {
        String body = new ObjectMapper().createObjectNode().set("errors", new ObjectMapper().createArrayNode()
                .add("Internal server error.")
                .add("<Exception on server side:\norg.apache.flink.table.gateway.api.utils.SqlGatewayException: failed\n"
                        + "\tat x.y(Z.java:1)\nCaused by: org.apache.flink.table.api.SqlParserException: SQL parse failed.\n"
                        + "\tat a.b(C.java:2)\nCaused by: org.apache.flink.sql.parser.impl.ParseException: Encountered \"FROMM\" at line 1, column 10.\n"
                        + "Was expecting one of:\n    <EOF>\n\tat d.e(F.java:3)\n>")).toString();
        assertThat(GatewayClient.rootCause(new ObjectMapper().readTree(body)))
                .isEqualTo("ParseException: Encountered \"FROMM\" at line 1, column 10.\nWas expecting one of:\n    <EOF>");
    }
}
