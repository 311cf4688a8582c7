package dev.sqlpack.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlpack.gateway.GatewayOptions;
import dev.sqlpack.gateway.auth.Identity;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules that need no parser: configuration keys, connectors and filesystem paths. */
class PolicyTest {
    private static final Identity ANA = new Identity("ana", Identity.Role.ANALYST);
    private static final Identity ROOT = new Identity("root", Identity.Role.ADMIN);
    private final Policy policy = new Policy(GatewayOptions.ANALYST_CONNECTORS.defaultValue(), "/srv/data",
            GatewayOptions.ANALYST_DENIED_CONFIG.defaultValue());

    @Test
    void codeLoadingAndSecretKeysAreRefusedInAnyCase() {
        for (String key : List.of("pipeline.jars", "PIPELINE.JARS", " pipeline.classpaths ", "$internal.pipeline.job-id",
                "python.files", "python.client.executable", "security.ssl.rest.keystore", "table.dynamic-table-options.enabled",
                "properties.sasl.password", "my.secret", "api-token", "s3.access-secret", "x.truststore.path",
                "env.java.opts.all", "sql-gateway.session.idle-timeout", "table.sql-dialect")) {
            assertThat(policy.checkConfigKey(ANA, key, "with SET")).as(key).isPresent()
                    .get().satisfies(r -> {
                        assertThat(r.rule()).isEqualTo("config-key");
                        assertThat(r.message()).contains(key).contains("role analyst").contains("admin");
                    });
            assertThat(policy.checkConfigKey(ROOT, key, "with SET")).as(key).isEmpty();
        }
    }

    @Test
    void ordinaryKeysAreAllowed() {
        for (String key : List.of("parallelism.default", "table.exec.state.ttl", "pipeline.name", "execution.runtime-mode",
                "table.local-time-zone", "sql-client.execution.result-mode", "table.exec.source.idle-timeout", "")) {
            assertThat(policy.checkConfigKey(ANA, key, "with SET")).as(key).isEmpty();
        }
        assertThat(policy.checkConfig(ANA, Map.of("pipeline.name", "x", "pipeline.jars", "y"), "at open")).isPresent();
    }

    @Test
    void connectorsOutsideTheAllowListAreRefusedAndCatalogManagedTablesAllowed() {
        assertThat(policy.checkTable(ANA, Map.of("connector", "kafka"))).isEmpty();
        assertThat(policy.checkTable(ANA, Map.of("connector", "KAFKA"))).isEmpty();
        assertThat(policy.checkTable(ANA, Map.of())).isEmpty();
        assertThat(policy.checkTable(ANA, Map.of("connector", "socket"))).get()
                .satisfies(r -> assertThat(r.message()).contains("'socket'").contains("allowed: blackhole, datagen"));
    }

    @Test
    void filesystemPathsMustStayUnderTheRoot() {
        for (String ok : List.of("/srv/data", "/srv/data/x", "file:///srv/data/x/y.csv", "file:/srv/data/x", "/srv/data/a/../b")) {
            assertThat(policy.checkTable(ANA, Map.of("connector", "filesystem", "path", ok))).as(ok).isEmpty();
        }
        for (String bad : List.of("/etc", "/srv/database", "/srv/data/../../etc", "file:///srv/data/../x", "relative/x",
                "hdfs://nn/srv/data", "file://host/srv/data", "s3://b/srv/data", "", " ", "file:", "%%")) {
            assertThat(policy.checkTable(ANA, Map.of("connector", "filesystem", "path", bad))).as(bad).get()
                    .satisfies(r -> assertThat(r.rule()).isEqualTo("filesystem-path"));
        }
        assertThat(policy.checkTable(ANA, Map.of("connector", "filesystem"))).isPresent();
        Policy noRoot = new Policy(List.of("filesystem"), null, List.of());
        assertThat(noRoot.checkTable(ANA, Map.of("connector", "filesystem", "path", "/srv/data"))).get()
                .satisfies(r -> assertThat(r.message()).contains("filesystem-root"));
    }

    @Test
    void localPathsAreNormalized() {
        assertThat(Policy.localPath("file:///a/./b/../c")).contains(Path.of("/a/c"));
        assertThat(Policy.localPath("/a//b")).contains(Path.of("/a/b"));
        assertThat(Policy.localPath(null)).isEmpty();
    }
}
