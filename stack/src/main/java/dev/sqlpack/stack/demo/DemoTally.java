package dev.sqlpack.stack.demo;

import dev.sqlpack.stack.gateway.GatewayClient;
import java.io.PrintWriter;
import java.util.List;

/**
 * What the demo's live query emitted, counted by the kind in its first column (TUMBLE, SESSION,
 * TIER, UTM, LATE), and when the enrichment refresh showed: the demo's summary.
 */
public final class DemoTally {
    private long windows;
    private long sessions;
    private long late;
    private long tierWindows;
    private long utmWindows;
    private String upgradedAt;
    private String firstPlatinumWindow;

    /** Counts rows of the query's result: {@code kind, window, ...}; a TIER row holds the tier in column 4. */
    public void count(List<GatewayClient.RowChange> rows) {
        for (GatewayClient.RowChange r : rows) {
            String kind = r.texts().get(0);
            if (kind.startsWith("TUMBLE")) {
                windows++;
            } else if (kind.startsWith("SESSION")) {
                sessions++;
            } else if (kind.startsWith("TIER")) {
                tierWindows++;
                if (firstPlatinumWindow == null && "platinum".equals(r.texts().get(3))) {
                    firstPlatinumWindow = r.texts().get(1);
                }
            } else if (kind.startsWith("UTM")) {
                utmWindows++;
            } else if (kind.startsWith("LATE")) {
                late++;
            }
        }
    }

    /** Records when u1 was upgraded (see {@link DemoUsers#upgradeBusiest}). */
    public void upgraded(String at) {
        upgradedAt = at;
    }

    public boolean upgraded() {
        return upgradedAt != null;
    }

    public void printSummary(PrintWriter out, AcknowledgedProducer events, ClickstreamGenerator generator) {
        out.println();
        out.println("Summary");
        out.printf("  events produced:        %d acknowledged by Kafka (%d generated late, 30-90 s behind their event time)%n",
                events.acknowledged(), generator.lateProduced());
        if (events.undelivered() > 0 || events.pending() > 0) {
            out.printf("  events NOT delivered:   %d (broker unreachable; last error: %s)%n",
                    events.undelivered() + events.pending(), events.lastFailure());
        }
        out.printf("  TUMBLE windows emitted: %d (10 s windows)%n", windows);
        out.printf("  SESSION windows shown:  %d (per user, 20 s gap, 5+ events)%n", sessions);
        out.printf("  late events seen:       %d (behind the watermark; dropped by the windows)%n", late);
        out.printf("  TIER windows emitted:   %d (revenue per tier; tier looked up in PostgreSQL via side-input)%n", tierWindows);
        out.printf("  UTM windows emitted:    %d (visits per utm_source, parsed with URL_QUERY_PARAMS)%n", utmWindows);
        out.printf("  enrichment refresh:     u1 upgraded to platinum at %s; first window showing platinum: %s%n",
                upgradedAt == null ? "(not reached)" : upgradedAt,
                firstPlatinumWindow == null ? "(none yet: run longer with --duration)" : firstPlatinumWindow);
    }
}
