package dev.sqlpack.stack.recipe;

import dev.sqlpack.stack.SqlTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One folder under {@code sql/}: {@code NN_topic/NN_topic.sql} (the recipe), optional
 * {@code setup.sql} (topics, tables and input data, in Flink SQL), optional
 * {@code setup-postgres.sql} (run in PostgreSQL first) and {@code expected.txt}.
 */
public record Recipe(String number, String name, Path dir) {

    public static List<Recipe> discover(Path sqlDir) {
        List<Recipe> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(sqlDir)) {
            dirs.filter(Files::isDirectory)
                    .filter(d -> d.getFileName().toString().matches("\\d\\d_[a-z0-9_]+"))
                    .sorted()
                    .forEach(d -> {
                        String n = d.getFileName().toString();
                        out.add(new Recipe(n.substring(0, 2), n, d));
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    public static Optional<Recipe> find(Path sqlDir, String number) {
        String nn = number.length() == 1 ? "0" + number : number;
        return discover(sqlDir).stream().filter(r -> r.number().equals(nn) || r.name().equals(number)).findFirst();
    }

    public Path script() {
        return dir.resolve(name + ".sql");
    }

    public Path setup() {
        return dir.resolve("setup.sql");
    }

    public Path postgresSetup() {
        return dir.resolve("setup-postgres.sql");
    }

    /** One of this recipe's SQL files, with its placeholders filled in. */
    public String read(Path file, SqlTemplate template) throws IOException {
        return template.fill(Files.readString(file), dir.getFileName().resolve(file.getFileName()).toString());
    }

    public Path expected() {
        return dir.resolve("expected.txt");
    }

    /** Kafka topics of this recipe start with this prefix; the runner deletes them before a run. */
    public String topicPrefix() {
        return "recipe" + number + "-";
    }
}
