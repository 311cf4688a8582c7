package dev.sqlpack.perf.udfbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The UDF benchmark's Python gateway client reads gateway errors by the Java client's rule: both
 * are held to the same cases, stack/src/test/resources/gateway/errors.json (GatewayClientTest
 * checks the Java side).
 */
class PythonGatewayClientTest {

    @Test
    void readsEveryErrorBodyAsTheJavaClientDoes() throws Exception {
        Path cases = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent()
                .resolve("stack/src/test/resources/gateway/errors.json");
        JsonNode expected = new ObjectMapper().readTree(cases.toFile());
        JsonNode read = new PythonTwins().module("udfbench.read_errors", cases.toString());
        List<String> want = new ArrayList<>();
        expected.forEach(c -> want.add(c.path("message").asText()));
        List<String> got = new ArrayList<>();
        read.forEach(m -> got.add(m.asText()));
        assertThat(want).hasSizeGreaterThanOrEqualTo(7);
        assertThat(got).containsExactlyElementsOf(want);
    }
}
