package dev.sqlpack.stack.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlpack.stack.LocalStack;
import dev.sqlpack.stack.StackConfig;
import dev.sqlpack.stack.gateway.GatewayClient;
import dev.sqlpack.stack.gateway.GatewayException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bounded load on the SQL gateway (loopback only): N concurrent sessions send a mix of valid and
 * invalid statements for a fixed time, then close. Reports statements per second, error rates
 * per kind, latency percentiles, the gateway's heap before and after, and whether any session
 * outlived the run.
 */
public final class GatewayLoad {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A statement of the mix: its SQL and whether the gateway must accept it. */
    record Probe(String name, String sql, boolean valid) {}

    /** Mostly planning work (what a gateway does for many users), with a real query now and then. */
    static final List<Probe> MIX = List.of(
            new Probe("show-functions", "SHOW FUNCTIONS", true),
            new Probe("set", "SET 'table.exec.source.idle-timeout' = '5 s'", true),
            new Probe("create-view", "CREATE VIEW IF NOT EXISTS v AS SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS t(id, name)", true),
            new Probe("explain", "EXPLAIN SELECT name, COUNT(*) FROM (VALUES (1, 'a'), (2, 'b')) AS t(id, name) GROUP BY name", true),
            new Probe("describe-datagen", "CREATE TABLE IF NOT EXISTS g (n BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '3')", true),
            new Probe("query", "SELECT COUNT(*) FROM (VALUES (1), (2), (3)) AS t(x)", true),
            new Probe("syntax-error", "SELEC 1", false),
            new Probe("unknown-table", "SELECT * FROM no_such_table", false),
            new Probe("bad-option", "EXPLAIN SELECT * FROM bad_option", false),
            new Probe("missing-jar", "ADD JAR '/no/such/lib.jar'", false));

    private final StackConfig config;
    private final Consumer<String> progress;

    public GatewayLoad(StackConfig config, Consumer<String> progress) {
        this.config = config;
        this.progress = progress;
    }

    /** Runs the load and returns the report (also suitable as the committed JSON). */
    public ObjectNode run(int sessions, Duration duration, long seed) throws Exception {
        GatewayClient client = GatewayClient.forStack(config);
        long gatewayPid = new LocalStack(dev.sqlpack.stack.SqlPackHome.locate(), config, s -> {}).status().stream()
                .filter(s -> s.component() == dev.sqlpack.stack.Component.GATEWAY && s.running())
                .findFirst().orElseThrow(() -> new IllegalStateException("the gateway is not running")).pid();
        long heapBefore = heapUsedAfterGc(gatewayPid);
        ConcurrentLinkedQueue<long[]> samples = new ConcurrentLinkedQueue<>(); // {probe index, nanos, ok(1)/error(0)}
        AtomicLong unexpected = new AtomicLong();
        List<String> unexpectedExamples = Collections.synchronizedList(new ArrayList<>());
        List<String> handles = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(sessions);
        long deadline = System.nanoTime() + duration.toNanos();
        Instant started = Instant.now();
        for (int w = 0; w < sessions; w++) {
            Random random = new Random(seed + w);
            Thread t = new Thread(() -> {
                try (GatewayClient.Session s = client.openSession("load", Map.of())) {
                    handles.add(s.handle());
                    s.executeAndFetchAll("CREATE TABLE bad_option (a STRING) WITH ('connector' = 'kafka', 'topic' = 't',"
                            + " 'properties.bootstrap.servers' = '127.0.0.1:1', 'format' = 'json',"
                            + " 'scan.startup.mode' = 'sometimes')");
                    while (System.nanoTime() < deadline) {
                        int i = random.nextInt(MIX.size());
                        Probe p = MIX.get(i);
                        long t0 = System.nanoTime();
                        boolean ok;
                        try {
                            s.executeAndFetchAll(p.sql());
                            ok = true;
                        } catch (GatewayException e) {
                            ok = false;
                        }
                        samples.add(new long[] {i, System.nanoTime() - t0, ok ? 1 : 0});
                        if (ok != p.valid()) {
                            unexpected.incrementAndGet();
                            if (unexpectedExamples.size() < 5) {
                                unexpectedExamples.add(p.name() + (ok ? " succeeded" : " failed"));
                            }
                        }
                    }
                } catch (RuntimeException e) {
                    unexpected.incrementAndGet();
                    unexpectedExamples.add("session: " + e.getMessage());
                } finally {
                    done.countDown();
                }
            }, "load-" + w);
            t.start();
        }
        while (!done.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
            progress.accept("  " + samples.size() + " statements so far");
        }
        double seconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;
        long heapAfter = heapUsedAfterGc(gatewayPid);

        // every session was closed: a probe session is the only one left
        int leftOpen;
        try (GatewayClient.Session probe = client.openSession("leak-check", Map.of())) {
            leftOpen = currentSessionsAtLastOpen() - 1;
        }
        long closedAnswering = handles.stream().filter(h -> answersHeartbeat(client, h)).count();

        ObjectNode report = JSON.createObjectNode();
        report.put("date", started.toString());
        report.put("sessions", sessions);
        report.put("seconds", seconds);
        report.put("statements", samples.size());
        report.put("statementsPerSecond", samples.size() / seconds);
        report.put("unexpectedOutcomes", unexpected.get());
        ArrayNode ex = report.putArray("unexpectedExamples");
        unexpectedExamples.forEach(ex::add);
        List<Long> all = new ArrayList<>();
        samples.forEach(s -> all.add(s[1]));
        report.set("latencyMs", percentiles(all));
        ObjectNode perProbe = report.putObject("perStatement");
        for (int i = 0; i < MIX.size(); i++) {
            final int idx = i;
            List<long[]> mine = samples.stream().filter(s -> s[0] == idx).toList();
            ObjectNode n = perProbe.putObject(MIX.get(i).name());
            n.put("valid", MIX.get(i).valid());
            n.put("count", mine.size());
            n.put("errorRate", mine.isEmpty() ? 0 : mine.stream().filter(s -> s[2] == 0).count() / (double) mine.size());
            n.set("latencyMs", percentiles(mine.stream().map(s -> s[1]).toList()));
        }
        report.put("gatewayHeapUsedBeforeMiB", heapBefore / 1048576.0);
        report.put("gatewayHeapUsedAfterMiB", heapAfter / 1048576.0);
        report.put("sessionsLeftOpen", leftOpen);
        report.put("closedSessionsStillAnswering", closedAnswering);
        report.put("machine", Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version"));
        report.put("loadAverageAtEnd", Files.readString(Path.of("/proc/loadavg")).trim());
        return report;
    }

    private static ObjectNode percentiles(List<Long> nanos) {
        ObjectNode n = JSON.createObjectNode();
        if (nanos.isEmpty()) {
            return n;
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        for (double q : new double[] {0.5, 0.9, 0.99}) {
            int idx = (int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1);
            n.put("p" + (int) (q * 100), Math.round(sorted.get(Math.max(0, idx)) / 1e4) / 100.0);
        }
        n.put("max", Math.round(sorted.get(sorted.size() - 1) / 1e4) / 100.0);
        return n;
    }

    private boolean answersHeartbeat(GatewayClient client, String handle) {
        try {
            client.heartbeat(handle);
            return true;
        } catch (GatewayException e) {
            return false;
        }
    }

    /** "the number of current sessions is N" from the gateway's log line of the latest opened session. */
    private int currentSessionsAtLastOpen() throws IOException {
        Pattern p = Pattern.compile("number of current sessions is (\\d+)");
        int last = -1;
        for (String line : Files.readAllLines(config.logDir().resolve("gateway.log"))) {
            Matcher m = p.matcher(line);
            if (m.find()) {
                last = Integer.parseInt(m.group(1));
            }
        }
        return last;
    }

    /** Used heap of a JVM after a full GC, via the JDK's jcmd. */
    static long heapUsedAfterGc(long pid) throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        new ProcessBuilder(jcmd, Long.toString(pid), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        Process p = new ProcessBuilder(jcmd, Long.toString(pid), "GC.heap_info").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        Matcher m = Pattern.compile("used (\\d+)K").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("cannot read the gateway's heap from jcmd: " + out);
        }
        return Long.parseLong(m.group(1)) * 1024;
    }
}
