package dev.cairn.sql.system;

import dev.cairn.sql.ResultColumn;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;

/**
 * A read-only table computed from the database's history and configuration
 * ({@code dolt_log}, {@code dolt_branches}, ...) or returned by a table function
 * ({@code dolt_log()}, {@code dolt_diff(...)}). The SQL engine scans it like any table.
 */
public interface SystemTable {
    List<ResultColumn> columns();

    /** The rows, one Object[] per row in column order, computed when called. */
    Iterator<Object[]> rows() throws IOException;
}
