package dev.sqlpack.gatewayconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.MemorySize;
import org.junit.jupiter.api.Test;

/** gateway-config/config.yaml, read by Flink's own parser: every key known, every value of the right type. */
class ConfigYamlTest {
    private static final Path DIR = Path.of("").toAbsolutePath();
    private static final String GATEWAY_REST_PREFIX = "sql-gateway.endpoint.rest.";

    /** The option classes whose keys the file may use. */
    private static final List<String> OPTION_CLASSES = List.of(
            "org.apache.flink.configuration.JobManagerOptions",
            "org.apache.flink.configuration.TaskManagerOptions",
            "org.apache.flink.configuration.RestOptions",
            "org.apache.flink.configuration.CoreOptions",
            "org.apache.flink.configuration.CheckpointingOptions",
            "org.apache.flink.configuration.StateBackendOptions",
            "org.apache.flink.configuration.RestartStrategyOptions",
            "org.apache.flink.configuration.WebOptions",
            "org.apache.flink.configuration.BlobServerOptions",
            "org.apache.flink.configuration.DeploymentOptions",
            "org.apache.flink.configuration.PipelineOptions",
            "org.apache.flink.configuration.NettyShuffleEnvironmentOptions",
            "org.apache.flink.configuration.HeartbeatManagerOptions",
            "org.apache.flink.table.api.config.TableConfigOptions",
            "org.apache.flink.table.api.config.ExecutionConfigOptions",
            "org.apache.flink.table.api.config.OptimizerConfigOptions",
            "org.apache.flink.table.gateway.api.config.SqlGatewayServiceConfigOptions",
            "org.apache.flink.table.gateway.rest.util.SqlGatewayRestOptions",
            "org.apache.flink.table.client.config.SqlClientOptions");

    @Test
    void everyKeyIsAFlinkOptionAndEveryValueParsesAsItsType() throws Exception {
        Map<String, ConfigOption<?>> known = knownOptions();
        Configuration conf = GlobalConfiguration.loadConfiguration(DIR.toString());
        List<String> problems = new ArrayList<>();
        for (String key : conf.keySet()) {
            String lookup = key.startsWith(GATEWAY_REST_PREFIX) ? key.substring(GATEWAY_REST_PREFIX.length()) : key;
            ConfigOption<?> option = known.get(lookup);
            if (option == null) {
                problems.add("unknown key '" + key + "'");
                continue;
            }
            try {
                Configuration single = new Configuration();
                single.setString(lookup, conf.toMap().get(key));
                single.get(option);
            } catch (IllegalArgumentException e) {
                problems.add("'" + key + "': " + e.getMessage());
            }
        }
        assertThat(problems).as("problems in gateway-config/config.yaml").isEmpty();
        assertThat(conf.keySet()).hasSizeGreaterThan(20);
    }

    @Test
    void everyListenerBindsLoopback() {
        Configuration conf = GlobalConfiguration.loadConfiguration(DIR.toString());
        for (String key : List.of("jobmanager.bind-host", "taskmanager.bind-host", "rest.bind-address",
                "sql-gateway.endpoint.rest.bind-address", "jobmanager.rpc.address", "rest.address", "taskmanager.host")) {
            assertThat(conf.toMap().get(key)).as(key).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void memorySizesLeaveRoomOnATwoCoreMachine() {
        Configuration conf = GlobalConfiguration.loadConfiguration(DIR.toString());
        MemorySize tm = conf.get(org.apache.flink.configuration.TaskManagerOptions.TOTAL_PROCESS_MEMORY);
        MemorySize jm = conf.get(org.apache.flink.configuration.JobManagerOptions.TOTAL_PROCESS_MEMORY);
        assertThat(tm.add(jm).getMebiBytes()).isLessThanOrEqualTo(4096);
    }

    @Test
    void initSqlExists() throws Exception {
        assertThat(Files.readString(DIR.resolve("init.sql"))).contains(";");
    }

    private static Map<String, ConfigOption<?>> knownOptions() {
        Map<String, ConfigOption<?>> known = new HashMap<>();
        for (String name : OPTION_CLASSES) {
            Class<?> c;
            try {
                c = Class.forName(name);
            } catch (ClassNotFoundException e) {
                throw new AssertionError("option class " + name + " not on the test class path", e);
            }
            for (Field f : c.getFields()) {
                if (Modifier.isStatic(f.getModifiers()) && ConfigOption.class.isAssignableFrom(f.getType())) {
                    try {
                        ConfigOption<?> o = (ConfigOption<?>) f.get(null);
                        known.put(o.key(), o);
                    } catch (IllegalAccessException e) {
                        throw new AssertionError(e);
                    }
                }
            }
        }
        return known;
    }
}
