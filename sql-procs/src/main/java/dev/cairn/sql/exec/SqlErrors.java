package dev.cairn.sql.exec;

import dev.cairn.chunkstore.row.RowValueException;
import dev.cairn.chunkstore.row.SchemaException;
import dev.cairn.sql.SqlException;

/** MySQL errors for the model's exceptions and the engine's common mistakes. */
public final class SqlErrors {
    private SqlErrors() {
    }

    public static SqlException of(RowValueException e) {
        int code = e.reason().mysqlErrorCode();
        String state = switch (e.reason()) {
            case NOT_NULL -> "23000";
            case DATA_TOO_LONG -> "22001";
            case OUT_OF_RANGE -> "22003";
            default -> "HY000";
        };
        return new SqlException(code, state, e.getMessage(), e);
    }

    public static SqlException of(SchemaException e) {
        return new SqlException(SqlException.ER_UNKNOWN, "HY000", e.getMessage(), e);
    }

    public static SqlException noSuchTable(String database, String table) {
        return new SqlException(SqlException.ER_NO_SUCH_TABLE, "42S02",
                "Table '" + (database == null ? "" : database + ".") + table + "' doesn't exist");
    }

    public static SqlException noDatabase() {
        return SqlException.noDatabase();
    }

    public static SqlException unsupported(String what) {
        return new SqlException(SqlException.ER_NOT_SUPPORTED, "42000", "This version of Cairn doesn't yet support '"
                + what + "'");
    }
}
