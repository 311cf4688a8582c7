package dev.sqlpack.stack.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlpack.stack.gateway.GatewayClient.RowChange;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a statement's result as a table. Streaming results either update in place (on a
 * terminal: changes are applied and the table is redrawn) or, when output is a pipe or file,
 * are printed as a changelog with the change kind (+I, -U, +U, -D) in the first column. Values
 * print as Flink's SQL client prints them, by their column's type ({@link SqlValueFormat}). A
 * changelog row wider than the columns so far is printed under a new, wider header, so every
 * row lines up with the header above it.
 */
final class ResultPrinter {
    private static final int MAX_WIDTH = 64;
    private final PrintWriter out;
    private final boolean inPlace;
    private final List<String> columns;
    private final List<List<String>> table = new ArrayList<>();
    private int[] widths;
    private int drawnLines;
    private long lastDraw;
    private boolean headerPrinted;
    private final boolean showKind;
    private final List<JsonNode> types;
    /** The widths the header on screen was drawn with (changelog mode). */
    private int[] printedWidths;

    ResultPrinter(PrintWriter out, List<String> columns, boolean inPlace, boolean showKind) {
        this(out, columns, List.of(), inPlace, showKind);
    }

    /** With the columns' logical types (from the gateway's result), values print by their SQL type. */
    ResultPrinter(PrintWriter out, List<String> columns, List<JsonNode> types, boolean inPlace, boolean showKind) {
        this.out = out;
        this.columns = columns;
        this.types = types;
        this.inPlace = inPlace;
        this.showKind = showKind;
        this.widths = new int[columns.size() + 1];
        widths[0] = 2;
        for (int i = 0; i < columns.size(); i++) {
            String name = columns.get(i).toLowerCase(java.util.Locale.ROOT);
            // timestamps are 19-23 characters: reserve the room so streaming rows stay aligned
            int min = name.contains("window") || name.equals("ts") || name.endsWith("_ts") || name.contains("time") ? 23 : 6;
            widths[i + 1] = Math.max(min, Math.min(MAX_WIDTH, columns.get(i).length()));
        }
    }

    /** Applies or prints a page of changes. */
    void accept(List<RowChange> changes) {
        for (RowChange c : changes) {
            List<String> values = types.isEmpty() ? c.texts() : SqlValueFormat.row(types, c.fields());
            for (int i = 0; i < values.size() && i + 1 < widths.length; i++) {
                widths[i + 1] = Math.max(widths[i + 1], Math.min(MAX_WIDTH, values.get(i).length()));
            }
            if (inPlace) {
                if (c.isRetraction()) {
                    table.remove(values);
                } else {
                    table.add(values);
                }
            } else {
                if (!headerPrinted) {
                    printHeader(showKind);
                } else if (!java.util.Arrays.equals(widths, printedWidths)) {
                    out.println(border(showKind)); // close the narrower table; continue under a wider header
                    printHeader(showKind);
                }
                out.println(row(c.shortKind(), values, showKind));
            }
        }
        if (inPlace && System.currentTimeMillis() - lastDraw > 250) {
            redraw();
        }
        out.flush();
    }

    /** Final drawing, with a row count. */
    void finish(long changes) {
        if (inPlace) {
            redraw();
            out.println(table.size() + " row(s) in result (" + changes + " change(s) received).");
        } else {
            if (!headerPrinted) {
                printHeader(showKind);
            }
            out.println(border(showKind));
            out.println(changes + (showKind ? " change(s) received." : " row(s) in set."));
        }
        out.flush();
    }

    private void redraw() {
        if (drawnLines > 0) {
            out.print("\u001b[" + drawnLines + "F\u001b[J"); // cursor up N lines, clear to end of screen
        }
        drawnLines = 0;
        String border = border(false);
        line(border);
        line(row(null, columns, false));
        line(border);
        for (List<String> r : table) {
            line(row(null, r, false));
        }
        line(border);
        lastDraw = System.currentTimeMillis();
    }

    private void line(String s) {
        out.println(s);
        drawnLines++;
    }

    private void printHeader(boolean withKind) {
        out.println(border(withKind));
        out.println(row(withKind ? "op" : null, columns, withKind));
        out.println(border(withKind));
        headerPrinted = true;
        printedWidths = widths.clone();
    }

    private String border(boolean withKind) {
        StringBuilder b = new StringBuilder("+");
        for (int i = withKind ? 0 : 1; i < widths.length; i++) {
            b.append("-".repeat(widths[i] + 2)).append('+');
        }
        return b.toString();
    }

    private String row(String kind, List<String> values, boolean withKind) {
        StringBuilder b = new StringBuilder("|");
        if (withKind) {
            b.append(' ').append(pad(kind, widths[0])).append(" |");
        }
        for (int i = 0; i < values.size() && i + 1 < widths.length; i++) {
            b.append(' ').append(pad(values.get(i), widths[i + 1])).append(" |");
        }
        return b.toString();
    }

    private static String pad(String s, int w) {
        if (s.length() > w) {
            return s.substring(0, w - 1) + "…";
        }
        return s + " ".repeat(w - s.length());
    }
}
