package dev.sqlpack.connector.sideinput.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SnapshotStoreTest {
    private static final Duration INTERVAL = Duration.ofHours(3);
    private static final KeySet BY_ID = new KeySet(0);

    private final ManualTime time = new ManualTime();
    private final FakeLoader loader = new FakeLoader().rows(10, "gold");
    private SnapshotStore store;

    private static RefreshPolicy policy() {
        return new RefreshPolicy(INTERVAL, Duration.ZERO, RefreshPolicy.OnFailure.KEEP_LAST, Duration.ofSeconds(30),
                null, RefreshPolicy.OnStale.WARN, 0.0, Duration.ofSeconds(5));
    }

    private SnapshotStore open(RefreshPolicy policy, double random) throws Exception {
        store = new SnapshotStore(loader, FakeLoader.ROW_TYPE, policy, time, time, () -> random);
        store.registerKeys(BY_ID);
        store.open();
        time.advance(Duration.ZERO);
        return store;
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private String tierOf(long id) {
        Snapshot s = store.get();
        List<RowData> rows = List.copyOf(s.lookup(s.index(BY_ID), GenericRowData.of(id)));
        return rows.isEmpty() ? null : rows.get(0).getString(1).toString();
    }

    @Test
    void servesTheFirstLoadOnceOpened() throws Exception {
        open(policy(), 0);
        store.awaitFirstLoad();
        assertThat(tierOf(3)).isEqualTo("gold");
        assertThat(tierOf(11)).isNull();
        assertThat(store.rows()).isEqualTo(10);
        assertThat(store.loads()).isEqualTo(1);
    }

    @Test
    void reloadsExactlyWhenTheIntervalHasPassed() throws Exception {
        open(policy(), 0);
        loader.rows(10, "silver");
        time.advance(INTERVAL.minusMillis(1));
        assertThat(tierOf(3)).isEqualTo("gold");
        time.advance(Duration.ofMillis(1));
        assertThat(tierOf(3)).isEqualTo("silver");
        assertThat(store.loads()).isEqualTo(2);
    }

    @Test
    void addsTheJitterFractionToTheInterval() throws Exception {
        RefreshPolicy p = policy();
        open(new RefreshPolicy(p.interval(), Duration.ofMinutes(10), p.onFailure(), p.retryBackoff(), null,
                p.onStale(), 0, p.firstLoadTimeout()), 0.5);
        assertThat(time.nextDelayMillis()).isEqualTo(INTERVAL.plusMinutes(5).toMillis());
    }

    @Test
    void skipsTheReloadWhenTheSourceVersionIsUnchanged() throws Exception {
        loader.version("v1");
        open(policy(), 0);
        time.advance(Duration.ofHours(1));
        time.advance(INTERVAL);
        assertThat(loader.reads).isEqualTo(1);
        assertThat(store.unchangedChecks()).isEqualTo(1);
        assertThat(store.snapshotAgeMillis()).isEqualTo(Duration.ofHours(1).toMillis());
        loader.version("v2").rows(10, "silver");
        time.advance(INTERVAL);
        assertThat(loader.reads).isEqualTo(2);
        assertThat(tierOf(1)).isEqualTo("silver");
    }

    @Test
    void keepsServingLastSnapshotWhenReloadFails() throws Exception {
        open(policy(), 0);
        loader.failWith(new SQLException("connection refused")).rows(10, "silver");
        time.advance(INTERVAL);
        assertThat(tierOf(3)).isEqualTo("gold");
        assertThat(store.loadFailures()).isEqualTo(1);
        assertThat(time.nextDelayMillis()).isEqualTo(Duration.ofSeconds(30).toMillis());
        time.advance(Duration.ofSeconds(30));
        assertThat(store.loadFailures()).isEqualTo(2);
        assertThat(time.nextDelayMillis()).isEqualTo(Duration.ofSeconds(60).toMillis());
        loader.failWith(null);
        time.advance(Duration.ofSeconds(60));
        assertThat(tierOf(3)).isEqualTo("silver");
        assertThat(time.nextDelayMillis()).isEqualTo(INTERVAL.toMillis());
    }

    @Test
    void doublesTheRetryBackoffUpToTheInterval() {
        RefreshPolicy p = policy();
        assertThat(List.of(1, 2, 3, 9, 20).stream().map(p::delayAfterFailure).collect(Collectors.toList()))
                .containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120),
                        Duration.ofSeconds(7680), INTERVAL);
    }

    @Test
    void failsTheJobWhenReloadFailsUnderOnFailureFail() throws Exception {
        RefreshPolicy p = policy();
        open(new RefreshPolicy(INTERVAL, Duration.ZERO, RefreshPolicy.OnFailure.FAIL, p.retryBackoff(), null,
                p.onStale(), 0, p.firstLoadTimeout()), 0);
        loader.failWith(new SQLException("connection refused"));
        time.advance(INTERVAL);
        assertThatThrownBy(store::get)
                .isInstanceOf(SideInputException.class)
                .hasMessage("side-input source fake customers: reload failed: connection refused");
        assertThat(time.nextDelayMillis()).isEqualTo(-1);
    }

    @Test
    void refusesASnapshotThatShrankBelowTheMinimumRowRatio() throws Exception {
        RefreshPolicy p = policy();
        open(new RefreshPolicy(INTERVAL, Duration.ZERO, p.onFailure(), p.retryBackoff(), null, p.onStale(), 0.5,
                p.firstLoadTimeout()), 0);
        loader.rows(4, "silver");
        time.advance(INTERVAL);
        assertThat(tierOf(3)).isEqualTo("gold");
        assertThat(store.rows()).isEqualTo(10);
        assertThat(store.loadFailures()).isEqualTo(1);
        loader.rows(5, "silver");
        time.advance(Duration.ofSeconds(30));
        assertThat(tierOf(3)).isEqualTo("silver");
    }

    @Test
    void warnsButKeepsServingWhenStaleUnderOnStaleWarn() throws Exception {
        RefreshPolicy p = policy();
        open(new RefreshPolicy(INTERVAL, Duration.ZERO, p.onFailure(), p.retryBackoff(), Duration.ofHours(12),
                RefreshPolicy.OnStale.WARN, 0, p.firstLoadTimeout()), 0);
        loader.failWith(new SQLException("connection refused"));
        time.advance(Duration.ofHours(13));
        assertThat(store.snapshotAgeMillis()).isEqualTo(Duration.ofHours(13).toMillis());
        assertThat(tierOf(3)).isEqualTo("gold");
    }

    @Test
    void failsTheJobWhenStalerThanTheMaximumUnderOnStaleFail() throws Exception {
        RefreshPolicy p = policy();
        open(new RefreshPolicy(INTERVAL, Duration.ZERO, p.onFailure(), p.retryBackoff(), Duration.ofHours(12),
                RefreshPolicy.OnStale.FAIL, 0, p.firstLoadTimeout()), 0);
        loader.failWith(new SQLException("connection refused"));
        time.advance(Duration.ofHours(12));
        assertThat(tierOf(3)).isEqualTo("gold");
        time.advance(Duration.ofMillis(1));
        assertThatThrownBy(store::get)
                .isInstanceOf(SideInputException.class)
                .hasMessageStartingWith("side-input source fake customers: the snapshot is PT12H0.001S old,"
                        + " older than 'refresh.max-staleness' = PT12H; last reload error: java.sql.SQLException:"
                        + " connection refused");
    }

    @Test
    void failsTheFirstLoadAtOnceWhenADeclaredColumnIsMissing() throws Exception {
        loader.failWith(new SchemaMismatchException("column 'tier' is declared in the table but fake has no such column"));
        open(policy(), 0);
        assertThatThrownBy(store::awaitFirstLoad)
                .isInstanceOf(SideInputException.class)
                .hasMessage("side-input source fake customers: first load failed: column 'tier' is declared in the"
                        + " table but fake has no such column");
    }

    @Test
    void namesTheSourceWhenTheFirstLoadTimesOut() throws Exception {
        RefreshPolicy p = policy();
        loader.failWith(new SQLException("connection refused"));
        open(new RefreshPolicy(INTERVAL, Duration.ZERO, p.onFailure(), p.retryBackoff(), null, p.onStale(), 0,
                Duration.ofMillis(1)), 0);
        assertThatThrownBy(store::awaitFirstLoad)
                .isInstanceOf(SideInputException.class)
                .hasMessage("side-input source fake customers did not complete its first load within"
                        + " 'refresh.first-load-timeout' = PT0.001S; last error: java.sql.SQLException: connection refused");
    }

    @Test
    void stopsRefreshingWhenClosed() throws Exception {
        open(policy(), 0);
        store.close();
        assertThat(time.closed()).isTrue();
        store = null;
    }
}
