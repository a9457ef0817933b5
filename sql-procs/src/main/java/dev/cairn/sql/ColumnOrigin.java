package dev.cairn.sql;

/**
 * Where a result column comes from when it is a table's column as is: the table (as named in
 * the query, and as stored) and the column's constraints. The MySQL-protocol server sends
 * these in column definitions (NOT_NULL, PRI_KEY, AUTO_INCREMENT flags, table names), which
 * drivers report through their result-set metadata.
 */
public record ColumnOrigin(String table, String storedTable, String column, boolean notNull, boolean primaryKey,
        boolean autoIncrement) {
}
