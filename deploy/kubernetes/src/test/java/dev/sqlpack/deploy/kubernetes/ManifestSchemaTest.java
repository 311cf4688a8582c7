package dev.sqlpack.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every manifest, as written and as rendered by each kustomization, against its kind's strict schema. */
class ManifestSchemaTest {
    private static final ManifestSchemas SCHEMAS = new ManifestSchemas();

    @Test
    void everyResourceFileValidates() {
        List<String> problems = new ArrayList<>();
        int files = 0;
        for (String k : Yaml.KUSTOMIZATIONS) {
            Path dir = Yaml.MODULE.resolve(k);
            for (JsonNode r : Yaml.documents(dir.resolve("kustomization.yaml")).get(0).path("resources")) {
                Path p = dir.resolve(r.asText()).normalize();
                if (Files.isRegularFile(p)) {
                    files++;
                    Yaml.documents(p).forEach(doc -> problems.addAll(SCHEMAS.validate(doc)));
                }
            }
        }
        assertThat(files).isEqualTo(4);
        assertThat(problems).isEmpty();
    }

    @Test
    void everyRenderedKustomizationValidates() {
        for (String k : Yaml.KUSTOMIZATIONS) {
            Rendered r = Rendered.of(k);
            List<String> problems = new ArrayList<>();
            r.resources().forEach(doc -> problems.addAll(SCHEMAS.validate(doc)));
            assertThat(problems).as(k).isEmpty();
            assertThat(r.resources()).as(k).extracting(Yaml::id).contains(
                    "FlinkDeployment/sqlpack-flink", "Deployment/sqlpack-sql-gateway", "Service/sqlpack-sql-gateway",
                    "ConfigMap/sqlpack-sql-gateway-config", "NetworkPolicy/sqlpack-sql-gateway");
        }
    }

    @Test
    void aMisspelledFlinkDeploymentFieldFails() {
        ObjectNode fd = Rendered.of("base").flinkDeployment().deepCopy();
        ObjectNode spec = fd.with("spec");
        spec.set("taskManger", spec.remove("taskManager"));
        assertThat(SCHEMAS.validate(fd)).singleElement().asString()
                .contains("FlinkDeployment/sqlpack-flink").contains("taskManger");

        // inside the pod template too (the local overlay's volume mount)
        ObjectNode local = Rendered.of("overlays/local").flinkDeployment().deepCopy();
        ObjectNode container = (ObjectNode) local.at("/spec/podTemplate/spec/containers/0");
        container.set("volumeMount", container.remove("volumeMounts"));
        assertThat(SCHEMAS.validate(local)).singleElement().asString().contains("volumeMount");
    }

    @Test
    void misspelledFieldsDeepInBuiltInKindsFail() {
        Rendered base = Rendered.of("base");
        ObjectNode deployment = base.get("Deployment", Rendered.GATEWAY).deepCopy();
        deployment.with("spec").set("replica", deployment.with("spec").remove("replicas"));
        assertThat(SCHEMAS.validate(deployment)).singleElement().asString().contains("replica");

        ObjectNode container = deployment.deepCopy();
        ObjectNode c = (ObjectNode) container.at("/spec/template/spec/containers/0");
        c.set("imagePulPolicy", c.remove("imagePullPolicy"));
        container.with("spec").set("replicas", container.with("spec").remove("replica"));
        assertThat(SCHEMAS.validate(container)).singleElement().asString().contains("imagePulPolicy");

        ObjectNode service = base.get("Service", Rendered.GATEWAY).deepCopy();
        ((ObjectNode) service.at("/spec/ports/0")).put("targetPort", true);
        assertThat(SCHEMAS.validate(service)).isNotEmpty().anySatisfy(p -> assertThat(p).contains("targetPort"));
    }

    @Test
    void wrongValuesFail() {
        ObjectNode fd = Rendered.of("base").flinkDeployment().deepCopy();
        fd.with("spec").put("flinkVersion", "v2_1");
        fd.with("spec").with("flinkConfiguration").put("taskmanager.numberOfTaskSlots", 2); // must be a string
        fd.with("metadata").set("lables", fd.with("metadata").remove("labels"));
        assertThat(SCHEMAS.validate(fd)).hasSize(3)
                .anySatisfy(p -> assertThat(p).contains("flinkVersion"))
                .anySatisfy(p -> assertThat(p).contains("taskmanager.numberOfTaskSlots"))
                .anySatisfy(p -> assertThat(p).contains("lables"));

        ObjectNode deployment = Rendered.of("base").get("Deployment", Rendered.GATEWAY).deepCopy();
        ((ObjectNode) deployment.at("/spec/template/spec/containers/0/resources/limits")).put("memory", "2 GB");
        // a quantity is a string in Kubernetes' grammar or a number: both alternatives are reported
        assertThat(SCHEMAS.validate(deployment)).isNotEmpty()
                .allSatisfy(p -> assertThat(p).contains("containers[0].resources.limits.memory"));
    }

    @Test
    void theShippedCrdPredatesFlinkTwoWhichIsWhyTheTestExtendsItsEnum() {
        JsonNode fd = Rendered.of("base").flinkDeployment();
        assertThat(fd.at("/spec/flinkVersion").asText()).isEqualTo("v2_0");
        assertThat(new ManifestSchemas(false).validate(fd)).singleElement().asString().contains("flinkVersion");
        assertThat(SCHEMAS.validate(fd)).isEmpty();
        assertThat(ManifestSchemas.FLINK_VERSIONS_ADDED).containsExactly("v2_0");
    }

    @Test
    void anUnknownKindFails() {
        ObjectNode r = Rendered.of("base").get("Service", Rendered.GATEWAY).deepCopy();
        r.put("kind", "Servce");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SCHEMAS.validate(r))
                .hasMessageContaining("kind 'Servce'");
    }
}
