package dev.sqlpack.stack.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class GatewayClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void showsTheCauseChainBelowTheGatewaysWrappersEachMessageOnce() throws Exception {
        String trace = "<Exception on server side:\n"
                + "org.apache.flink.table.gateway.api.utils.SqlGatewayException: org.apache.flink.table.gateway.api.utils.SqlGatewayException: Failed to fetchResults.\n"
                + "\tat x.y(Z.java:1)\n"
                + "Caused by: org.apache.flink.table.gateway.api.utils.SqlGatewayException: Failed to fetchResults.\n"
                + "Caused by: org.apache.flink.table.gateway.service.utils.SqlExecutionException: Failed to execute the operation 67ba.\n"
                + "Caused by: org.apache.flink.table.api.ValidationException: Invalid value for option 'scan.startup.mode'.\n"
                + "\tat a.b(C.java:2)\n"
                + "Caused by: java.lang.IllegalArgumentException: Could not parse value 'sometimes' for key 'scan.startup.mode'.\n"
                + "\t... 12 more\n"
                + "\nEnd of exception on server side>";
        String body = JSON.createObjectNode().set("errors", JSON.createArrayNode().add("Internal server error.").add(trace)).toString();
        assertThat(GatewayClient.rootCause(JSON.readTree(body))).isEqualTo(
                "ValidationException: Invalid value for option 'scan.startup.mode'.\n"
                        + "  caused by IllegalArgumentException: Could not parse value 'sometimes' for key 'scan.startup.mode'.");
    }

    @Test
    void aParseErrorIsShownOnceThoughEveryLayerRepeatsIt() throws Exception {
        String trace = "<Exception on server side:\n"
                + "Caused by: org.apache.flink.table.api.SqlParserException: SQL parse failed. Non-query expression encountered in illegal context\n"
                + "Caused by: org.apache.calcite.sql.parser.SqlParseException: Non-query expression encountered in illegal context\n"
                + "Caused by: org.apache.calcite.runtime.CalciteException: Non-query expression encountered in illegal context\n"
                + "\nEnd of exception on server side>";
        String body = JSON.createObjectNode().set("errors", JSON.createArrayNode().add("Internal server error.").add(trace)).toString();
        assertThat(GatewayClient.rootCause(JSON.readTree(body)))
                .isEqualTo("SqlParserException: SQL parse failed. Non-query expression encountered in illegal context");
    }
}
