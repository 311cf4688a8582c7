package dev.sqlpack.perf.sideinput;

import dev.sqlpack.connector.sideinput.SideInputConfigParser;
import dev.sqlpack.connector.sideinput.snapshot.KeyIndex;
import dev.sqlpack.connector.sideinput.snapshot.KeyIndexBefore;
import dev.sqlpack.connector.sideinput.snapshot.KeySet;
import dev.sqlpack.connector.sideinput.snapshot.RefreshScheduler;
import dev.sqlpack.connector.sideinput.snapshot.Snapshot;
import dev.sqlpack.connector.sideinput.snapshot.SnapshotLoader;
import dev.sqlpack.connector.sideinput.snapshot.SnapshotStore;
import dev.sqlpack.connector.sideinput.snapshot.SourceDefinition;
import dev.sqlpack.stack.postgres.PostgresServer;
import dev.sqlpack.stack.process.Poll;
import dev.sqlpack.stack.process.Ports;
import java.lang.management.BufferPoolMXBean;
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
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
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
    /** Which parts run: micro (in-process), e2e (no join and side-input), jdbc, paimon, scale. */
    private static final java.util.Set<String> PARTS =
            java.util.Set.of(System.getProperty("parts", "micro,e2e,jdbc,paimon,scale").split(","));
    /** When set, each end-to-end job runs under a Java Flight Recorder recording written to this directory. */
    private static final String JFR_DIR = System.getProperty("jfr");
    private static Path work;
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
        if (PARTS.equals(java.util.Set.of("charts"))) {
            charts(out);
            return;
        }
        Files.createDirectories(out);
        work = Files.createTempDirectory("sideinput-bench");
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("date", Instant.now().toString());
        r.put("machine", Runtime.getRuntime().availableProcessors() + " cores, max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB, " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.version"));
        r.put("rows", ROWS);
        r.put("row_type", ROW_TYPE.asSummaryString());
        try (PostgresServer pg = PostgresServer.start(work.resolve("pg"), Ports.free(), work.resolve("pg.log"), false)) {
            populate(pg);
            if (PARTS.contains("micro")) {
                micro(pg, r);
            }
            if (PARTS.contains("e2e")) {
                endToEnd(pg, r);
            }
            if (PARTS.contains("fresh")) { // memory and freshness alone, in a JVM that ran nothing else
                r.put("paimon_load", loadPaimon(pg));
                r.put("memory_and_freshness", memoryAndFreshness(pg));
            }
            if (PARTS.contains("scale")) {
                try {
                    scale(pg, r);
                } catch (Exception | OutOfMemoryError e) {
                    e.printStackTrace();
                    r.put("scale_error", String.valueOf(e));
                }
            }
        }
        String json = toJson(r);
        if (PARTS.equals(java.util.Set.of("fresh"))) {
            Files.writeString(out.resolve("paimon".equals(System.getProperty("fresh"))
                    ? "sideinput-memory-paimon-alone.json" : "sideinput-memory.json"), json);
            System.out.println(json);
            return;
        }
        Files.writeString(out.resolve("sideinput.json"), json);
        if (PARTS.contains("micro") && PARTS.contains("e2e")) {
            chart(r, out.resolve("sideinput.png"));
        }
        if (r.containsKey("scale")) {
            scaleChart(r, out.resolve("sideinput-scale.png"));
        }
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
        // the KeyIndex before the primitive-key fast path against the current one, interleaved
        KeyIndexBefore committed = KeyIndexBefore.build(store.get(), BY_ID);
        List<Double> old = new ArrayList<>();
        List<Double> now = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            old.add(lookupRate(key -> committed.lookup(store.get(), key).size(), 1, ROWS));
            now.add(lookupRate(key -> lookup(store, key), 1, ROWS));
        }
        r.put("lookups_per_second_hits_key_index_before", old);
        r.put("lookups_per_second_hits_key_index_after", now);
        r.put("key_index_speedup_median", median(now) / median(old));
        r.put("lookups_per_second_misses_1_thread", lookupRate(store, 2L * ROWS, 3L * ROWS));

        r.put("lookup_latency_ns_idle", latencies(store, false));
        r.put("lookup_latency_ns_during_reloads", latencies(store, true));
        store.close();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    private static double lookupRate(SnapshotStore store, long from, long to) {
        return lookupRate(key -> lookup(store, key), from, to);
    }

    private static double lookupRate(java.util.function.ToIntFunction<RowData> lookup, long from, long to) {
        SplittableRandom random = new SplittableRandom(42);
        long found = 0;
        long count = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        while (System.nanoTime() < deadline) { // warm-up
            found += lookup.applyAsInt(GenericRowData.of(random.nextLong(from, to)));
        }
        long start = System.nanoTime();
        deadline = start + Duration.ofSeconds(SECONDS).toNanos();
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < 1000; i++) {
                found += lookup.applyAsInt(GenericRowData.of(random.nextLong(from, to)));
            }
            count += 1000;
        }
        double rate = count / ((System.nanoTime() - start) / 1e9);
        System.out.printf(Locale.ROOT, "lookups %d..%d: %.0f/s (found %d)%n", from, to, rate, found);
        return Math.round(rate);
    }

    private static int lookup(SnapshotStore store, long id) {
        return lookup(store, GenericRowData.of(id));
    }

    private static int lookup(SnapshotStore store, RowData key) {
        Snapshot s = store.get();
        KeyIndex index = s.index(BY_ID);
        return s.lookup(index, key).size();
    }

    /** Table sizes of the scale curve (the PostgreSQL table grows to each in turn). */
    private static final long[] SCALE = Arrays.stream(System.getProperty("scale", "1000000,5000000,10000000").split(","))
            .mapToLong(Long::parseLong).toArray();

    private static void scale(PostgresServer pg, Map<String, Object> r) throws Exception {
        List<Map<String, Object>> points = new ArrayList<>();
        long current = ROWS;
        for (long rows : SCALE) {
            if (rows > current) {
                try (Connection c = pg.connect(); Statement s = c.createStatement()) {
                    s.execute("INSERT INTO customers SELECT g, (ARRAY['gold','silver','bronze','platinum'])[1 + g % 4],"
                            + " (ARRAY['DE','FR','US','PL','BR'])[1 + g % 5], TIMESTAMP '2026-01-01' + g * INTERVAL '1 second'"
                            + " FROM generate_series(" + (current + 1) + ", " + rows + ") g");
                    s.execute("VACUUM ANALYZE customers");
                }
                current = rows;
            }
            long before = usedHeap();
            SnapshotStore store = store(pg);
            long t = System.nanoTime();
            check(store.refresh());
            long loadMs = (System.nanoTime() - t) / 1_000_000;
            long heap = usedHeap() - before;
            Snapshot serving = store.get();
            // a reload builds the next snapshot while the current one still serves: the peak
            t = System.nanoTime();
            check(store.refresh());
            long reloadMs = (System.nanoTime() - t) / 1_000_000;
            long peak = usedHeap() - before;
            check(serving.rows() == rows && store.get() != serving);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rows", rows);
            m.put("load_ms", loadMs);
            m.put("reload_ms", reloadMs);
            m.put("heap_bytes", heap);
            m.put("heap_bytes_per_row", heap / (double) rows);
            m.put("heap_bytes_during_reload", peak);
            m.put("lookups_per_second_hits_1_thread", lookupRate(store, 1, rows));
            store.close();
            points.add(m);
            System.out.printf(Locale.ROOT, "scale: %s%n", m);
        }
        Map<String, Object> sc = new LinkedHashMap<>();
        sc.put("points", points);
        Map<String, Object> largest = points.get(points.size() - 1);
        double perRow = (double) largest.get("heap_bytes_per_row");
        // a 4 GiB TaskManager heap: Flink's framework heap (128 MiB) and a margin for the job's own
        // objects and GC headroom (25%) are not available; a reload holds two snapshots at once
        double usable = (4096.0 - 128) * (1 << 20) * 0.75;
        sc.put("max_rows_4g_heap_derived", (long) (usable / (2 * perRow)));
        sc.put("max_rows_4g_heap_method", "derived: (4 GiB - 128 MiB framework heap) x 0.75 / (2 snapshots during a"
                + " reload x " + String.format(Locale.ROOT, "%.1f", perRow) + " heap bytes/row measured at "
                + largest.get("rows") + " rows)");
        r.put("scale", sc);
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
    private static long settledTableScans(PostgresServer pg) {
        AtomicLong last = new AtomicLong(-1);
        Poll.await("PostgreSQL's scan counts of 'customers' to settle", Duration.ofMinutes(2), Duration.ofSeconds(1), () -> {
            long now;
            try {
                now = tableScans(pg);
            } catch (Exception e) {
                throw new IllegalStateException("could not read pg_stat_user_tables: " + e.getMessage(), e);
            }
            return now == last.getAndSet(now);
        });
        return last.get();
    }

    private static String sideInputDdl(PostgresServer pg, String refresh) {
        return "CREATE TABLE customers (id BIGINT, tier STRING, country STRING, updated_at TIMESTAMP(3),"
                + " PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'side-input', 'source' = 'jdbc',"
                + " 'jdbc.url' = '" + pg.jdbcUrl() + "', 'jdbc.table' = 'customers', 'refresh.interval' = '" + refresh + "')";
    }

    private static final String PAIMON_TABLE = "paimon.bench.customers";
    /** Paimon's own default, written out: how often a lookup join looks for a new table snapshot. */
    private static final String PAIMON_DISCOVERY = "10s";

    private static String paimonCatalog() {
        return "CREATE CATALOG paimon WITH ('type' = 'paimon', 'warehouse' = '" + work.resolve("paimon").toUri() + "')";
    }

    private static void endToEnd(PostgresServer pg, Map<String, Object> r) throws Exception {
        String jdbc = "CREATE TABLE customers (id BIGINT, tier STRING, country STRING, updated_at TIMESTAMP(3),"
                + " PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'jdbc', 'url' = '" + pg.jdbcUrl() + "',"
                + " 'table-name' = 'customers', 'lookup.cache' = 'PARTIAL',"
                + " 'lookup.partial-cache.max-rows' = '100000', 'lookup.partial-cache.expire-after-write' = '1h')";
        Map<String, Object> e2e = new LinkedHashMap<>();
        r.put("end_to_end", e2e);
        e2e.put("events", EVENTS);
        e2e.put("event_keys", "uniform random customer ids in [1, " + ROWS + "], datagen, parallelism 1");
        e2e.put("jdbc_cache", "lookup.cache=PARTIAL, max-rows=100000, expire-after-write=1h");
        e2e.put("no_join_baseline", enrich(pg, "no join", List.of(), null));
        e2e.put("side_input", enrich(pg, "side-input", List.of(sideInputDdl(pg, "1h")), "customers"));
        e2e.put("side_input_cost_vs_no_join", ratio(e2e, "no_join_baseline", "side_input"));
        if (PARTS.contains("paimon")) {
            e2e.put("paimon_load", loadPaimon(pg));
            e2e.put("paimon_lookup", enrich(pg, "paimon", List.of(paimonCatalog()), PAIMON_TABLE));
            e2e.put("throughput_ratio_side_input_vs_paimon", ratio(e2e, "paimon_lookup", "side_input"));
        }
        if (PARTS.contains("jdbc")) {
            e2e.put("jdbc_partial_cache", enrich(pg, "jdbc", List.of(jdbc), "customers"));
            e2e.put("throughput_ratio_side_input_vs_jdbc", ratio(e2e, "jdbc_partial_cache", "side_input"));
            @SuppressWarnings("unchecked")
            Map<String, Object> s = (Map<String, Object>) e2e.get("side_input");
            @SuppressWarnings("unchecked")
            Map<String, Object> j = (Map<String, Object>) e2e.get("jdbc_partial_cache");
            e2e.put("query_ratio_jdbc_vs_side_input",
                    (double) (long) j.get("postgres_queries") / Math.max(1L, (long) s.get("postgres_queries")));
        }
        if (PARTS.contains("paimon")) {
            e2e.put("memory_and_freshness", memoryAndFreshness(pg));
        }
    }

    private static Map<String, Object> memoryAndFreshness(PostgresServer pg) {
        {
            Map<String, Object> fresh = new LinkedHashMap<>();
            fresh.put("method", "one probe key (id " + PROBE_ID + "), 100 events/s, SELECT ... collect(); after the first"
                    + " enriched row: used heap after GC, direct/mapped buffers, RSS and temp-disk growth against"
                    + " before the job; then the probe row is updated twice in the source and the time from the"
                    + " committed update to the first enriched event that shows it is taken");
            try {
                // -Dfresh=paimon: Paimon alone, so that no other job's memory is released inside its window
                if (!"paimon".equals(System.getProperty("fresh"))) {
                    fresh.put("side_input", freshness("side-input", List.of(sideInputDdl(pg, PAIMON_DISCOVERY)),
                            "customers", tier -> updatePostgres(pg, tier)));
                }
                fresh.put("paimon", freshness("paimon", List.of(paimonCatalog()), PAIMON_TABLE, SideInputBenchmark::updatePaimon));
            } catch (Exception e) { // keep the rest of the run; the JSON says what failed
                e.printStackTrace();
                fresh.put("error", String.valueOf(e));
            }
            fresh.put("refresh", "side-input refresh.interval = " + PAIMON_DISCOVERY + " (full reload);"
                    + " Paimon continuous.discovery-interval = " + PAIMON_DISCOVERY + " (its default)");
            return fresh;
        }
    }

    @SuppressWarnings("unchecked")
    private static double ratio(Map<String, Object> e2e, String slower, String faster) {
        return (double) ((Map<String, Object>) e2e.get(faster)).get("events_per_second")
                / (double) ((Map<String, Object>) e2e.get(slower)).get("events_per_second");
    }

    private static final long PROBE_ID = 4242;

    private static Configuration flinkConf() {
        Configuration conf = new Configuration();
        conf.setString("parallelism.default", "1");
        conf.setString("io.tmp.dirs", work.resolve("flink-tmp").toString());
        return conf;
    }

    private static TableEnvironment streaming() {
        return TableEnvironment.create(EnvironmentSettings.newInstance().inStreamingMode().withConfiguration(flinkConf()).build());
    }

    private static TableEnvironment batch() {
        return TableEnvironment.create(EnvironmentSettings.newInstance().inBatchMode().withConfiguration(flinkConf()).build());
    }

    /** The same 1M rows into a Paimon primary-key table on the local file system, by a Flink batch job. */
    private static Map<String, Object> loadPaimon(PostgresServer pg) throws Exception {
        TableEnvironment env = batch();
        env.executeSql(paimonCatalog());
        env.executeSql("CREATE DATABASE IF NOT EXISTS paimon.bench");
        String options = "'bucket' = '4', 'continuous.discovery-interval' = '" + PAIMON_DISCOVERY + "'";
        env.executeSql("CREATE TABLE " + PAIMON_TABLE + " (id BIGINT, tier STRING, country STRING, updated_at TIMESTAMP(3),"
                + " PRIMARY KEY (id) NOT ENFORCED) WITH (" + options + ")");
        env.executeSql("CREATE TEMPORARY TABLE pg_customers (id BIGINT, tier STRING, country STRING, updated_at TIMESTAMP(3))"
                + " WITH ('connector' = 'jdbc', 'url' = '" + pg.jdbcUrl() + "', 'table-name' = 'customers')");
        long t = System.nanoTime();
        env.executeSql("INSERT INTO " + PAIMON_TABLE + " SELECT * FROM pg_customers").await();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seconds", (System.nanoTime() - t) / 1e9);
        m.put("table_options", options + ", everything else Paimon 1.1.1 defaults");
        m.put("warehouse_bytes", directoryBytes(work.resolve("paimon")));
        System.out.printf(Locale.ROOT, "paimon load: %.1f s%n", (double) m.get("seconds"));
        return m;
    }

    private static void updatePostgres(PostgresServer pg, String tier) throws Exception {
        try (Connection c = pg.connect(); Statement s = c.createStatement()) {
            check(s.executeUpdate("UPDATE customers SET tier = '" + tier + "' WHERE id = " + PROBE_ID) == 1);
        }
    }

    private static void updatePaimon(String tier) throws Exception {
        TableEnvironment env = batch();
        env.executeSql(paimonCatalog());
        env.executeSql("INSERT INTO " + PAIMON_TABLE + " VALUES (CAST(" + PROBE_ID + " AS BIGINT), '" + tier
                + "', 'DE', TIMESTAMP '2026-01-01 00:00:00')").await();
    }

    private interface Update {
        void apply(String tier) throws Exception;
    }

    private static Map<String, Object> freshness(String label, List<String> setup, String customers, Update update)
            throws Exception {
        // the MiniCluster of the previous job shuts down asynchronously: wait until used heap after
        // GC is steady before taking the baseline
        long heapBefore = usedHeap();
        for (int i = 0; i < 30; i++) {
            Thread.sleep(1000);
            long now = usedHeap();
            if (Math.abs(now - heapBefore) < (8 << 20)) {
                heapBefore = now;
                break;
            }
            heapBefore = now;
        }
        long rssBefore = rssBytes();
        long diskBefore = tempBytes();
        TableEnvironment env = streaming();
        env.executeSql("CREATE TABLE events (x INT, customer_id AS CAST(" + PROBE_ID + " AS BIGINT),"
                + " proc_time AS PROCTIME()) WITH ('connector' = 'datagen', 'rows-per-second' = '100')");
        setup.forEach(env::executeSql);
        long start = System.nanoTime();
        TableResult result = env.executeSql("SELECT c.tier FROM events AS e JOIN " + customers
                + " FOR SYSTEM_TIME AS OF e.proc_time AS c ON e.customer_id = c.id");
        Map<String, Object> m = new LinkedHashMap<>();
        try (CloseableIterator<Row> rows = result.collect()) {
            rows.next();
            m.put("first_enriched_event_after_submit_ms", (System.nanoTime() - start) / 1_000_000);
            m.put("heap_after_gc_growth_bytes", usedHeap() - heapBefore);
            m.put("direct_and_mapped_buffer_bytes", bufferBytes());
            m.put("rss_growth_bytes", rssBytes() - rssBefore);
            m.put("temp_disk_growth_bytes", tempBytes() - diskBefore);
            List<Long> latencies = new ArrayList<>();
            for (int i = 1; i <= 2; i++) {
                String tier = label + "-update-" + i;
                update.apply(tier);
                long t0 = System.nanoTime();
                long deadline = t0 + Duration.ofSeconds(120).toNanos();
                while (!tier.equals(String.valueOf(rows.next().getField(0)))) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(label + ": update " + tier + " not seen within 120 s");
                    }
                }
                latencies.add((System.nanoTime() - t0) / 1_000_000);
            }
            m.put("update_to_first_enriched_event_ms", latencies);
        }
        System.out.printf(Locale.ROOT, "%s freshness: %s%n", label, m);
        return m;
    }

    private static long rssBytes() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }

    private static long bufferBytes() {
        long b = 0;
        for (BufferPoolMXBean p : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            b += p.getMemoryUsed();
        }
        return b;
    }

    /** Flink's io.tmp.dirs plus what a lookup join puts straight into java.io.tmpdir (Paimon: lookup-*). */
    private static long tempBytes() throws Exception {
        long b = directoryBytes(work.resolve("flink-tmp"));
        try (var entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                if (p.getFileName().toString().startsWith("lookup")) {
                    b += directoryBytes(p);
                }
            }
        }
        return b;
    }

    private static long directoryBytes(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static Map<String, Object> enrich(PostgresServer pg, String label, List<String> setup, String customers)
            throws Exception {
        TableEnvironment env = streaming();
        env.executeSql("CREATE TABLE events (customer_id BIGINT, proc_time AS PROCTIME()) WITH ("
                + " 'connector' = 'datagen', 'number-of-rows' = '" + EVENTS + "', 'rows-per-second' = '1000000000',"
                + " 'fields.customer_id.min' = '1', 'fields.customer_id.max' = '" + ROWS + "')");
        env.executeSql("CREATE TABLE enriched (customer_id BIGINT, tier STRING, country STRING) WITH ('connector' = 'blackhole')");
        setup.forEach(env::executeSql);
        // without a table: the same job without the join, job start and event generation alone
        String insert = customers == null ? "INSERT INTO enriched SELECT customer_id, 'x', 'y' FROM events"
                : "INSERT INTO enriched SELECT e.customer_id, c.tier, c.country FROM events AS e"
                        + " JOIN " + customers + " FOR SYSTEM_TIME AS OF e.proc_time AS c ON e.customer_id = c.id";
        long scansBefore = settledTableScans(pg);
        jdk.jfr.Recording recording = null;
        if (JFR_DIR != null) {
            recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
            recording.setDestination(Path.of(JFR_DIR, label.replace(' ', '-') + ".jfr"));
            recording.start();
        }
        long start = System.nanoTime();
        env.executeSql(insert).await();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (recording != null) {
            recording.stop();
            recording.close();
        }
        long queries = settledTableScans(pg) - scansBefore;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("wall_seconds_including_job_start", seconds);
        m.put("events_per_second", EVENTS / seconds);
        m.put("postgres_queries", queries);
        System.out.printf(Locale.ROOT, "%s: %.1f s, %.0f events/s, %d queries%n", label, seconds, EVENTS / seconds, queries);
        return m;
    }

    @SuppressWarnings("unchecked")
    private static void chart(Map<String, Object> r, Path png) throws Exception {
        Map<String, Object> e2e = (Map<String, Object>) r.get("end_to_end");
        List<String> names = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        List<Double> queries = new ArrayList<>();
        for (String[] v : new String[][] {{"no join", "no_join_baseline"}, {"side-input", "side_input"},
                {"Paimon", "paimon_lookup"}, {"JDBC PARTIAL", "jdbc_partial_cache"}}) {
            Map<String, Object> m = (Map<String, Object>) e2e.get(v[1]);
            if (m != null) {
                names.add(v[0]);
                rates.add((Double) m.get("events_per_second"));
                queries.add(((Long) m.get("postgres_queries")).doubleValue());
            }
        }
        List<CategoryChart> charts = new ArrayList<>(List.of(
                bars("enrichment throughput (events/s)", names, rates),
                bars("queries sent to PostgreSQL", names, queries),
                bars("heap bytes per row", List.of("side-input snapshot", "GenericRowData copy"),
                        List.of((Double) r.get("snapshot_heap_bytes_per_row"),
                                (Double) r.get("generic_row_data_heap_bytes_per_row")))));
        Map<String, Object> fresh = (Map<String, Object>) e2e.get("memory_and_freshness");
        if (fresh != null && fresh.containsKey("paimon")) {
            Map<String, Object> s = (Map<String, Object>) fresh.get("side_input");
            Map<String, Object> p = (Map<String, Object>) fresh.get("paimon");
            CategoryChart mem = new CategoryChartBuilder().width(420).height(360)
                    .title("TaskManager memory, 1M rows (MiB)").build();
            mem.getStyler().setLabelsVisible(true);
            List<String> kinds = List.of("heap", "RSS growth", "temp disk");
            mem.addSeries("side-input", kinds, mib(s));
            mem.addSeries("Paimon", kinds, mib(p));
            charts.add(mem);
            charts.add(bars("update to first enriched event (s, median)", List.of("side-input", "Paimon"),
                    List.of(medianSeconds(s), medianSeconds(p))));
        }
        BitmapEncoder.saveBitmap(charts, 1, charts.size(), png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /**
     * -Dparts=charts: the PNGs again from the committed JSON files, the memory panel from the
     * separate memory runs (side-input from sideinput-memory.json, Paimon from
     * sideinput-memory-paimon-alone.json: alone in its JVM, so no other job's memory is released
     * inside its window), the freshness panel from sideinput-memory.json (both from one run).
     */
    @SuppressWarnings("unchecked")
    private static void charts(Path dir) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper()
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_LONG_FOR_INTS);
        Map<String, Object> r = json.readValue(dir.resolve("sideinput.json").toFile(), Map.class);
        Map<String, Object> e2e = (Map<String, Object>) r.get("end_to_end");
        e2e.remove("memory_and_freshness");
        Path mem = dir.resolve("sideinput-memory.json");
        Path alone = dir.resolve("sideinput-memory-paimon-alone.json");
        if (Files.exists(mem) && Files.exists(alone)) {
            Map<String, Object> both = (Map<String, Object>) json.readValue(mem.toFile(), Map.class).get("memory_and_freshness");
            Map<String, Object> paimon = (Map<String, Object>) ((Map<String, Object>) json.readValue(alone.toFile(), Map.class)
                    .get("memory_and_freshness")).get("paimon");
            Map<String, Object> fresh = new LinkedHashMap<>();
            fresh.put("side_input", both.get("side_input"));
            Map<String, Object> p = new LinkedHashMap<>(paimon);
            p.put("update_to_first_enriched_event_ms", ((Map<String, Object>) both.get("paimon")).get("update_to_first_enriched_event_ms"));
            fresh.put("paimon", p);
            e2e.put("memory_and_freshness", fresh);
        }
        chart(r, dir.resolve("sideinput.png"));
        if (r.containsKey("scale")) {
            scaleChart(r, dir.resolve("sideinput-scale.png"));
        }
    }

    private static List<Double> mib(Map<String, Object> m) {
        return List.of(toMiB((Long) m.get("heap_after_gc_growth_bytes")), toMiB((Long) m.get("rss_growth_bytes")),
                toMiB((Long) m.get("temp_disk_growth_bytes")));
    }

    /** Whole MiB: a chart label needs no more. */
    private static double toMiB(long bytes) {
        return Math.round(bytes / 1048576.0);
    }

    @SuppressWarnings("unchecked")
    private static double medianSeconds(Map<String, Object> m) {
        List<Double> l = new ArrayList<>();
        ((List<Long>) m.get("update_to_first_enriched_event_ms")).forEach(v -> l.add(v / 1000.0));
        return median(l);
    }

    @SuppressWarnings("unchecked")
    private static void scaleChart(Map<String, Object> r, Path png) throws Exception {
        List<Map<String, Object>> points = (List<Map<String, Object>>) ((Map<String, Object>) r.get("scale")).get("points");
        List<String> rows = new ArrayList<>();
        List<Double> loadS = new ArrayList<>();
        List<Double> heapMiB = new ArrayList<>();
        List<Double> peakMiB = new ArrayList<>();
        List<Double> perRow = new ArrayList<>();
        List<Double> rate = new ArrayList<>();
        for (Map<String, Object> p : points) {
            rows.add(((Long) p.get("rows")) / 1_000_000 + "M rows");
            loadS.add(((Long) p.get("load_ms")) / 1000.0);
            heapMiB.add(toMiB((Long) p.get("heap_bytes")));
            peakMiB.add(toMiB((Long) p.get("heap_bytes_during_reload")));
            perRow.add((Double) p.get("heap_bytes_per_row"));
            rate.add((Double) p.get("lookups_per_second_hits_1_thread"));
        }
        CategoryChart heap = new CategoryChartBuilder().width(420).height(360).title("heap (MiB)").build();
        heap.getStyler().setLabelsVisible(true);
        heap.addSeries("serving", rows, heapMiB);
        heap.addSeries("during a reload", rows, peakMiB);
        List<CategoryChart> charts = List.of(bars("first load from PostgreSQL (s)", rows, loadS), heap,
                bars("heap bytes per row", rows, perRow), bars("lookups/s, 1 thread", rows, rate));
        BitmapEncoder.saveBitmap(charts, 1, charts.size(), png.toString(), BitmapEncoder.BitmapFormat.PNG);
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
