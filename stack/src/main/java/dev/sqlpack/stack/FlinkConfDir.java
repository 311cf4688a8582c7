package dev.sqlpack.stack;

import dev.sqlpack.stack.gateway.SqlScript;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The stack's {@code <state>/conf}: {@code config.yaml}, the log4j files and {@code init.sql},
 * rendered from the templates in {@code gateway-config} with this run's ports and paths.
 */
final class FlinkConfDir {
    private final SqlPackHome home;
    private final StackConfig config;

    FlinkConfDir(SqlPackHome home, StackConfig config) {
        this.home = home;
        this.config = config;
    }

    Path configYaml() {
        return config.confDir().resolve("config.yaml");
    }

    /** Writes {@code <state>/conf}: the template from gateway-config with this run's ports and paths. */
    void writeFlinkConf(boolean auth, Map<String, String> extraConf) throws IOException {
        Files.createDirectories(config.confDir());
        Path state = config.stateDir();
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("jobmanager.rpc.port", Integer.toString(config.jobManagerRpcPort()));
        overrides.put("rest.port", Integer.toString(config.jobManagerPort()));
        overrides.put("sql-gateway.endpoint.rest.port", Integer.toString(config.gatewayPort()));
        overrides.put("taskmanager.numberOfTaskSlots", Integer.toString(config.slots()));
        overrides.put("execution.checkpointing.dir", state.resolve("checkpoints").toUri().toString());
        overrides.put("execution.checkpointing.savepoint-dir", state.resolve("savepoints").toUri().toString());
        overrides.put("io.tmp.dirs", state.resolve("tmp").toString());
        overrides.put("web.tmpdir", state.resolve("tmp/web").toString());
        if (config.tls()) {
            overrides.putAll(Tls.ensureCertificate(config));
        }
        if (auth) {
            GatewayExtension.prepare(config, home.gatewayConfig().resolve("identities"));
            overrides.putAll(GatewayExtension.configOverrides(config));
        } else {
            GatewayExtension.forgetToken(config);
        }
        overrides.putAll(extraConf);
        Files.createDirectories(state.resolve("tmp/web"));
        Files.writeString(configYaml(),
                FlinkConfFile.render(Files.readString(home.gatewayConfig().resolve("config.yaml")), overrides));
        for (String log4j : List.of("log4j.properties", "log4j-cli.properties")) {
            Files.copy(home.gatewayConfig().resolve(log4j), config.confDir().resolve(log4j),
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Writes gateway-config/init.sql with this stack's paths filled in (afresh each time, so edits
     * apply to the next session): the whole script as the gateway extension's session-init file,
     * and as {@code conf/init.sql} what the SQL client still has to run. Returns the latter.
     *
     * @param udfJarOnClasspath whether the running cluster has sqlpack-udfs.jar on its class path
     * @param auth whether the running gateway has its extension on
     */
    Path writeInitSql(boolean udfJarOnClasspath, boolean auth) throws IOException {
        Path target = config.confDir().resolve("init.sql");
        Files.createDirectories(config.confDir());
        String init = SqlTemplate.forStack(config).fill(Files.readString(home.gatewayConfig().resolve("init.sql")),
                "gateway-config/init.sql");
        if (!udfJarOnClasspath) {
            // the module's classes come with the session, as on a stock cluster
            init = "-- added by ./sqlpack: the stack runs with --no-udf-jar\nADD JAR '" + home.udfJar() + "';\n" + init;
        }
        Files.writeString(GatewayExtension.sessionInitFile(config), init);
        if (auth) {
            // the gateway already ran the rest in the session; only client-side settings stay
            init = "-- The gateway extension ran " + GatewayExtension.sessionInitFile(config).getFileName()
                    + " when the session opened; what remains is for the client.\n"
                    + SqlScript.split(init).stream()
                            .filter(st -> st.replaceAll("(?s)^(\\s|--[^\n]*\n)*", "").regionMatches(true, 0, "SET ", 0, 4))
                            .map(st -> st + ";\n").collect(Collectors.joining());
        }
        Files.writeString(target, init);
        return target;
    }

    /** JVM options every Flink process needs on Java 17, from {@code env.java.opts.all} in the config. */
    List<String> javaOptions() throws IOException {
        String value = FlinkConfFile.read(Files.readString(configYaml()), "env.java.opts.all");
        return value == null ? List.of() : ServerLauncher.split(value);
    }
}
