package dev.cairn.sql.server;

import dev.cairn.sql.SqlException;

/** The SQLSTATE MySQL pairs with an error number, for errors raised without a specific one. */
final class ErrorCodes {
    private ErrorCodes() {
    }

    /** {@code given} if it is specific, else MySQL's state for {@code code}, else HY000. */
    static String sqlState(int code, String given) {
        if (given != null && given.length() == 5 && !given.equals("HY000")) {
            return given;
        }
        return switch (code) {
            case SqlException.ER_PARSE, SqlException.ER_BAD_DB, SqlException.ER_SP_DOES_NOT_EXIST,
                    SqlException.ER_NOT_SUPPORTED, Protocol.ER_UNKNOWN_COM -> "42000";
            case SqlException.ER_NO_SUCH_TABLE -> "42S02";
            case SqlException.ER_TABLE_EXISTS -> "42S01";
            case SqlException.ER_BAD_FIELD -> "42S22";
            case SqlException.ER_DUP_ENTRY, SqlException.ER_BAD_NULL -> "23000";
            case SqlException.ER_ACCESS_DENIED -> "28000";
            case SqlException.ER_NO_DB -> "3D000";
            case SqlException.ER_WRONG_VALUE_COUNT -> "21S01";
            case SqlException.ER_DATA_TOO_LONG -> "22001";
            case SqlException.ER_OUT_OF_RANGE -> "22003";
            case 1213 -> "40001";
            case Protocol.ER_CON_COUNT -> "08004";
            case Protocol.ER_HANDSHAKE -> "08S01";
            default -> "HY000";
        };
    }
}
