package dev.sqlpack.stack.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sqlpack.stack.gateway.GatewayClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class DemoTallyTest {
    private static GatewayClient.RowChange row(String... texts) {
        List<JsonNode> fields = Arrays.stream(texts).map(t -> (JsonNode) JsonNodeFactory.instance.textNode(t)).toList();
        return new GatewayClient.RowChange("INSERT", fields);
    }

    private static String summary(DemoTally tally) {
        StringWriter s = new StringWriter();
        AcknowledgedProducer events = new AcknowledgedProducer("127.0.0.1:1", "t", new ClickstreamGenerator(1, 10, 0),
                1, new AtomicBoolean(true), line -> {});
        tally.printSummary(new PrintWriter(s, true), events, new ClickstreamGenerator(1, 10, 0));
        return s.toString();
    }

    @Test
    void countsEachKindAndTheFirstWindowShowingPlatinum() {
        DemoTally tally = new DemoTally();
        tally.count(List.of(row("TUMBLE", "10:00:00"), row("TUMBLE", "10:00:10"), row("SESSION", "u1"),
                row("TIER", "10:00:00", "x", "gold"), row("LATE", "e7")));
        tally.upgraded("10:00:30");
        tally.count(List.of(row("TIER", "10:00:40", "x", "platinum"), row("TIER", "10:00:50", "x", "platinum"),
                row("UTM", "google"), row("UNKNOWN", "ignored")));

        assertThat(tally.upgraded()).isTrue();
        assertThat(summary(tally)).contains(
                "TUMBLE windows emitted: 2 ", "SESSION windows shown:  1 ", "late events seen:       1 ",
                "TIER windows emitted:   3 ", "UTM windows emitted:    1 ",
                "u1 upgraded to platinum at 10:00:30; first window showing platinum: 10:00:40");
    }

    @Test
    void anEmptyRunSaysWhatWasNotReached() {
        DemoTally tally = new DemoTally();
        tally.count(List.of());

        assertThat(tally.upgraded()).isFalse();
        assertThat(summary(tally)).contains("TUMBLE windows emitted: 0 ",
                "u1 upgraded to platinum at (not reached); first window showing platinum: (none yet: run longer with --duration)");
    }
}
