package dev.sqlpack.connector.rabbitmq.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PrefetchTest {
    @Test
    void upToTheProtocolLimitIsOneConsumer() {
        assertThat(Prefetch.perConsumer(1)).containsExactly(1);
        assertThat(Prefetch.perConsumer(1000)).containsExactly(1000);
        assertThat(Prefetch.perConsumer(65_535)).containsExactly(65_535);
    }

    @Test
    void aboveItTheWindowIsSplitEvenlyOverAsFewConsumersAsPossible() {
        // 65,536 needs two consumers; 32,768 each
        assertThat(Prefetch.perConsumer(65_536)).containsExactly(32_768, 32_768);
        // 131,071 = 2 x 65,535 + 1 needs three: 43,691 + 43,690 + 43,690
        assertThat(Prefetch.perConsumer(131_071)).containsExactly(43_691, 43_690, 43_690);
        assertThat(Prefetch.perConsumer(200_000)).containsExactly(50_000, 50_000, 50_000, 50_000);
        assertThat(Prefetch.perConsumer(Prefetch.MAX)).hasSize(10).containsOnly(65_535);
    }

    @Test
    void everyShareIsWithinTheLimitAndTheSharesAddUpExactly() {
        for (int total : new int[] {2, 65_534, 65_535, 65_536, 100_001, 262_144, 655_349, 655_350}) {
            int[] shares = Prefetch.perConsumer(total);
            assertThat(Arrays.stream(shares).sum()).as("sum for %d", total).isEqualTo(total);
            assertThat(Arrays.stream(shares).boxed()).allMatch(s -> s >= 1 && s <= Prefetch.PER_CONSUMER_MAX);
            assertThat(shares.length).as("consumers for %d", total).isEqualTo((total + 65_534) / 65_535);
        }
    }

    @Test
    void rejectsCountsOutsideTheRange() {
        assertThatThrownBy(() -> Prefetch.perConsumer(0)).hasMessage("prefetch count 0 is outside 1..655350");
        assertThatThrownBy(() -> Prefetch.perConsumer(655_351)).hasMessage("prefetch count 655351 is outside 1..655350");
    }
}
