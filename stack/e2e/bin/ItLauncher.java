import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs test classes once on the JUnit Platform, as Surefire would, and writes one line per test
 * (and per failing class) to a result file: {@code STATUS<TAB>class<TAB>test<TAB>seconds<TAB>first lines}.
 * Used by repeat-its, so the same build runs N times without Maven in between.
 * Usage: java -cp TEST_CLASSPATH ItLauncher.java RESULT_FILE CLASS...
 */
public final class ItLauncher {
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        List<DiscoverySelector> selectors = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            selectors.add(DiscoverySelectors.selectClass(args[i]));
        }
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectors).build();
        List<String> lines = new ArrayList<>();
        boolean[] failed = {false};
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, new TestExecutionListener() {
            private final java.util.Map<String, Long> started = new java.util.HashMap<>();
            private TestPlan plan;

            @Override
            public void testPlanExecutionStarted(TestPlan testPlan) {
                plan = testPlan;
            }

            @Override
            public void executionStarted(TestIdentifier id) {
                started.put(id.getUniqueId(), System.nanoTime());
            }

            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                if (id.isTest()) {
                    lines.add(String.join("\t", "SKIPPED", className(id), name(id), "0", oneLine(reason)));
                }
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                boolean bad = result.getStatus() != TestExecutionResult.Status.SUCCESSFUL;
                if (!id.isTest() && !bad) {
                    return; // a passing class or engine: its tests have their own lines
                }
                long t0 = started.getOrDefault(id.getUniqueId(), System.nanoTime());
                String seconds = String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9);
                String detail = result.getThrowable().map(ItLauncher::firstLines).orElse("");
                failed[0] |= bad;
                lines.add(String.join("\t", bad ? result.getStatus().name() : "PASSED", className(id),
                        id.isTest() ? name(id) : "(class: @BeforeAll/@AfterAll or discovery)", seconds, detail));
            }

            private String name(TestIdentifier id) {
                // a dynamic test is shown with its factory's name: "eachRecipe...() / 14_dead_letters"
                List<String> parts = new ArrayList<>();
                for (TestIdentifier t = id; t != null && t.getSource().map(s -> !(s instanceof org.junit.platform.engine.support.descriptor.ClassSource)).orElse(true)
                        && t.getParentId().isPresent(); t = plan.getParent(t).orElse(null)) {
                    parts.add(0, t.getDisplayName());
                }
                return String.join(" / ", parts);
            }

            private String className(TestIdentifier id) {
                for (TestIdentifier t = id; t != null; t = plan.getParent(t).orElse(null)) {
                    if (t.getSource().orElse(null) instanceof org.junit.platform.engine.support.descriptor.ClassSource c) {
                        return c.getClassName().replaceFirst(".*\\.", "");
                    }
                    if (t.getSource().orElse(null) instanceof org.junit.platform.engine.support.descriptor.MethodSource m) {
                        return m.getClassName().replaceFirst(".*\\.", "");
                    }
                }
                return "?";
            }
        });
        Files.write(out, lines);
        System.exit(failed[0] ? 1 : 0);
    }

    /** The exception's first lines (message and the first frames), on one line, tabs and newlines replaced. */
    private static String firstLines(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        String[] all = w.toString().split("\n");
        List<String> keep = new ArrayList<>();
        for (int i = 0; i < all.length && keep.size() < 8; i++) {
            keep.add(all[i].strip());
        }
        return oneLine(String.join(" ⏎ ", keep));
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\t', ' ').replace("\r", "").replace("\n", " ⏎ ");
    }
}
