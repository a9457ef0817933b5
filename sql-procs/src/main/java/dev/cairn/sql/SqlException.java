package dev.cairn.sql;

/**
 * A statement failed for a reason the user can fix: a syntax error, an unknown table, a
 * duplicate key, a bad procedure argument. Carries MySQL's error number and SQLSTATE so the
 * MySQL-protocol server can report it as MySQL clients expect; the message is one line.
 */
public class SqlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** MySQL error numbers used across the engine. */
    public static final int ER_UNKNOWN = 1105;
    public static final int ER_PARSE = 1064;
    public static final int ER_NO_SUCH_TABLE = 1146;
    public static final int ER_BAD_FIELD = 1054;
    public static final int ER_DUP_ENTRY = 1062;
    public static final int ER_BAD_DB = 1049;
    public static final int ER_DB_CREATE_EXISTS = 1007;
    public static final int ER_DB_DROP_EXISTS = 1008;
    public static final int ER_NO_DB = 1046;
    public static final int ER_TABLE_EXISTS = 1050;
    public static final int ER_ACCESS_DENIED = 1045;
    public static final int ER_WRONG_VALUE_COUNT = 1136;
    public static final int ER_BAD_NULL = 1048;
    public static final int ER_TRUNCATED_WRONG_VALUE = 1366;
    public static final int ER_DATA_TOO_LONG = 1406;
    public static final int ER_OUT_OF_RANGE = 1264;
    public static final int ER_SP_DOES_NOT_EXIST = 1305;
    public static final int ER_NOT_SUPPORTED = 1235;

    private final int errorCode;
    private final String sqlState;

    public SqlException(String message) {
        this(ER_UNKNOWN, "HY000", message);
    }

    public SqlException(int errorCode, String sqlState, String message) {
        super(message);
        this.errorCode = errorCode;
        this.sqlState = sqlState;
    }

    public SqlException(int errorCode, String sqlState, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
        this.sqlState = sqlState;
    }

    /** MySQL's error for a statement that needs a current database when none is selected. */
    public static SqlException noDatabase() {
        return new SqlException(ER_NO_DB, "3D000", "No database selected");
    }

    public int errorCode() {
        return errorCode;
    }

    public String sqlState() {
        return sqlState;
    }
}
