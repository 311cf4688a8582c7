package dev.sqlpack.stack.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * How a gateway error reads: every case of {@code gateway/errors.json} (error bodies as the 2.0.0
 * gateway and the extension send them, with the message a user should see). The Python client of
 * the UDF benchmark is held to the same file (perf's {@code PythonGatewayClientTest}).
 */
class GatewayClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode cases() throws Exception {
        try (InputStream in = GatewayClientTest.class.getResourceAsStream("/gateway/errors.json")) {
            return JSON.readTree(in);
        }
    }

    @TestFactory
    List<DynamicTest> eachErrorBodyReadsAsItsExpectedMessage() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases()) {
            tests.add(DynamicTest.dynamicTest(c.path("name").asText(),
                    () -> assertThat(GatewayClient.rootCause(c.path("body"))).isEqualTo(c.path("message").asText())));
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(7);
        return tests;
    }
}
