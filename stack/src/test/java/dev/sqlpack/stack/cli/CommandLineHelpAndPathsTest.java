package dev.sqlpack.stack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlpack.stack.SqlPackHome;
import dev.sqlpack.stack.recipe.Recipe;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/** --help on every command, help texts without mid-sentence breaks, paths relative to the caller, the recipe list. */
class CommandLineHelpAndPathsTest {
    @TempDir Path caller;

    @AfterEach
    void forgetCaller() {
        System.clearProperty(CallerDir.PROPERTY);
    }

    @TestFactory
    Stream<DynamicTest> everyCommandTakesHelp() {
        List<String> names = new ArrayList<>(new CommandLine(new SqlPackCli()).getSubcommands().keySet());
        assertThat(names).contains("up", "down", "status", "logs", "submit", "resume", "demo", "recipe", "jobs", "stop", "loadtest");
        return names.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            for (String flag : List.of("--help", "-h")) {
                Result r = run(name, flag);
                assertThat(r.code).as(name + " " + flag + ": " + r.err).isZero();
                assertThat(r.err).isEmpty();
                assertThat(r.out).startsWith("Usage: sqlpack " + name).contains("-h, --help");
                assertThat(r.out.lines()).as("help of " + name + " fits 100 columns")
                        .allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(100));
                // picocli may wrap inside a word after '.', '/' or '-' ("execution.savepoint." / "path"):
                // a continuation line starting in lower case after such a line is a word cut in two
                List<String> lines = r.out.lines().toList();
                for (int i = 1; i < lines.size(); i++) {
                    assertThat(lines.get(i - 1).matches(".*\\S[./-]$") && lines.get(i).matches("^ +[a-z].*"))
                            .as("a word cut at the end of '%s' in the help of %s", lines.get(i - 1), name).isFalse();
                }
            }
        }));
    }

    @CommandLine.Command(name = "root", version = "v1", subcommands = {AlreadyHelped.class})
    static final class Root implements Runnable {
        @Override
        public void run() {}
    }

    @CommandLine.Command(name = "helped", mixinStandardHelpOptions = true)
    static final class AlreadyHelped implements Runnable {
        @Override
        public void run() {}
    }

    @Test
    void aCommandThatAlreadyHasHelpOptionsKeepsThemOnce() {
        CommandLine cl = new CommandLine(new Root());
        HelpSetup.apply(cl);
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        assertThat(cl.execute("helped", "--help")).isZero();
        assertThat(out.toString()).containsOnlyOnce("--help");
    }

    @Test
    void upHelpListsThePortFlags() {
        Result r = run("up", "--help");
        assertThat(r.out).contains("--kafka-port", "--gateway-port", "--jobmanager-rpc-port", "--state-dir", "--slots");
        assertThat(run("up", "--version").out).contains("Flink SQL Pack");
    }

    /**
     * Picocli puts each description element on its own line and wraps inside it: an element that
     * ends mid-sentence is a hard break in the middle of a sentence. Every element of a
     * multi-element description must therefore end a sentence.
     */
    @Test
    void helpTextsNeverBreakALineMidSentence() {
        List<String> offenders = new ArrayList<>();
        collect(new CommandLine(new SqlPackCli()).getCommandSpec(), offenders);
        assertThat(offenders).isEmpty();
    }

    private static void collect(CommandSpec spec, List<String> offenders) {
        check(spec.qualifiedName(), spec.usageMessage().description(), offenders);
        for (ArgSpec a : spec.args()) {
            check(spec.qualifiedName() + " " + a.paramLabel(), a.description(), offenders);
        }
        spec.subcommands().values().forEach(sub -> collect(sub.getCommandSpec(), offenders));
    }

    private static void check(String where, String[] description, List<String> offenders) {
        if (description.length < 2) {
            return;
        }
        for (String element : description) {
            if (!element.strip().matches("(?s).*[.:!?)]$")) {
                offenders.add(where + ": '" + element + "'");
            }
        }
    }

    @Test
    void relativePathsAreResolvedAgainstTheCallersDirectory() {
        System.setProperty(CallerDir.PROPERTY, caller.toString());
        assertThat(CallerDir.resolve("my.sql")).isEqualTo(caller.resolve("my.sql"));
        assertThat(CallerDir.resolve("../x/./y.sql")).isEqualTo(caller.getParent().resolve("x/y.sql"));
        assertThat(CallerDir.resolve("/abs/z.sql")).isEqualTo(Path.of("/abs/z.sql"));
        assertThat(CallerDir.resolveLocation("file:/tmp/sp-1")).isEqualTo("file:/tmp/sp-1");
        assertThat(CallerDir.resolveLocation("savepoints/sp-1")).isEqualTo(caller.resolve("savepoints/sp-1").toString());

        Result down = run("down", "--state-dir", "st");
        assertThat(down.out).contains("(state in " + caller.resolve("st") + ")");
        Result submit = run("submit", "--state-dir", "st", "my.sql");
        assertThat(submit.err).contains("no state in " + caller.resolve("st"));
    }

    @Test
    void submitReadsTheScriptFromTheCallersDirectory() throws Exception {
        System.setProperty(CallerDir.PROPERTY, caller.toString());
        // a recorded stack whose gateway is not there: the script is read before anything is sent
        Files.createDirectories(caller.resolve("st/run"));
        Files.writeString(caller.resolve("st/run/stack.json"), "{\"kafkaPort\":1,\"kafkaControllerPort\":2,\"postgresPort\":3,"
                + "\"jobManagerPort\":4,\"jobManagerRpcPort\":5,\"gatewayPort\":9,\"slots\":1}");
        Result missing = run("submit", "--state-dir", "st", "my.sql");
        assertThat(missing.code).isEqualTo(1);
        assertThat(missing.err).contains("No such SQL file: " + caller.resolve("my.sql") + ".");
        Files.writeString(caller.resolve("my.sql"), "SELECT 1;");
        Result found = run("submit", "--state-dir", "st", "my.sql");
        assertThat(found.err).doesNotContain("No such SQL file");
    }

    @Test
    void theRecipeListFitsHundredColumnsAndKeepsEveryWord() throws Exception {
        List<Recipe> recipes = Recipe.discover(SqlPackHome.locate().root().resolve("sql"));
        String list = RecipeCommand.list(recipes, 100);
        List<String> lines = list.lines().toList();
        assertThat(lines).allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(100));
        int column = lines.get(0).indexOf(lines.get(0).substring(4).strip().split("\\s+", 2)[1]);
        for (String l : lines) {
            if (l.startsWith(" ")) {
                assertThat(l.length() - l.stripLeading().length()).as("continuation under the description: " + l).isEqualTo(column);
            } else {
                assertThat(l.indexOf(l.substring(4).strip().split("\\s+", 2)[1], 4)).as("description column: " + l).isEqualTo(column);
            }
        }
        for (Recipe r : recipes) {
            assertThat(list).contains(r.number() + "  " + r.name());
        }
        // nothing is cut: the words of every description are all there, in order
        String first = Files.readAllLines(recipes.get(0).script()).get(0).substring(3);
        assertThat(String.join(" ", list.replaceAll("\\s+", " "))).contains(first.replaceAll("\\s+", " "));
    }

    @Test
    void wrapKeepsLongWordsWhole() {
        assertThat(RecipeCommand.wrap("a bb ccc dddddddddd e", 5)).containsExactly("a bb", "ccc", "dddddddddd", "e");
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SqlPackCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    private record Result(int code, String out, String err) {}
}
