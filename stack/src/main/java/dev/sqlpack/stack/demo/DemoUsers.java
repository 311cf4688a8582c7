package dev.sqlpack.stack.demo;

import dev.sqlpack.stack.StackException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalTime;
import java.time.ZoneOffset;

/** The demo's user dimension: PostgreSQL table {@code demo_users}, served to the query by the side-input connector. */
public final class DemoUsers {
    private DemoUsers() {}

    /** 500 users with tiers; u1, the busiest, starts as 'silver'. */
    public static void reset(String jdbcUrl) throws SQLException {
        try (Connection conn = DriverManager.getConnection(jdbcUrl); Statement s = conn.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS demo_users (user_id TEXT PRIMARY KEY, tier TEXT NOT NULL,"
                    + " country TEXT NOT NULL, updated_at TIMESTAMP NOT NULL DEFAULT now())");
            s.execute("INSERT INTO demo_users (user_id, tier, country, updated_at)"
                    + " SELECT 'u' || i, CASE WHEN i = 1 THEN 'silver' WHEN i % 10 = 0 THEN 'gold'"
                    + " WHEN i % 3 = 0 THEN 'silver' ELSE 'bronze' END,"
                    + " (ARRAY['DE','FR','US','GB','NL'])[1 + i % 5], now() FROM generate_series(1, 500) AS i"
                    + " ON CONFLICT (user_id) DO UPDATE SET tier = EXCLUDED.tier, updated_at = now()");
        }
    }

    /** Upgrades u1 to 'platinum' while the query runs; returns the UTC time of day it happened. */
    public static String upgradeBusiest(String jdbcUrl) {
        try (Connection conn = DriverManager.getConnection(jdbcUrl); Statement s = conn.createStatement()) {
            s.executeUpdate("UPDATE demo_users SET tier = 'platinum', updated_at = now() WHERE user_id = 'u1'");
            return LocalTime.now(ZoneOffset.UTC).withNano(0).toString();
        } catch (SQLException e) {
            throw new StackException("Could not update demo_users in PostgreSQL: " + e.getMessage(), e);
        }
    }
}
