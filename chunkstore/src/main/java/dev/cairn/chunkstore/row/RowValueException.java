package dev.cairn.chunkstore.row;

/**
 * A value does not fit its column: out of range, too long, unparseable, or
 * NULL in a NOT NULL column. The message is MySQL's wording (without the
 * {@code at row N} suffix, which only the statement executor knows), and the
 * {@link Reason} carries the MySQL error number so the SQL layer can report
 * the same code a MySQL client expects.
 */
public class RowValueException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the value was refused, with the MySQL error number for that case. */
    public enum Reason {
        /** ER_WARN_DATA_OUT_OF_RANGE. */
        OUT_OF_RANGE(1264),
        /** ER_DATA_TOO_LONG. */
        DATA_TOO_LONG(1406),
        /** ER_TRUNCATED_WRONG_VALUE_FOR_FIELD: text that is not a number, date, ... */
        INCORRECT_VALUE(1366),
        /** ER_INVALID_JSON_TEXT. */
        INVALID_JSON(3140),
        /** ER_BAD_NULL_ERROR. */
        NOT_NULL(1048);

        private final int mysqlErrorCode;

        Reason(int mysqlErrorCode) {
            this.mysqlErrorCode = mysqlErrorCode;
        }

        public int mysqlErrorCode() {
            return mysqlErrorCode;
        }
    }

    private final Reason reason;
    private final String column;
    private final transient Object value;

    public RowValueException(Reason reason, String column, Object value, String message) {
        super(message);
        this.reason = reason;
        this.column = column;
        this.value = value;
    }

    public Reason reason() {
        return reason;
    }

    /** The column the value was meant for. */
    public String column() {
        return column;
    }

    /** The refused value, as it was given. */
    public Object value() {
        return value;
    }
}
