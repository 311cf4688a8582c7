package dev.sqlpack.stack.recipe;

import dev.sqlpack.stack.gateway.GatewayClient;
import java.util.ArrayList;
import java.util.List;

/**
 * A query's result as text rows ({@code a | b | c}), sorted: the final table after applying
 * retractions, or with {@code changelog} every change prefixed by its kind (+I, -U, +U, -D).
 */
public record QueryResult(String query, List<String> columns, List<String> rows, boolean changelog) {

    static QueryResult of(String query, List<String> columns, List<GatewayClient.RowChange> changes, boolean changelog) {
        List<String> rows = new ArrayList<>();
        for (GatewayClient.RowChange c : changes) {
            String row = String.join(" | ", c.texts());
            if (changelog) {
                rows.add(c.shortKind() + " " + row);
            } else if (c.isRetraction()) {
                rows.remove(row);
            } else {
                rows.add(row);
            }
        }
        rows.sort(null);
        return new QueryResult(query, columns, rows, changelog);
    }
}
