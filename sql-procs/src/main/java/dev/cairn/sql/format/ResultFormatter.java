package dev.cairn.sql.format;

import dev.cairn.sql.ResultSet;

/** Writes a query result as text for the CLI ({@code cairn sql -r tabular|csv|json}). */
public interface ResultFormatter {
    /** The whole result, ending with a newline (or empty for a result without columns). */
    String format(ResultSet rs);

    /** The formatter for a {@code -r} value: tabular, csv or json. */
    static ResultFormatter forName(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "tabular", "table" -> new TabularFormatter();
            case "csv" -> new CsvFormatter();
            case "json" -> new JsonFormatter();
            default -> throw new IllegalArgumentException("invalid result format '" + name
                    + "': use tabular, csv or json");
        };
    }
}
