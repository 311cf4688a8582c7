package dev.sqlpack.stack.cli;

import dev.sqlpack.stack.LocalStack;
import dev.sqlpack.stack.SqlPackHome;
import dev.sqlpack.stack.SqlTemplate;
import dev.sqlpack.stack.StackConfig;
import dev.sqlpack.stack.StackException;
import dev.sqlpack.stack.gateway.GatewayException;
import dev.sqlpack.stack.gateway.SqlScript;
import dev.sqlpack.stack.recipe.QueryResult;
import dev.sqlpack.stack.recipe.Recipe;
import dev.sqlpack.stack.recipe.RecipeRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./sqlpack recipe NN}: runs one recipe from sql/ on the local stack and compares with its expected output. */
@Command(name = "recipe", description = {
    "Run a recipe from sql/ through the SQL gateway and compare its results with its expected.txt.",
    "Without a number, list the recipes."})
final class RecipeCommand implements Callable<Integer> {
    @Mixin SqlPackCli.UpOptions up = new SqlPackCli.UpOptions();
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "NN", description = "Recipe number (e.g. 02) or folder name.")
    String number;

    @Option(names = "--print", description = "Print the recipe's SQL (setup.sql, then the recipe) with this stack's"
            + " addresses filled in, to paste into './sqlpack sql'; starts and runs nothing.")
    boolean print;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        SqlPackHome home = SqlPackHome.locate();
        Path sqlDir = home.root().resolve("sql");
        if (number == null) {
            out.print(list(Recipe.discover(sqlDir), HelpSetup.WIDTH));
            out.println("Run one with: ./sqlpack recipe NN");
            return 0;
        }
        Recipe recipe = Recipe.find(sqlDir, number).orElseThrow(() -> new StackException(
                "No recipe '" + number + "' in " + sqlDir + ". './sqlpack recipe' lists them."));
        if (print) {
            StackConfig config = LocalStack.recorded(up.state.resolve(home)).orElse(up.config(home));
            out.print(printable(recipe, SqlTemplate.forStack(config)));
            out.flush();
            return 0;
        }
        LocalStack stack = up.ensureUp(home, out);
        out.println("Recipe " + recipe.name() + " (" + recipe.dir() + ")");
        RecipeRunner runner = new RecipeRunner(stack.config(),
                SqlScript.split(Files.readString(stack.initSql())), step -> out.println("  running " + step));
        List<QueryResult> results;
        try {
            results = runner.run(recipe);
        } catch (GatewayException e) {
            throw new StackException("Recipe " + recipe.name() + " failed in the gateway: " + e.getMessage());
        }
        String actual = RecipeRunner.render(results);
        out.println();
        out.print(actual);
        if (!Files.exists(recipe.expected())) {
            out.println("(no expected.txt to compare with)");
            return 0;
        }
        List<String> differences = RecipeRunner.differences(Files.readString(recipe.expected()), actual);
        if (differences.isEmpty()) {
            out.println("Result matches " + recipe.expected() + ".");
            return 0;
        }
        out.println("Result differs from " + recipe.expected() + ":");
        differences.forEach(l -> out.println("  " + l));
        return 2;
    }

    /** The recipe's Flink SQL as the runner sends it: setup.sql, then the recipe, placeholders filled in. */
    static String printable(Recipe recipe, SqlTemplate template) throws IOException {
        StringBuilder b = new StringBuilder();
        if (Files.exists(recipe.postgresSetup())) {
            b.append("-- First run ").append(recipe.postgresSetup()).append(" in PostgreSQL (")
                    .append(template.values().get("postgres.jdbc-url")).append(").\n\n");
        }
        for (Path file : List.of(recipe.setup(), recipe.script())) {
            if (Files.exists(file)) {
                b.append("-- ").append(recipe.dir().getFileName().resolve(file.getFileName())).append('\n')
                        .append(recipe.read(file, template).strip()).append("\n\n");
            }
        }
        return b.toString();
    }

    /**
     * The recipes as a table that fits {@code width} columns: number, folder, and the script's
     * first comment line, wrapped at word boundaries under its own column.
     */
    static String list(List<Recipe> recipes, int width) {
        int nameWidth = recipes.stream().mapToInt(r -> r.name().length()).max().orElse(0);
        String indent = " ".repeat(2 + 2 + nameWidth + 2);
        StringBuilder b = new StringBuilder();
        for (Recipe r : recipes) {
            String head = r.number() + "  " + r.name() + " ".repeat(nameWidth - r.name().length()) + "  ";
            List<String> lines = wrap(firstLine(r), Math.max(20, width - indent.length()));
            for (int i = 0; i < lines.size(); i++) {
                b.append(i == 0 ? head : indent).append(lines.get(i)).append('\n');
            }
        }
        return b.toString();
    }

    /** Words into lines of at most {@code width} characters (a longer word gets a line of its own). */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.strip().split("\\s+")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    private static String firstLine(Recipe r) {
        try {
            for (String line : Files.readAllLines(r.script())) {
                if (line.startsWith("-- ")) {
                    return line.substring(3);
                }
            }
        } catch (java.io.IOException e) {
            return "";
        }
        return "";
    }
}
