package dev.sqlpack.stack.recipe;

import dev.sqlpack.stack.SqlTemplate;
import dev.sqlpack.stack.StackConfig;
import dev.sqlpack.stack.gateway.GatewayClient;
import dev.sqlpack.stack.gateway.GatewayException;
import dev.sqlpack.stack.gateway.SqlScript;
import dev.sqlpack.stack.kafka.KafkaClients;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs a recipe against a running stack through the SQL gateway's REST API and renders the
 * results of its queries in the format of {@code expected.txt}.
 *
 * <p>Recipes name the stack's addresses by placeholders ({@code ${kafka.bootstrap}}, ...: the one
 * rule of {@link SqlTemplate}), filled in with this stack's values before they are sent.
 */
public final class RecipeRunner {
    /** Marks the next query's result as a changelog: every change is compared, not the final table. */
    public static final String CHANGELOG_MARK = "-- @changelog";
    private static final Duration QUERY_TIMEOUT = Duration.ofMinutes(3);

    private final StackConfig stack;
    private final List<String> initStatements;
    private final Consumer<String> progress;

    public RecipeRunner(StackConfig stack, List<String> initStatements, Consumer<String> progress) {
        this.stack = stack;
        this.initStatements = initStatements;
        this.progress = progress;
    }

    /** Runs setup and recipe; returns each query's result, rendered. */
    public List<QueryResult> run(Recipe recipe) throws IOException {
        SqlTemplate template = SqlTemplate.forStack(stack);
        deleteTopics(recipe.topicPrefix());
        if (Files.exists(recipe.postgresSetup())) {
            progress.accept("setup-postgres.sql (in PostgreSQL)");
            runInPostgres(recipe.read(recipe.postgresSetup(), template));
        }
        List<QueryResult> results = new ArrayList<>();
        GatewayClient client = GatewayClient.forStack(stack);
        try (GatewayClient.Session session = client.openSession("recipe-" + recipe.number(), Map.of())) {
            for (String s : initStatements) {
                session.executeAndFetchAll(s);
            }
            if (Files.exists(recipe.setup())) {
                String setup = recipe.read(recipe.setup(), template);
                createDeclaredTopics(setup);
                progress.accept("setup.sql");
                for (String s : SqlScript.split(setup)) {
                    runStatement(session, "setup.sql", s, null);
                }
            }
            progress.accept(recipe.script().getFileName().toString());
            for (String s : SqlScript.split(recipe.read(recipe.script(), template))) {
                runStatement(session, recipe.script().getFileName().toString(), s, results);
            }
        }
        return results;
    }

    private void runStatement(GatewayClient.Session session, String file, String sql, List<QueryResult> results) {
        try {
            runStatement(session, sql, results);
        } catch (GatewayException e) {
            throw new GatewayException(file + ", statement '" + firstLine(sql) + "': " + e.getMessage(), e.details());
        }
    }

    private void runStatement(GatewayClient.Session session, String sql, List<QueryResult> results) {
        boolean changelog = sql.contains(CHANGELOG_MARK);
        GatewayClient.Operation op = session.execute(sql);
        List<String> columns = List.of();
        List<GatewayClient.RowChange> changes = new ArrayList<>();
        boolean query = false;
        long deadline = System.nanoTime() + QUERY_TIMEOUT.toNanos();
        GatewayClient.Batch b;
        while ((b = op.next(Duration.ofSeconds(5))) != null) {
            query |= b.isQueryResult();
            if (!b.columns().isEmpty()) {
                columns = b.columns();
            }
            changes.addAll(b.rows());
            if (System.nanoTime() > deadline) {
                op.cancel();
                throw new IllegalStateException("query did not finish within " + QUERY_TIMEOUT.toMinutes()
                        + " min (recipes must read bounded input): " + firstLine(sql));
            }
        }
        op.close();
        if (query && results != null) {
            results.add(QueryResult.of(firstLine(sql), columns, changes, changelog));
        }
    }

    private void runInPostgres(String script) {
        try (Connection c = DriverManager.getConnection(stack.postgresJdbcUrl()); Statement s = c.createStatement()) {
            s.execute(script);
        } catch (SQLException e) {
            throw new IllegalStateException("setup-postgres.sql failed: " + e.getMessage(), e);
        }
    }

    /**
     * Creates the topics a setup script declares with {@code -- @topic NAME partitions=N}: Flink SQL
     * cannot create a topic with more than the broker's default single partition.
     */
    private void createDeclaredTopics(String setup) {
        var m = java.util.regex.Pattern.compile("(?m)^--\\s*@topic\\s+(\\S+)\\s+partitions=(\\d+)").matcher(setup);
        List<org.apache.kafka.clients.admin.NewTopic> topics = new ArrayList<>();
        while (m.find()) {
            topics.add(new org.apache.kafka.clients.admin.NewTopic(m.group(1), Integer.parseInt(m.group(2)), (short) 1));
        }
        if (topics.isEmpty()) {
            return;
        }
        try {
            KafkaClients.createTopics(stack.kafkaBootstrap(), topics);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("could not create the recipe's topics: " + e.getMessage(), e);
        }
    }

    private void deleteTopics(String prefix) {
        try {
            Set<String> topics = KafkaClients.topics(stack.kafkaBootstrap(), t -> t.startsWith(prefix));
            if (!topics.isEmpty()) {
                progress.accept("deleting topics from an earlier run: " + String.join(", ", topics));
                KafkaClients.deleteTopics(stack.kafkaBootstrap(), topics);
            }
        } catch (IllegalStateException e) {
            throw new IllegalStateException("could not delete the recipe's old topics: " + e.getMessage(), e);
        }
    }

    private static String firstLine(String sql) {
        for (String line : sql.split("\n")) {
            String t = line.trim();
            if (!t.isEmpty() && !t.startsWith("--")) {
                return t.length() > 100 ? t.substring(0, 100) + "..." : t;
            }
        }
        return sql.trim();
    }

    /** Renders results in the format of expected.txt. */
    public static String render(List<QueryResult> results) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < results.size(); i++) {
            QueryResult r = results.get(i);
            b.append("-- query ").append(i + 1).append(r.changelog() ? " (changelog)" : "").append(": ")
                    .append(String.join(" | ", r.columns())).append('\n');
            r.rows().forEach(row -> b.append(row).append('\n'));
            b.append('\n');
        }
        return b.toString();
    }

    /**
     * How rendered results differ from expected.txt, after {@link #normalizeExpected} of both:
     * "expected, not produced: LINE" and "produced, not expected: LINE"; empty when they match.
     */
    public static List<String> differences(String expectedTxt, String rendered) {
        String normalizedExpected = normalizeExpected(expectedTxt);
        String normalizedGot = normalizeExpected(rendered);
        if (normalizedExpected.equals(normalizedGot)) {
            return List.of();
        }
        List<String> expected = normalizedExpected.lines().filter(l -> !l.isEmpty()).toList();
        List<String> got = normalizedGot.lines().filter(l -> !l.isEmpty()).toList();
        List<String> missing = new ArrayList<>(expected);
        got.forEach(missing::remove);
        List<String> extra = new ArrayList<>(got);
        expected.forEach(extra::remove);
        List<String> out = new ArrayList<>();
        missing.forEach(l -> out.add("expected, not produced: " + l));
        extra.forEach(l -> out.add("produced, not expected: " + l));
        if (out.isEmpty()) {
            out.add("the same lines, but under other queries or in another query order");
        }
        return out;
    }

    /** Normalizes expected.txt: comments after '#' dropped, blank lines trimmed, rows sorted per query. */
    public static String normalizeExpected(String text) {
        List<List<String>> sections = new ArrayList<>();
        List<String> current = null;
        List<String> headers = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("-- query ")) {
                headers.add(line);
                current = new ArrayList<>();
                sections.add(current);
            } else if (current != null) {
                current.add(line.replaceAll("\\s*\\|\\s*", " | "));
            }
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < sections.size(); i++) {
            b.append(headers.get(i).replaceAll("\\s*\\|\\s*", " | ")).append('\n');
            sections.get(i).stream().sorted().forEach(r -> b.append(r).append('\n'));
            b.append('\n');
        }
        return b.toString();
    }
}
