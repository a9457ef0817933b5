package dev.cairn.sql;

import java.util.List;

/**
 * The outcome of one statement: rows with their columns for a query (or a procedure), or an
 * update count and last insert id for anything else. Values in rows use the Java forms of
 * {@link dev.cairn.chunkstore.row.SqlType} (Long, String, BigDecimal, ...; null for NULL).
 */
public record ResultSet(List<ResultColumn> columns, List<Object[]> rows, long affectedRows, long lastInsertId,
        int warnings) {
    public ResultSet {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /** A result with rows. */
    public static ResultSet of(List<ResultColumn> columns, List<Object[]> rows) {
        return new ResultSet(columns, rows, 0, 0, 0);
    }

    /** A result without rows (DDL, DML, USE...). */
    public static ResultSet ok(long affectedRows, long lastInsertId) {
        return new ResultSet(List.of(), List.of(), affectedRows, lastInsertId, 0);
    }

    /** True if this result carries columns (a query result), even with zero rows. */
    public boolean hasRows() {
        return !columns.isEmpty();
    }
}
