package dev.sqlpack.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.HighAvailabilityOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.table.gateway.rest.util.SqlGatewayRestOptions;
import org.junit.jupiter.api.Test;

/**
 * Every Flink option the deployment sets (the FlinkDeployment's flinkConfiguration and the
 * gateway's config.yaml, in every rendered kustomization) read by Flink 2.0's own parser: a known,
 * current key, and a value of the option's type.
 */
class FlinkConfigurationTest {
    private static final FlinkOptions OPTIONS = new FlinkOptions();

    @Test
    void everyFlinkOptionIsKnownAndParses() {
        for (String k : Yaml.KUSTOMIZATIONS) {
            Rendered r = Rendered.of(k);
            assertThat(OPTIONS.problems(r.flinkConfigYaml())).as(k + ": FlinkDeployment flinkConfiguration").isEmpty();
            assertThat(OPTIONS.problems(r.gatewayConfiguration())).as(k + ": gateway config.yaml and -D arguments").isEmpty();
            assertThat(FlinkOptions.load(r.flinkConfigYaml()).keySet()).as(k).hasSizeGreaterThan(10);
            assertThat(r.gatewayConfiguration().keySet()).as(k).hasSizeGreaterThan(10);
        }
    }

    @Test
    void theGatewayRunsThePackExtensionWithIdentitiesFromTheSecret() {
        for (String k : Yaml.KUSTOMIZATIONS) {
            Rendered r = Rendered.of(k);
            Map<String, String> conf = r.gatewayConfiguration().toMap();
            assertThat(conf).as(k).containsEntry("sql-gateway.endpoint.type", "sqlpack");
            JsonNode pod = r.get("Deployment", "sqlpack-sql-gateway").at("/spec/template/spec");
            String secretMount = null;
            for (JsonNode v : pod.path("volumes")) {
                if (v.at("/secret/secretName").asText().equals("sqlpack-gateway-identities")) {
                    for (JsonNode m : pod.at("/containers/0/volumeMounts")) {
                        if (m.path("name").asText().equals(v.path("name").asText())) {
                            secretMount = m.path("mountPath").asText();
                        }
                    }
                }
            }
            assertThat(secretMount).as(k + ": the identities Secret is mounted").isNotNull();
            assertThat(conf.get("sql-gateway.endpoint.sqlpack.identities-file")).as(k).startsWith(secretMount + "/");
            // a probe without a token would get 401 from the extension
            assertThat(pod.at("/containers/0/readinessProbe/httpGet").isMissingNode()).as(k).isTrue();
        }
    }

    @Test
    void unknownDeprecatedAndMistypedOptionsAreReported() {
        assertThat(OPTIONS.problems("""
                taskmanager.numberOfTaskSlot: 2
                state.checkpoints.dir: s3://bucket/checkpoints
                execution.checkpointing.interval: thirty seconds
                sql-gateway.endpoint.rest.port: eighty
                taskmanager.numberOfTaskSlots: 2
                """)).containsExactlyInAnyOrder(
                "'taskmanager.numberOfTaskSlot' is not a Flink 2.0 option",
                "'state.checkpoints.dir' is deprecated in Flink 2.0: use 'execution.checkpointing.dir'",
                "'execution.checkpointing.interval': value 'thirty seconds' does not parse: "
                        + "Could not parse value 'thirty seconds' for key 'execution.checkpointing.interval'.",
                "'sql-gateway.endpoint.rest.port': value 'eighty' does not parse: "
                        + "Could not parse value 'eighty' for key 'port'.");
    }

    @Test
    void stateIsInTheObjectStoreAndHaIsKubernetes() {
        for (String k : List.of("base", "overlays/production")) {
            Configuration c = FlinkOptions.load(Rendered.of(k).flinkConfigYaml());
            assertThat(c.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).as(k).startsWith("s3://");
            assertThat(c.get(CheckpointingOptions.SAVEPOINT_DIRECTORY)).as(k).startsWith("s3://");
            assertThat(c.get(HighAvailabilityOptions.HA_STORAGE_PATH)).as(k).startsWith("s3://");
            assertThat(c.get(HighAvailabilityOptions.HA_MODE)).as(k).isEqualTo("kubernetes");
        }
        Configuration production = FlinkOptions.load(Rendered.of("overlays/production").flinkConfigYaml());
        assertThat(production.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isEqualTo("s3://example-flink-state/sqlpack/checkpoints");
    }

    @Test
    void localStateIsOnTheVolumeEveryFlinkPodMounts() {
        Rendered local = Rendered.of("overlays/local");
        Configuration c = FlinkOptions.load(local.flinkConfigYaml());
        JsonNode pod = local.flinkDeployment().at("/spec/podTemplate/spec");
        String mount = pod.at("/containers/0/volumeMounts/0/mountPath").asText();
        assertThat(pod.at("/containers/0/name").asText()).isEqualTo("flink-main-container");
        assertThat(mount).isEqualTo("/flink-data");
        for (String path : List.of(c.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY), c.get(CheckpointingOptions.SAVEPOINT_DIRECTORY),
                c.get(HighAvailabilityOptions.HA_STORAGE_PATH))) {
            assertThat(path).startsWith("file://" + mount + "/");
        }
        String claim = pod.at("/volumes/0/persistentVolumeClaim/claimName").asText();
        assertThat(local.get("PersistentVolumeClaim", claim).at("/metadata/namespace").asText()).isEqualTo("sqlpack");
    }

    @Test
    void theGatewaySubmitsToTheSessionClustersRestService() {
        for (String k : Yaml.KUSTOMIZATIONS) {
            Rendered r = Rendered.of(k);
            Configuration gw = r.gatewayConfiguration();
            // the operator names the JobManager's REST service <FlinkDeployment name>-rest, port rest.port (8081)
            assertThat(gw.get(RestOptions.ADDRESS)).as(k).isEqualTo(r.flinkDeployment().at("/metadata/name").asText() + "-rest");
            assertThat(gw.get(RestOptions.PORT)).as(k).isEqualTo(8081);
            Configuration endpoint = new Configuration();
            Map<String, String> all = gw.toMap();
            all.forEach((key, value) -> {
                if (key.startsWith("sql-gateway.endpoint.rest.")) {
                    endpoint.setString(key.substring("sql-gateway.endpoint.rest.".length()), value);
                }
            });
            int port = endpoint.get(SqlGatewayRestOptions.PORT);
            assertThat(r.gatewayContainer().at("/ports/0/containerPort").asInt()).as(k).isEqualTo(port);
            assertThat(r.get("NetworkPolicy", Rendered.GATEWAY).at("/spec/ingress/0/ports/0/port").asInt()).as(k).isEqualTo(port);
        }
    }

    @Test
    void jobsArePlannedWithOneTaskManagersSlotsAndJobOptionsLiveInTheGateway() {
        for (String k : Yaml.KUSTOMIZATIONS) {
            Rendered r = Rendered.of(k);
            Configuration cluster = FlinkOptions.load(r.flinkConfigYaml());
            Configuration gateway = r.gatewayConfiguration();
            assertThat(gateway.get(CoreOptions.DEFAULT_PARALLELISM)).as(k)
                    .isEqualTo(cluster.get(TaskManagerOptions.NUM_TASK_SLOTS));
            assertThat(gateway.get(CheckpointingOptions.CHECKPOINTING_INTERVAL)).as(k).isNotNull();
            // read only where a job is planned: in the cluster's configuration they would mislead
            for (String jobLevel : List.of("parallelism.default", "execution.checkpointing.interval",
                    "execution.checkpointing.externalized-checkpoint-retention")) {
                assertThat(cluster.keySet()).as(k).doesNotContain(jobLevel);
                assertThat(gateway.keySet()).as(k).contains(jobLevel);
            }
        }
        assertThat(Rendered.of("overlays/production").gatewayConfiguration().get(CoreOptions.DEFAULT_PARALLELISM)).isEqualTo(4);
    }

    @Test
    void jvmOptionsMatchTheLocalStacks() {
        String local = GlobalConfiguration.loadConfiguration(Yaml.REPO.resolve("gateway-config").toString())
                .get(CoreOptions.FLINK_JVM_OPTIONS);
        assertThat(local).contains("--add-opens=java.base/java.util=ALL-UNNAMED");
        for (String k : Yaml.KUSTOMIZATIONS) {
            Rendered r = Rendered.of(k);
            assertThat(FlinkOptions.load(r.flinkConfigYaml()).get(CoreOptions.FLINK_JVM_OPTIONS)).as(k).isEqualTo(local);
            assertThat(r.gatewayConfiguration().get(CoreOptions.FLINK_JVM_OPTIONS)).as(k).isEqualTo(local);
        }
    }
}
