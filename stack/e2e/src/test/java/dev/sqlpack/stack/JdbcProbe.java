package dev.sqlpack.stack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Runs one query through Flink's JDBC driver and prints the first column of each row; run in its
 * own JVM by {@link GatewayExtensionITCase}, because the driver takes its headers (the token)
 * from the process environment (FLINK_REST_CLIENT_HEADERS), as any user's program would.
 */
public final class JdbcProbe {
    private JdbcProbe() {}

    public static void main(String[] args) {
        try (Connection c = DriverManager.getConnection(args[0]); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(args[1])) {
            while (rs.next()) {
                System.out.println("ROW " + rs.getString(1));
            }
            System.exit(0);
        } catch (Exception e) {
            Throwable t = e;
            while (t != null) {
                System.out.println("ERROR " + t);
                t = t.getCause();
            }
            System.exit(2);
        }
    }
}
