package dev.sqlpack.stack.cli;

import dev.sqlpack.stack.LocalStack;
import dev.sqlpack.stack.SqlPackHome;
import dev.sqlpack.stack.StackException;
import dev.sqlpack.stack.gateway.GatewayException;
import dev.sqlpack.stack.gateway.SqlScript;
import dev.sqlpack.stack.recipe.QueryResult;
import dev.sqlpack.stack.recipe.Recipe;
import dev.sqlpack.stack.recipe.RecipeRunner;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        SqlPackHome home = SqlPackHome.locate();
        Path sqlDir = home.root().resolve("sql");
        if (number == null) {
            for (Recipe r : Recipe.discover(sqlDir)) {
                out.println(r.number() + "  " + r.name() + "   " + firstLine(r));
            }
            out.println("Run one with: ./sqlpack recipe NN");
            return 0;
        }
        Recipe recipe = Recipe.find(sqlDir, number).orElseThrow(() -> new StackException(
                "No recipe '" + number + "' in " + sqlDir + ". './sqlpack recipe' lists them."));
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
        String expected = RecipeRunner.normalizeExpected(Files.readString(recipe.expected()));
        String got = RecipeRunner.normalizeExpected(actual);
        if (expected.equals(got)) {
            out.println("Result matches " + recipe.expected() + ".");
            return 0;
        }
        out.println("Result differs from " + recipe.expected() + ":");
        List<String> e = List.of(expected.split("\n"));
        List<String> g = List.of(got.split("\n"));
        List<String> missing = new ArrayList<>(e);
        g.forEach(missing::remove);
        List<String> extra = new ArrayList<>(g);
        e.forEach(extra::remove);
        missing.forEach(l -> out.println("  expected, not produced: " + l));
        extra.forEach(l -> out.println("  produced, not expected: " + l));
        return 2;
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
