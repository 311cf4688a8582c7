package dev.sqlpack.stack.gateway;

import java.util.List;

/** Splits a SQL script into statements at semicolons outside quotes and comments (see SqlStatements). */
public final class SqlScript {
    private SqlScript() {}

    public static List<String> split(String script) {
        return dev.sqlpack.gateway.SqlStatements.split(script);
    }
}
