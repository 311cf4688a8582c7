package dev.sqlpack.perf.sideinput;

import dev.sqlpack.connector.sideinput.SideInputConfigParser;
import dev.sqlpack.connector.sideinput.snapshot.KeyIndex;
import dev.sqlpack.connector.sideinput.snapshot.KeySet;
import dev.sqlpack.connector.sideinput.snapshot.RefreshScheduler;
import dev.sqlpack.connector.sideinput.snapshot.Snapshot;
import dev.sqlpack.connector.sideinput.snapshot.SnapshotLoader;
import dev.sqlpack.connector.sideinput.snapshot.SnapshotStore;
import dev.sqlpack.connector.sideinput.snapshot.SourceDefinition;
import dev.sqlpack.stack.postgres.PostgresServer;
import dev.sqlpack.stack.process.Ports;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * The side-input connector against a real 1,000,000-row PostgreSQL table: in-process lookup rate
 * (hits, misses), reload time, heap bytes per row, lookup latency while a reload runs, and an
 * end-to-end enrichment job side by side with Flink's JDBC connector ({@code lookup.cache =
 * PARTIAL}): throughput and queries sent to PostgreSQL. Writes {@code sideinput.json} and
 * {@code sideinput.png} to the directory given as the first argument.
 *
 * <p>Run: {@code java -cp <perf classpath> dev.sqlpack.perf.sideinput.SideInputBenchmark perf/results}
 * (system properties {@code rows}, {@code events}, {@code seconds} scale it).
 */
public final class SideInputBenchmark {
    private static final int ROWS = Integer.getInteger("rows", 1_000_000);
    private static final int EVENTS = Integer.getInteger("events", 2_000_000);
    private static final int SECONDS = Integer.getInteger("seconds", 3);
    private static final RowType ROW_TYPE = (RowType) DataTypes.ROW(
            DataTypes.FIELD("id", DataTypes.BIGINT()),
            DataTypes.FIELD("tier", DataTypes.STRING()),
            DataTypes.FIELD("country", DataTypes.STRING()),
            DataTypes.FIELD("updated_at", DataTypes.TIMESTAMP(3))).getLogicalType();
    private static final KeySet BY_ID = new KeySet(0);

    private static final RefreshScheduler MANUAL = new RefreshScheduler() {
        @Override
        public void schedule(Runnable task, Duration delay) {}

        @Override
        public void close() {}
    };

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "perf/results");
        Files.createDirectories(out);
        Path work = Files.createTempDirectory("sideinput-bench");
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("date", Instant.now().toString());
        r.put("machine", Runtime.getRuntime().availableProcessors() + " cores, max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB, " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.version"));
        r.put("rows", ROWS);
        r.put("row_type", ROW_TYPE.asSummaryString());
        try (PostgresServer pg = PostgresServer.start(work.resolve("pg"), Ports.free(), work.resolve("pg.log"), false)) {
            populate(pg);
            micro(pg, r);
            endToEnd(pg, r);
        }
        String json = toJson(r);
        Files.writeString(out.resolve("sideinput.json"), json);
        chart(r, out.resolve("sideinput.png"));
        System.out.println(json);
    }

    private static void populate(PostgresServer pg) throws Exception {
        try (Connection c = pg.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS customers");
            s.execute("CREATE TABLE customers (id BIGINT PRIMARY KEY, tier TEXT, country TEXT, updated_at TIMESTAMP)");
            s.execute("INSERT INTO customers SELECT g, (ARRAY['gold','silver','bronze','platinum'])[1 + g % 4],"
                    + " (ARRAY['DE','FR','US','PL','BR'])[1 + g % 5], TIMESTAMP '2026-01-01' + g * INTERVAL '1 second'"
                    + " FROM generate_series(1, " + ROWS + ") g");
            s.execute("VACUUM ANALYZE customers");
        }
    }

    private static SourceDefinition definition(PostgresServer pg) {
        return new SourceDefinition(SideInputConfigParser.parse(
                Map.of("source", "jdbc", "jdbc.url", pg.jdbcUrl(), "jdbc.table", "customers"), ROW_TYPE), ROW_TYPE, null);
    }

    private static SnapshotStore store(PostgresServer pg) {
        SourceDefinition def = definition(pg);
        SnapshotStore store = new SnapshotStore(def.createLoader(), ROW_TYPE, def.policy(), Clock.systemUTC(),
                MANUAL, () -> 0);
        store.registerKeys(BY_ID);
        return store;
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void micro(PostgresServer pg, Map<String, Object> r) throws Exception {
        // heap bytes per row, measured the same way for both layouts: used heap after GC
        long before = usedHeap();
        SnapshotStore store = store(pg);
        check(store.refresh());
        long compact = usedHeap() - before;
        r.put("snapshot_bytes_per_row_reported", store.bytes() / (double) ROWS);
        r.put("snapshot_heap_bytes_per_row", compact / (double) ROWS);

        SnapshotLoader loader = definition(pg).createLoader();
        before = usedHeap();
        List<RowData> copies = new ArrayList<>(ROWS);
        loader.load(row -> {
            GenericRowData g = new GenericRowData(row.getArity());
            for (int i = 0; i < row.getArity(); i++) {
                g.setField(i, ((GenericRowData) row).getField(i));
            }
            copies.add(g);
        });
        long generic = usedHeap() - before;
        r.put("generic_row_data_heap_bytes_per_row", generic / (double) ROWS);
        r.put("bytes_per_row_ratio_vs_generic", compact / (double) generic);
        check(copies.size() == ROWS);
        copies.clear();

        // reload time: three full reloads from PostgreSQL
        List<Long> reloads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long t = System.nanoTime();
            check(store.refresh());
            reloads.add((System.nanoTime() - t) / 1_000_000);
        }
        r.put("reload_ms", reloads);

        r.put("lookups_per_second_hits_1_thread", lookupRate(store, 1, ROWS));
        r.put("lookups_per_second_misses_1_thread", lookupRate(store, 2L * ROWS, 3L * ROWS));

        r.put("lookup_latency_ns_idle", latencies(store, false));
        r.put("lookup_latency_ns_during_reloads", latencies(store, true));
        store.close();
    }

    private static double lookupRate(SnapshotStore store, long from, long to) {
        SplittableRandom random = new SplittableRandom(42);
        long found = 0;
        long count = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        while (System.nanoTime() < deadline) { // warm-up
            found += lookup(store, random.nextLong(from, to));
        }
        long start = System.nanoTime();
        deadline = start + Duration.ofSeconds(SECONDS).toNanos();
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < 1000; i++) {
                found += lookup(store, random.nextLong(from, to));
            }
            count += 1000;
        }
        double rate = count / ((System.nanoTime() - start) / 1e9);
        System.out.printf(Locale.ROOT, "lookups %d..%d: %.0f/s (found %d)%n", from, to, rate, found);
        return Math.round(rate);
    }

    private static int lookup(SnapshotStore store, long id) {
        Snapshot s = store.get();
        KeyIndex index = s.index(BY_ID);
        return s.lookup(index, GenericRowData.of(id)).size();
    }

    private static Map<String, Object> latencies(SnapshotStore store, boolean reloading) throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger reloads = new AtomicInteger();
        Thread reloader = new Thread(() -> {
            while (reloading && !done.get()) {
                store.refresh();
                reloads.incrementAndGet();
            }
        });
        reloader.start();
        long[] samples = new long[20_000_000];
        int n = 0;
        SplittableRandom random = new SplittableRandom(7);
        long deadline = System.nanoTime() + Duration.ofSeconds(reloading ? 4L * SECONDS : SECONDS).toNanos();
        long sink = 0;
        while (n < samples.length && (System.nanoTime() < deadline || (reloading && reloads.get() == 0))) {
            long t = System.nanoTime();
            sink += lookup(store, random.nextLong(1, ROWS));
            samples[n++] = System.nanoTime() - t;
        }
        done.set(true);
        reloader.join();
        Arrays.sort(samples, 0, n);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("samples", n);
        m.put("reloads_completed", reloads.get());
        m.put("p50", samples[(int) (n * 0.50)]);
        m.put("p99", samples[(int) (n * 0.99)]);
        m.put("p999", samples[(int) (n * 0.999)]);
        m.put("max", samples[n - 1]);
        check(sink > 0);
        return m;
    }

    private static long tableScans(PostgresServer pg) throws Exception {
        try (Connection c = pg.connect(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_stat_clear_snapshot()");
            try (ResultSet rs = s.executeQuery(
                    "SELECT coalesce(seq_scan, 0) + coalesce(idx_scan, 0) FROM pg_stat_user_tables WHERE relname = 'customers'")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Statistics reach pg_stat_* asynchronously: wait until two reads a second apart agree. */
    private static long settledTableScans(PostgresServer pg) throws Exception {
        long last = -1;
        while (true) {
            long now = tableScans(pg);
            if (now == last) {
                return now;
            }
            last = now;
            Thread.sleep(1000);
        }
    }

    private static void endToEnd(PostgresServer pg, Map<String, Object> r) throws Exception {
        String sideInput = "CREATE TABLE customers (id BIGINT, tier STRING, country STRING, updated_at TIMESTAMP(3),"
                + " PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'side-input', 'source' = 'jdbc',"
                + " 'jdbc.url' = '" + pg.jdbcUrl() + "', 'jdbc.table' = 'customers', 'refresh.interval' = '1h')";
        String jdbc = "CREATE TABLE customers (id BIGINT, tier STRING, country STRING, updated_at TIMESTAMP(3),"
                + " PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'jdbc', 'url' = '" + pg.jdbcUrl() + "',"
                + " 'table-name' = 'customers', 'lookup.cache' = 'PARTIAL',"
                + " 'lookup.partial-cache.max-rows' = '100000', 'lookup.partial-cache.expire-after-write' = '1h')";
        Map<String, Object> e2e = new LinkedHashMap<>();
        e2e.put("events", EVENTS);
        e2e.put("event_keys", "uniform random customer ids in [1, " + ROWS + "], datagen, parallelism 1");
        e2e.put("jdbc_cache", "lookup.cache=PARTIAL, max-rows=100000, expire-after-write=1h");
        e2e.put("no_join_baseline", enrich(pg, null));
        e2e.put("side_input", enrich(pg, sideInput));
        e2e.put("jdbc_partial_cache", enrich(pg, jdbc));
        @SuppressWarnings("unchecked")
        Map<String, Object> s = (Map<String, Object>) e2e.get("side_input");
        @SuppressWarnings("unchecked")
        Map<String, Object> j = (Map<String, Object>) e2e.get("jdbc_partial_cache");
        e2e.put("throughput_ratio_side_input_vs_jdbc",
                (double) s.get("events_per_second") / (double) j.get("events_per_second"));
        e2e.put("query_ratio_jdbc_vs_side_input",
                (double) (long) j.get("postgres_queries") / Math.max(1L, (long) s.get("postgres_queries")));
        r.put("end_to_end", e2e);
    }

    private static Map<String, Object> enrich(PostgresServer pg, String customersDdl) throws Exception {
        Configuration conf = new Configuration();
        conf.setString("parallelism.default", "1");
        TableEnvironment env = TableEnvironment.create(
                EnvironmentSettings.newInstance().inStreamingMode().withConfiguration(conf).build());
        env.executeSql("CREATE TABLE events (customer_id BIGINT, proc_time AS PROCTIME()) WITH ("
                + " 'connector' = 'datagen', 'number-of-rows' = '" + EVENTS + "', 'rows-per-second' = '1000000000',"
                + " 'fields.customer_id.min' = '1', 'fields.customer_id.max' = '" + ROWS + "')");
        env.executeSql("CREATE TABLE enriched (customer_id BIGINT, tier STRING, country STRING) WITH ('connector' = 'blackhole')");
        String insert = "INSERT INTO enriched SELECT e.customer_id, c.tier, c.country FROM events AS e"
                + " JOIN customers FOR SYSTEM_TIME AS OF e.proc_time AS c ON e.customer_id = c.id";
        if (customersDdl == null) { // the same job without the join: job start and event generation alone
            insert = "INSERT INTO enriched SELECT customer_id, 'x', 'y' FROM events";
        } else {
            env.executeSql(customersDdl);
        }
        long scansBefore = settledTableScans(pg);
        long start = System.nanoTime();
        env.executeSql(insert).await();
        double seconds = (System.nanoTime() - start) / 1e9;
        long queries = settledTableScans(pg) - scansBefore;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("wall_seconds_including_job_start", seconds);
        m.put("events_per_second", EVENTS / seconds);
        m.put("postgres_queries", queries);
        System.out.printf(Locale.ROOT, "%s: %.1f s, %.0f events/s, %d queries%n",
                customersDdl == null ? "no join" : customersDdl.contains("side-input") ? "side-input" : "jdbc", seconds, EVENTS / seconds, queries);
        return m;
    }

    @SuppressWarnings("unchecked")
    private static void chart(Map<String, Object> r, Path png) throws Exception {
        Map<String, Object> e2e = (Map<String, Object>) r.get("end_to_end");
        Map<String, Object> side = (Map<String, Object>) e2e.get("side_input");
        Map<String, Object> jdbc = (Map<String, Object>) e2e.get("jdbc_partial_cache");
        List<String> names = List.of("side-input", "JDBC PARTIAL");
        List<CategoryChart> charts = List.of(
                bars("enrichment throughput (events/s)", names,
                        List.of((Double) side.get("events_per_second"), (Double) jdbc.get("events_per_second"))),
                bars("queries sent to PostgreSQL", names,
                        List.of(((Long) side.get("postgres_queries")).doubleValue(),
                                ((Long) jdbc.get("postgres_queries")).doubleValue())),
                bars("heap bytes per row", List.of("side-input snapshot", "GenericRowData copy"),
                        List.of((Double) r.get("snapshot_heap_bytes_per_row"),
                                (Double) r.get("generic_row_data_heap_bytes_per_row"))));
        BitmapEncoder.saveBitmap(charts, 1, 3, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static CategoryChart bars(String title, List<String> names, List<Double> values) {
        CategoryChart c = new CategoryChartBuilder().width(420).height(360).title(title).build();
        c.getStyler().setLegendVisible(false);
        c.getStyler().setLabelsVisible(true);
        c.addSeries(title, names, values);
        return c;
    }

    private static void check(boolean ok) {
        if (!ok) {
            throw new IllegalStateException("benchmark precondition failed");
        }
    }

    private static String toJson(Object o) {
        if (o instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder("{");
            m.forEach((k, v) -> b.append(b.length() > 1 ? ", " : "").append('"').append(k).append("\": ").append(toJson(v)));
            return b.append('}').toString();
        }
        if (o instanceof List<?> l) {
            StringBuilder b = new StringBuilder("[");
            l.forEach(v -> b.append(b.length() > 1 ? ", " : "").append(toJson(v)));
            return b.append(']').toString();
        }
        if (o instanceof Double d) {
            return String.format(Locale.ROOT, "%.3f", d);
        }
        if (o instanceof Number) {
            return o.toString();
        }
        return '"' + String.valueOf(o).replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
