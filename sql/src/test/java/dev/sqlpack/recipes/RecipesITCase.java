package dev.sqlpack.recipes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlpack.stack.LocalStack;
import dev.sqlpack.stack.SqlPackHome;
import dev.sqlpack.stack.StackConfig;
import dev.sqlpack.stack.gateway.SqlScript;
import dev.sqlpack.stack.recipe.Recipe;
import dev.sqlpack.stack.recipe.RecipeRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/** Every recipe in sql/, run on a real local stack through the SQL gateway, against its expected.txt. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecipesITCase {
    private final SqlPackHome home = SqlPackHome.locate();
    private final Path sqlDir = home.root().resolve("sql");
    private LocalStack stack;
    private RecipeRunner runner;

    @BeforeAll
    void startStack() throws Exception {
        stack = new LocalStack(home, StackConfig.freePorts(Files.createTempDirectory("sqlpack-recipes-")), System.out::println);
        stack.up();
        // recipe 15 reads RabbitMQ: the stack's optional broker, as './sqlpack up --with rabbitmq' starts it
        dev.sqlpack.stack.rabbitmq.RabbitMqStack.up(stack.config().stateDir(),
                dev.sqlpack.stack.rabbitmq.RabbitMqServer.Ports3.free(), System.out::println);
        runner = new RecipeRunner(stack.config(), SqlScript.split(Files.readString(stack.initSql())),
                step -> System.out.println("  " + step));
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            try {
                dev.sqlpack.stack.rabbitmq.RabbitMqStack.down(stack.config().stateDir(), System.out::println);
            } finally {
                stack.down(); // also when the broker's stop failed: no stack left running
            }
        }
    }

    @Test
    void everyRecipeFolderHasItsScriptReadmeAndExpectedOutput() {
        List<Recipe> recipes = Recipe.discover(sqlDir);
        assertThat(recipes).isNotEmpty();
        for (Recipe r : recipes) {
            assertThat(r.script()).as(r.name()).exists();
            assertThat(r.dir().resolve("README.md")).as(r.name()).exists();
            assertThat(r.expected()).as(r.name()).exists();
        }
    }

    @TestFactory
    Stream<DynamicTest> eachRecipeProducesItsExpectedOutput() {
        return Recipe.discover(sqlDir).stream().map(r -> DynamicTest.dynamicTest(r.name(), () -> {
            String actual = RecipeRunner.render(runner.run(r));
            assertThat(RecipeRunner.normalizeExpected(actual))
                    .as("results of " + r.name() + " (left: produced; right: expected.txt)")
                    .isEqualTo(RecipeRunner.normalizeExpected(Files.readString(r.expected())));
        }));
    }
}
