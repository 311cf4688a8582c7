package dev.sqlpack.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import java.util.Map;
import java.util.TreeMap;

/** One kustomization's rendered resources, with lookups by kind and name. */
record Rendered(String kustomization, List<ObjectNode> resources) {
    static final String FLINK = "sqlpack-flink";
    static final String GATEWAY = "sqlpack-sql-gateway";
    static final String GATEWAY_CONFIG = "sqlpack-sql-gateway-config";

    static Rendered of(String kustomization) {
        return new Rendered(kustomization, Kustomize.build(Yaml.MODULE.resolve(kustomization)));
    }

    ObjectNode get(String kind, String name) {
        return resources.stream()
                .filter(r -> r.path("kind").asText().equals(kind) && r.path("metadata").path("name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(kustomization + " renders no " + kind + "/" + name));
    }

    JsonNode flinkDeployment() {
        return get("FlinkDeployment", FLINK);
    }

    JsonNode gatewayContainer() {
        return get("Deployment", GATEWAY).path("spec").path("template").path("spec").path("containers").get(0);
    }

    String gatewayConfigYaml() {
        return get("ConfigMap", GATEWAY_CONFIG).path("data").path("config.yaml").asText();
    }

    /**
     * The gateway's configuration as its JVM sees it: config.yaml from the ConfigMap, then the
     * {@code -Dkey=value} arguments of sql-gateway.sh, which take precedence.
     */
    Configuration gatewayConfiguration() {
        Configuration conf = FlinkOptions.load(gatewayConfigYaml());
        for (JsonNode arg : gatewayContainer().path("args")) {
            String a = arg.asText();
            if (a.startsWith("-D")) {
                int eq = a.indexOf('=');
                if (eq < 0) {
                    throw new AssertionError(kustomization + ": gateway argument '" + a + "' is not -Dkey=value");
                }
                conf.setString(a.substring(2, eq), a.substring(eq + 1));
            }
        }
        return conf;
    }

    /** The FlinkDeployment's flinkConfiguration as the config.yaml the operator writes from it. */
    String flinkConfigYaml() {
        return Yaml.write(flinkDeployment().path("spec").path("flinkConfiguration"));
    }

    /** Resources keyed by kind/namespace/name: order-free comparison with kubectl's output. */
    static Map<String, JsonNode> byId(List<? extends JsonNode> resources) {
        Map<String, JsonNode> m = new TreeMap<>();
        resources.forEach(r -> m.put(r.path("kind").asText() + "/" + r.path("metadata").path("namespace").asText()
                + "/" + r.path("metadata").path("name").asText(), r));
        return m;
    }

    @Override
    public String toString() {
        return kustomization;
    }
}
