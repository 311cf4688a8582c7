package dev.sqlpack.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kustomizations render (in Java always; with {@code kubectl kustomize} too where kubectl is
 * installed, and then both renderings must be equal), and what they render is wired together: the
 * values each overlay promises, and the references between the resources.
 */
class KustomizeTest {

    @Test
    void javaRenderingEqualsKubectlKustomize() throws Exception {
        Optional<Path> kubectl = kubectl();
        Assumptions.assumeTrue(kubectl.isPresent(),
                "kubectl is not on PATH: the Java rendering is checked by the other tests of this class");
        ManifestSchemas schemas = new ManifestSchemas();
        for (String k : Yaml.KUSTOMIZATIONS) {
            Process p = new ProcessBuilder(kubectl.get().toString(), "kustomize", Yaml.MODULE.resolve(k).toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("kubectl kustomize %s: %s", k, out).isZero();
            List<ObjectNode> byKubectl = Yaml.documents(out, "kubectl kustomize " + k);
            assertThat(Rendered.byId(Rendered.of(k).resources())).as(k).isEqualTo(Rendered.byId(byKubectl));
            List<String> problems = new ArrayList<>();
            byKubectl.forEach(r -> problems.addAll(schemas.validate(r)));
            assertThat(problems).as("kubectl kustomize %s, validated", k).isEmpty();
        }
    }

    @Test
    void overlaysSetNamespaceImageAndState() {
        for (String k : new String[] {"overlays/local", "overlays/production"}) {
            assertThat(Rendered.of(k).resources()).as(k).hasSizeGreaterThanOrEqualTo(5)
                    .allSatisfy(r -> assertThat(r.at("/metadata/namespace").asText()).as(Yaml.id(r)).isEqualTo("sqlpack"));
        }
        Rendered local = Rendered.of("overlays/local");
        assertThat(local.flinkDeployment().at("/spec/image").asText()).isEqualTo("sqlpack-flink:dev");
        assertThat(local.flinkDeployment().at("/spec/taskManager/resource/memory").asText()).isEqualTo("2048m");

        Rendered production = Rendered.of("overlays/production");
        JsonNode fd = production.flinkDeployment();
        assertThat(fd.at("/spec/image").asText()).isEqualTo("registry.example.com/data/sqlpack-flink:0.1.0");
        assertThat(fd.at("/spec/jobManager/replicas").asInt()).isEqualTo(2);
        assertThat(fd.at("/spec/flinkConfiguration/taskmanager.numberOfTaskSlots").asText()).isEqualTo("4");
        assertThat(production.gatewayContainer().at("/args/2").asText()).isEqualTo("-Dparallelism.default=4");
        // untouched by the overlay: still the base's
        assertThat(fd.at("/spec/flinkConfiguration/high-availability.type").asText()).isEqualTo("kubernetes");
        assertThat(production.gatewayContainer().at("/resources/limits/memory").asText()).isEqualTo("4Gi");
        assertThat(production.gatewayContainer().at("/resources/requests/cpu").asText()).isEqualTo("1");
    }

    @Test
    void theGatewayIsOneReplicaOfTheClustersImageBehindItsServiceAndPolicy() {
        for (String k : Yaml.KUSTOMIZATIONS) {
            Rendered r = Rendered.of(k);
            JsonNode deployment = r.get("Deployment", Rendered.GATEWAY);
            JsonNode podLabels = deployment.at("/spec/template/metadata/labels");
            assertThat(deployment.at("/spec/replicas").asInt()).as(k).isEqualTo(1);
            assertThat(deployment.at("/spec/strategy/type").asText()).as(k).isEqualTo("Recreate");
            assertThat(r.gatewayContainer().at("/image").asText()).as(k).isEqualTo(r.flinkDeployment().at("/spec/image").asText());
            assertThat(r.gatewayContainer().at("/args/0").asText()).as(k).isEqualTo("/opt/flink/bin/sql-gateway.sh");
            assertThat(r.gatewayContainer().at("/args/1").asText()).as(k).isEqualTo("start-foreground");
            assertSelects(deployment.at("/spec/selector/matchLabels"), podLabels, k + " Deployment selector");
            assertSelects(r.get("Service", Rendered.GATEWAY).at("/spec/selector"), podLabels, k + " Service selector");
            assertSelects(r.get("NetworkPolicy", Rendered.GATEWAY).at("/spec/podSelector/matchLabels"), podLabels, k + " NetworkPolicy");
            assertThat(r.get("Service", Rendered.GATEWAY).at("/spec/type").asText()).as(k).isEqualTo("ClusterIP");
            assertThat(r.get("Service", Rendered.GATEWAY).at("/spec/ports/0/targetPort").asText())
                    .as(k).isEqualTo(r.gatewayContainer().at("/ports/0/name").asText());
            String configMap = deployment.at("/spec/template/spec/volumes/0/configMap/name").asText();
            assertThat(r.get("ConfigMap", configMap).at("/data/log4j-console.properties").asText()).as(k).contains("ConsoleAppender");
            assertThat(r.gatewayContainer().at("/env/0/value").asText())
                    .as(k).isEqualTo(r.gatewayContainer().at("/volumeMounts/0/mountPath").asText());
        }
    }

    @Test
    void unsupportedKustomizeFieldsFailInsteadOfRenderingDifferently(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: []\nnamePrefix: dev-\n");
        assertThatThrownBy(() -> Kustomize.build(dir)).hasMessageContaining("'namePrefix' is not rendered");

        Files.copy(Yaml.MODULE.resolve("base/sql-gateway.yaml"), dir.resolve("gw.yaml"));
        Files.writeString(dir.resolve("patch.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: sqlpack-sql-gateway}
                spec: {template: {spec: {containers: [{name: sql-gateway, image: other}]}}}
                """);
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: [gw.yaml]\npatches:\n  - path: patch.yaml\n");
        assertThatThrownBy(() -> Kustomize.build(dir)).hasMessageContaining("list 'containers' of a built-in kind");

        Files.writeString(dir.resolve("ops.yaml"), "- op: replace\n  path: /spec/template/spec/containers/3/image\n  value: x\n");
        Files.writeString(dir.resolve("kustomization.yaml"),
                "resources: [gw.yaml]\npatches:\n  - path: ops.yaml\n    target: {kind: Deployment, name: sqlpack-sql-gateway}\n");
        assertThatThrownBy(() -> Kustomize.build(dir)).hasMessageContaining("does not exist in Deployment/sqlpack-sql-gateway");
    }

    @Test
    void imagesAreRetaggedByNameOnly() {
        ObjectNode image = JsonNodeFactory.instance.objectNode().put("name", "sqlpack-flink").put("newTag", "dev");
        assertThat(Kustomize.retag("sqlpack-flink:0.1.0", image)).isEqualTo("sqlpack-flink:dev");
        assertThat(Kustomize.retag("sqlpack-flink", image)).isEqualTo("sqlpack-flink:dev");
        assertThat(Kustomize.retag("other/sqlpack-flink:0.1.0", image)).isEqualTo("other/sqlpack-flink:0.1.0");
        assertThat(Kustomize.retag("localhost:5000/x:1", image)).isEqualTo("localhost:5000/x:1");
        image.put("newName", "registry.example.com/sqlpack-flink").remove("newTag");
        assertThat(Kustomize.retag("sqlpack-flink:0.1.0", image)).isEqualTo("registry.example.com/sqlpack-flink:0.1.0");
    }

    private static void assertSelects(JsonNode selector, JsonNode labels, String what) {
        assertThat(selector.size()).as(what).isPositive();
        selector.fields().forEachRemaining(e -> assertThat(labels.path(e.getKey()).asText()).as(what + " " + e.getKey())
                .isEqualTo(e.getValue().asText()));
    }

    private static Optional<Path> kubectl() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, "kubectl");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
