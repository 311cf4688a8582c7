package dev.sqlpack.connector.sideinput.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SharedSnapshotsTest {

    @Test
    void sharesOneStorePerDefinitionAndClosesItWithTheLastUser() {
        ManualTime time = new ManualTime();
        AtomicInteger created = new AtomicInteger();
        RefreshPolicy policy = new RefreshPolicy(Duration.ofHours(1), Duration.ZERO, RefreshPolicy.OnFailure.KEEP_LAST,
                Duration.ofSeconds(1), null, RefreshPolicy.OnStale.WARN, 0, Duration.ofSeconds(5));
        java.util.function.Function<String, SnapshotStore> factory = key -> {
            created.incrementAndGet();
            return new SnapshotStore(new FakeLoader().rows(3, "gold"), FakeLoader.ROW_TYPE, policy, time, time, () -> 0);
        };
        SharedSnapshots.Lease a = SharedSnapshots.acquire("customers", factory);
        SharedSnapshots.Lease b = SharedSnapshots.acquire("customers", factory);
        SharedSnapshots.Lease other = SharedSnapshots.acquire("merchants", factory);

        assertThat(a.store()).isSameAs(b.store()).isNotSameAs(other.store());
        assertThat(created).hasValue(2);
        assertThat(SharedSnapshots.references("customers")).isEqualTo(2);

        a.close();
        a.close();
        assertThat(SharedSnapshots.references("customers")).isEqualTo(1);
        assertThat(time.closed()).isFalse();
        b.close();
        assertThat(SharedSnapshots.references("customers")).isZero();
        assertThat(time.closed()).isTrue();
        other.close();
    }
}
