package dev.sqlpack.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlinkConfDirTest {
    private static final String INIT = """
            SET 'sql-client.execution.result-mode' = 'tableau';
            LOAD MODULE sqlpack;
            -- a comment before a SET counts as part of it
            SET 'table.local-time-zone' = 'UTC';
            CREATE CATALOG lake WITH ('warehouse' = 'file://${state.dir}/warehouse')""";

    @TempDir Path homeDir;
    @TempDir Path stateDir;
    private StackConfig config;
    private FlinkConfDir conf;

    @BeforeEach
    void makeTemplates() throws Exception {
        Path gatewayConfig = Files.createDirectories(homeDir.resolve("gateway-config"));
        Files.writeString(gatewayConfig.resolve("init.sql"), INIT);
        Files.writeString(gatewayConfig.resolve("config.yaml"), "# ports\nrest.port: 8081\nparallelism.default: 1\n");
        Files.writeString(gatewayConfig.resolve("log4j.properties"), "rootLogger.level = INFO\n");
        Files.writeString(gatewayConfig.resolve("log4j-cli.properties"), "rootLogger.level = WARN\n");
        config = StackConfig.defaults(stateDir);
        conf = new FlinkConfDir(SqlPackHome.at(homeDir), config);
    }

    @Test
    void initSqlFillsInTheStateDirectoryForSessionAndClient() throws Exception {
        Path clientInit = conf.writeInitSql(true, false);

        String expected = INIT.replace("${state.dir}", stateDir.toString());
        assertThat(clientInit).isEqualTo(config.confDir().resolve("init.sql"));
        assertThat(Files.readString(clientInit)).isEqualTo(expected).doesNotContain("${");
        assertThat(Files.readString(GatewayExtension.sessionInitFile(config))).isEqualTo(expected);
    }

    @Test
    void withoutTheUdfJarOnTheClassPathTheSessionAddsIt() throws Exception {
        conf.writeInitSql(false, false);

        assertThat(Files.readString(GatewayExtension.sessionInitFile(config)))
                .startsWith("-- added by ./sqlpack: the stack runs with --no-udf-jar\nADD JAR '"
                        + homeDir.toAbsolutePath().normalize().resolve("udfs/target/sqlpack-udfs.jar") + "';\n");
    }

    @Test
    void withTheGatewayExtensionTheClientKeepsOnlyItsSetStatements() throws Exception {
        String clientInit = Files.readString(conf.writeInitSql(true, true));

        assertThat(clientInit.lines().filter(l -> !l.startsWith("--")))
                .containsExactly("SET 'sql-client.execution.result-mode' = 'tableau';",
                        "SET 'table.local-time-zone' = 'UTC';");
        assertThat(Files.readString(GatewayExtension.sessionInitFile(config))).contains("LOAD MODULE sqlpack;");
    }

    @Test
    void flinkConfHasThisRunsPortsAndExtraEntriesAndTheLog4jFiles() throws Exception {
        conf.writeFlinkConf(false, Map.of("sql-gateway.session.idle-timeout", "5 s"));

        String yaml = Files.readString(conf.configYaml());
        assertThat(yaml).startsWith("# ports\nrest.port: " + config.jobManagerPort() + "\nparallelism.default: 1\n")
                .contains("\n# added by ./sqlpack\n", "\njobmanager.rpc.port: " + config.jobManagerRpcPort() + "\n",
                        "\nsql-gateway.session.idle-timeout: \"5 s\"")
                .doesNotContain("sql-gateway.endpoint.type");
        assertThat(config.confDir().resolve("log4j.properties")).hasContent("rootLogger.level = INFO");
        assertThat(config.confDir().resolve("log4j-cli.properties")).hasContent("rootLogger.level = WARN");
    }
}
