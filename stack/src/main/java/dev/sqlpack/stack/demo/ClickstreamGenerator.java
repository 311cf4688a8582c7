package dev.sqlpack.stack.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;

/**
 * Click and payment events with realistic skew (a few heavy users and pages), most arriving
 * within a second or two of their event time, some out of order by several seconds, and a few
 * late: behind the watermark by tens of seconds. Deterministic for a given seed.
 */
public final class ClickstreamGenerator {
    public static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final String[] PAGES = {"/", "/search?q=shoes&utm_source=newsletter", "/product/42?utm_source=ads&utm_campaign=spring",
        "/product/7", "/cart", "/checkout", "/product/13?utm_source=social", "/help", "/?utm_source=ads"};
    private static final String[] TYPES = {"view", "view", "view", "click", "click", "add_to_cart", "payment"};
    private static final String[] COUNTRIES = {"DE", "DE", "FR", "US", "US", "US", "GB", "NL", "BR"};
    private static final String[] AGENTS = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
    };

    private final ObjectMapper json = new ObjectMapper();
    private final Random random;
    private final int users;
    private final double lateFraction;
    private long nextId;
    private long late;

    public ClickstreamGenerator(long seed, int users, double lateFraction) {
        this.random = new Random(seed);
        this.users = users;
        this.lateFraction = lateFraction;
    }

    /** One event observed at wall time {@code now}; its event time lies at or before {@code now}. */
    public Event next(Instant now) {
        long id = nextId++;
        double r = random.nextDouble();
        long delayMs;
        // late events only once the stream has run a while, so the watermark has moved past them
        boolean isLate = r < lateFraction && id > 1_000;
        if (isLate) {
            delayMs = 30_000 + random.nextInt(60_000); // far behind a 5 s watermark delay
            late++;
        } else if (r < lateFraction + 0.10) {
            delayMs = 1_000 + random.nextInt(3_500); // out of order, but within the watermark's bound
        } else {
            delayMs = random.nextInt(800);
        }
        Instant eventTime = now.minusMillis(delayMs);
        String user = "u" + skewed(users);
        String type = TYPES[random.nextInt(TYPES.length)];
        ObjectNode n = json.createObjectNode();
        n.put("event_id", id);
        n.put("user_id", user);
        n.put("event_type", type);
        n.put("page", PAGES[skewed(PAGES.length) - 1]);
        n.put("amount", "payment".equals(type) ? Math.round((5 + random.nextDouble() * 120) * 100) / 100.0 : 0.0);
        n.put("country", COUNTRIES[random.nextInt(COUNTRIES.length)]);
        n.put("user_agent", AGENTS[skewed(AGENTS.length) - 1]);
        n.put("ts", TS.format(eventTime));
        return new Event(user, n.toString(), isLate);
    }

    public long produced() {
        return nextId;
    }

    public long lateProduced() {
        return late;
    }

    /** 1..n, heavily skewed towards small values (a rough power law). */
    private int skewed(int n) {
        double u = random.nextDouble();
        return 1 + (int) Math.floor(n * Math.pow(u, 2.5));
    }

    /** An event: its key (the user), its JSON payload, and whether it was generated late. */
    public record Event(String key, String json, boolean late) {}
}
