package dev.sqlpack.deploy.kubernetes;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import dev.sqlpack.gateway.GatewayOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.FallbackKey;
import org.apache.flink.configuration.GlobalConfiguration;

/**
 * Flink 2.0's own options, found in the Flink jars on the test class path (every {@code *Options}
 * class: core, runtime, clients, kubernetes, table, SQL gateway), and Flink's own parser: a
 * config.yaml is read by {@link GlobalConfiguration} exactly as a Flink process reads it, then
 * every key must be a known option's key (not a deprecated alias) and its value must convert to
 * the option's type.
 */
final class FlinkOptions {
    /** The gateway's REST endpoint options are declared unprefixed (SqlGatewayRestOptions). */
    private static final String GATEWAY_REST_PREFIX = "sql-gateway.endpoint.rest.";

    /** The options of the pack's gateway endpoint (sql-gateway.endpoint.type: sqlpack), by unprefixed key. */
    private static final Map<String, ConfigOption<?>> SQLPACK_ENDPOINT = new HashMap<>();

    static {
        GatewayOptions.all().forEach(o -> SQLPACK_ENDPOINT.put(o.key(), o));
    }

    /**
     * Which endpoints the gateway starts: Flink reads it in its endpoint factory utilities, not
     * from an {@code *Options} class this scanner reads, so it is declared here as Flink uses it.
     */
    private static final ConfigOption<List<String>> ENDPOINT_TYPE = org.apache.flink.configuration.ConfigOptions
            .key("sql-gateway.endpoint.type").stringType().asList().defaultValues("rest");

    private final Map<String, ConfigOption<?>> byKey = new HashMap<>();
    private final Map<String, String> deprecated = new HashMap<>();
    private final Map<String, ConfigOption<?>> deprecatedOptions = new HashMap<>();

    FlinkOptions() {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String jar = Path.of(entry).getFileName().toString();
            if (jar.startsWith("flink-") && jar.endsWith(".jar")) {
                scan(Path.of(entry));
            }
        }
        byKey.put(ENDPOINT_TYPE.key(), ENDPOINT_TYPE);
        // a key that some other class still declares current is not deprecated
        byKey.keySet().forEach(deprecated::remove);
        deprecatedOptions.keySet().removeAll(byKey.keySet());
        deprecatedOptions.keySet().forEach(k -> deprecated.putIfAbsent(k, "its documented replacement"));
        if (byKey.size() < 500) {
            throw new AssertionError("only " + byKey.size() + " Flink options found on the class path");
        }
    }

    /** Reads a config.yaml text with Flink's parser; the problems of its keys and values. */
    List<String> problems(String configYaml) {
        return problems(load(configYaml));
    }

    /** The problems of a configuration's keys and values (as read from config.yaml and -D arguments). */
    List<String> problems(Configuration conf) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : conf.toMap().entrySet()) {
            String key = e.getKey();
            String lookup = key.startsWith(GATEWAY_REST_PREFIX) ? key.substring(GATEWAY_REST_PREFIX.length()) : key;
            ConfigOption<?> option = byKey.get(lookup);
            if (key.startsWith(GatewayOptions.PREFIX)) {
                // the pack's gateway endpoint: its own options class (gateway/), the same parser
                lookup = key.substring(GatewayOptions.PREFIX.length());
                option = SQLPACK_ENDPOINT.get(lookup);
            }
            if (deprecated.containsKey(lookup)) {
                problems.add("'" + key + "' is deprecated in Flink 2.0: use '" + deprecated.get(lookup) + "'");
            } else if (option == null) {
                problems.add("'" + key + "' is not a Flink 2.0 option");
            } else {
                try {
                    Configuration single = new Configuration();
                    single.setString(lookup, e.getValue());
                    single.get(option);
                } catch (IllegalArgumentException bad) {
                    problems.add("'" + key + "': value '" + e.getValue() + "' does not parse: " + bad.getMessage());
                }
            }
        }
        return problems;
    }

    /** The configuration a Flink process would read from this config.yaml. */
    static Configuration load(String configYaml) {
        try {
            Path dir = Files.createTempDirectory("sqlpack-flink-conf");
            Files.writeString(dir.resolve(GlobalConfiguration.FLINK_CONF_FILENAME), configYaml);
            Configuration conf = GlobalConfiguration.loadConfiguration(dir.toString());
            Files.delete(dir.resolve(GlobalConfiguration.FLINK_CONF_FILENAME));
            Files.delete(dir);
            return conf;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean knows(String key) {
        return byKey.containsKey(key);
    }

    private void scan(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                String name = entries.nextElement().getName();
                if (name.startsWith("org/apache/flink/") && name.endsWith("Options.class") && !name.contains("$")
                        && !name.contains("/shaded/")) {
                    collect(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void collect(String className) {
        Class<?> c;
        try {
            c = Class.forName(className, true, FlinkOptions.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return; // an options class whose optional dependencies are absent declares nothing we use
        }
        for (Field f : c.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && ConfigOption.class.isAssignableFrom(f.getType())) {
                try {
                    ConfigOption<?> o = (ConfigOption<?>) f.get(null);
                    if (f.isAnnotationPresent(Deprecated.class)) {
                        deprecatedOptions.put(o.key(), o);
                        continue;
                    }
                    byKey.put(o.key(), o);
                    for (FallbackKey k : o.fallbackKeys()) {
                        if (k.isDeprecated()) {
                            deprecated.put(k.getKey(), o.key());
                        }
                    }
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }
}
