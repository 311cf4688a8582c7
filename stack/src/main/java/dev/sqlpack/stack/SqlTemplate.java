package dev.sqlpack.stack;

import dev.sqlpack.stack.process.Ports;
import dev.sqlpack.stack.rabbitmq.RabbitMqServer;
import dev.sqlpack.stack.rabbitmq.RabbitMqStack;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one templating rule of the pack's SQL files ({@code gateway-config/init.sql},
 * {@code stack/demo/demo.sql}, the recipes under {@code sql/}): {@code ${name}} is replaced by
 * the running stack's value of {@code name}. A name that is not known fails with the list of
 * known ones, so a typo never reaches the gateway as literal text. The names:
 *
 * <pre>
 * ${state.dir}          the stack's state directory
 * ${kafka.bootstrap}    127.0.0.1:9092 on the default stack
 * ${postgres.address}   127.0.0.1:5432
 * ${postgres.jdbc-url}  jdbc:postgresql://127.0.0.1:5432/sqlpack?user=sqlpack
 * ${rabbitmq.uri}       amqp://guest:guest@127.0.0.1:5672/%2F (the recorded port with --with rabbitmq)
 * </pre>
 *
 * plus what a command adds for its own file ({@code ${demo.topic}}).
 */
public final class SqlTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

    private final Map<String, String> values;

    private SqlTemplate(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** The placeholders every SQL file may use, with the values of the stack of {@code config}. */
    public static SqlTemplate forStack(StackConfig config) {
        Map<String, String> v = new TreeMap<>();
        v.put("state.dir", config.stateDir().toString());
        v.put("kafka.bootstrap", config.kafkaBootstrap());
        v.put("postgres.address", Ports.LOOPBACK + ":" + config.postgresPort());
        v.put("postgres.jdbc-url", config.postgresJdbcUrl());
        v.put("rabbitmq.uri", RabbitMqStack.recorded(config.stateDir()).map(RabbitMqStack.Running::uri)
                .orElse(RabbitMqServer.uri(RabbitMqStack.DEFAULT_AMQP_PORT)));
        return new SqlTemplate(v);
    }

    /** This template with one more placeholder (or another value for one). */
    public SqlTemplate with(String name, String value) {
        Map<String, String> v = new TreeMap<>(values);
        v.put(name, value);
        return new SqlTemplate(v);
    }

    public Map<String, String> values() {
        return values;
    }

    /**
     * {@code text} with every placeholder replaced.
     *
     * @param source the file the text comes from, for the message on an unknown placeholder
     * @throws StackException on a placeholder whose name is not known
     */
    public String fill(String text, String source) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                long line = text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
                throw new StackException("Unknown placeholder '" + m.group() + "' in " + source + ", line " + line
                        + ". The known ones: " + values.keySet().stream().map(k -> "${" + k + "}")
                                .collect(Collectors.joining(", ")) + " (see sql/README.md).");
            }
            m.appendReplacement(b, Matcher.quoteReplacement(value));
        }
        m.appendTail(b);
        return b.toString();
    }
}
