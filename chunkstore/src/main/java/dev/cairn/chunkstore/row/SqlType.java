package dev.cairn.chunkstore.row;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * A column type of Cairn's MySQL dialect, with its parameters (VARCHAR length,
 * DECIMAL precision and scale, DATETIME fractional-second digits).
 *
 * <p>Each type has one Java representation, which {@link #coerce} produces and
 * the row codecs expect:
 * <table>
 *   <caption>Java values</caption>
 *   <tr><td>TINYINT, SMALLINT, INT, BIGINT</td><td>{@link Long}</td></tr>
 *   <tr><td>BOOLEAN</td><td>{@link Boolean}</td></tr>
 *   <tr><td>DECIMAL(p,s)</td><td>{@link BigDecimal} with scale exactly s</td></tr>
 *   <tr><td>FLOAT / DOUBLE</td><td>{@link Float} / {@link Double}, never NaN or infinite</td></tr>
 *   <tr><td>VARCHAR, CHAR, TEXT, JSON</td><td>{@link String} (CHAR without trailing spaces, JSON validated)</td></tr>
 *   <tr><td>BLOB</td><td>{@code byte[]}</td></tr>
 *   <tr><td>DATE</td><td>{@link LocalDate}</td></tr>
 *   <tr><td>DATETIME(fsp), TIMESTAMP(fsp)</td><td>{@link LocalDateTime} rounded to fsp digits (at most microseconds);
 *       TIMESTAMP is read and written in UTC, the only session time zone Cairn has</td></tr>
 * </table>
 *
 * <p>One Long for every integer width keeps arithmetic and comparisons in the
 * SQL layer to one case; the width is enforced by {@link #coerce}. BOOLEAN is
 * MySQL's TINYINT(1): it renders and parses as {@code tinyint(1)} so that
 * SHOW CREATE TABLE output round-trips, but only 0 and 1 are accepted.
 * UNSIGNED integers are not supported.
 *
 * <p>Instances are immutable and compare equal by kind and parameters.
 */
public final class SqlType {
    /** The type families. {@link #code} is what stored schemas hold, so it never changes. */
    public enum Kind {
        TINYINT(1), SMALLINT(2), INT(3), BIGINT(4), DECIMAL(5), FLOAT(6), DOUBLE(7),
        VARCHAR(8), CHAR(9), TEXT(10), BLOB(11), BOOLEAN(12), DATE(13), DATETIME(14),
        TIMESTAMP(15), JSON(16);

        private static final Kind[] BY_CODE = new Kind[17];

        static {
            for (Kind k : values()) {
                BY_CODE[k.code] = k;
            }
        }

        private final int code;

        Kind(int code) {
            this.code = code;
        }

        /** The stable number of this kind in stored schemas. */
        public int code() {
            return code;
        }

        static Kind ofCode(int code) {
            Kind k = code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
            if (k == null) {
                throw new IllegalArgumentException("unknown column type code " + code);
            }
            return k;
        }
    }

    /** VARCHAR's longest length in characters: 65,535 bytes of utf8mb4 at 4 bytes each, as MySQL. */
    public static final int MAX_VARCHAR_LENGTH = 16383;
    public static final int MAX_CHAR_LENGTH = 255;
    public static final int MAX_DECIMAL_PRECISION = 65;
    public static final int MAX_DECIMAL_SCALE = 30;
    /** Fractional-second digits: microseconds. */
    public static final int MAX_FSP = 6;
    /** TEXT and BLOB hold at most this many bytes, as MySQL's (not MEDIUM or LONG) variants. */
    public static final int MAX_LOB_BYTES = 65535;

    public static final SqlType TINYINT = new SqlType(Kind.TINYINT, 0, 0);
    public static final SqlType SMALLINT = new SqlType(Kind.SMALLINT, 0, 0);
    public static final SqlType INT = new SqlType(Kind.INT, 0, 0);
    public static final SqlType BIGINT = new SqlType(Kind.BIGINT, 0, 0);
    public static final SqlType FLOAT = new SqlType(Kind.FLOAT, 0, 0);
    public static final SqlType DOUBLE = new SqlType(Kind.DOUBLE, 0, 0);
    public static final SqlType TEXT = new SqlType(Kind.TEXT, 0, 0);
    public static final SqlType BLOB = new SqlType(Kind.BLOB, 0, 0);
    public static final SqlType BOOLEAN = new SqlType(Kind.BOOLEAN, 0, 0);
    public static final SqlType DATE = new SqlType(Kind.DATE, 0, 0);
    /** DATETIME with whole seconds, MySQL's default precision. */
    public static final SqlType DATETIME = new SqlType(Kind.DATETIME, 0, 0);
    /** TIMESTAMP with whole seconds, MySQL's default precision. */
    public static final SqlType TIMESTAMP = new SqlType(Kind.TIMESTAMP, 0, 0);
    public static final SqlType JSON = new SqlType(Kind.JSON, 0, 0);

    private final Kind kind;
    /** VARCHAR/CHAR length, DECIMAL precision, or DATETIME/TIMESTAMP fsp. */
    private final int size;
    /** DECIMAL scale. */
    private final int scale;

    private SqlType(Kind kind, int size, int scale) {
        this.kind = kind;
        this.size = size;
        this.scale = scale;
    }

    public static SqlType varchar(int length) {
        if (length < 0 || length > MAX_VARCHAR_LENGTH) {
            throw new SchemaException("Column length too big (max = " + MAX_VARCHAR_LENGTH
                    + "); use BLOB or TEXT instead");
        }
        return new SqlType(Kind.VARCHAR, length, 0);
    }

    /** CHAR(n); named so because {@code char} is a Java keyword. */
    public static SqlType character(int length) {
        if (length < 0 || length > MAX_CHAR_LENGTH) {
            throw new SchemaException("Column length too big (max = " + MAX_CHAR_LENGTH
                    + "); use BLOB or TEXT instead");
        }
        return new SqlType(Kind.CHAR, length, 0);
    }

    public static SqlType decimal(int precision, int scale) {
        if (precision < 1 || precision > MAX_DECIMAL_PRECISION) {
            throw new SchemaException("Too-big precision " + precision + " specified. Maximum is "
                    + MAX_DECIMAL_PRECISION + ".");
        }
        if (scale < 0 || scale > MAX_DECIMAL_SCALE) {
            throw new SchemaException("Too big scale " + scale + " specified. Maximum is " + MAX_DECIMAL_SCALE + ".");
        }
        if (scale > precision) {
            throw new SchemaException("For float(M,D), double(M,D) or decimal(M,D), M must be >= D");
        }
        return new SqlType(Kind.DECIMAL, precision, scale);
    }

    /** DATETIME(fsp): {@code fsp} fractional-second digits, 0 to 6. */
    public static SqlType datetime(int fsp) {
        return new SqlType(Kind.DATETIME, checkFsp(fsp), 0);
    }

    /** TIMESTAMP(fsp): {@code fsp} fractional-second digits, 0 to 6. */
    public static SqlType timestamp(int fsp) {
        return new SqlType(Kind.TIMESTAMP, checkFsp(fsp), 0);
    }

    private static int checkFsp(int fsp) {
        if (fsp < 0 || fsp > MAX_FSP) {
            throw new SchemaException("Too-big precision " + fsp + " specified. Maximum is " + MAX_FSP + ".");
        }
        return fsp;
    }

    /**
     * Parses type text as written in CREATE TABLE: {@code INT}, {@code INTEGER},
     * {@code int(11)} (display width ignored), {@code VARCHAR(40)},
     * {@code DECIMAL(10,2)}, {@code NUMERIC}, {@code BOOL}, {@code DOUBLE PRECISION},
     * {@code REAL}, {@code FLOAT(30)} (a DOUBLE), {@code DATETIME(6)}, ... Case and
     * spacing do not matter.
     *
     * @throws SchemaException if the text is not a supported type
     */
    public static SqlType parse(String text) {
        return SqlTypeParser.parse(text);
    }

    /** Builds a type from its stored parts; see {@link #kind}, {@link #size}, {@link #scale}. */
    static SqlType of(Kind kind, int size, int scale) {
        return switch (kind) {
            case VARCHAR -> varchar(size);
            case CHAR -> character(size);
            case DECIMAL -> decimal(size, scale);
            case DATETIME -> datetime(size);
            case TIMESTAMP -> timestamp(size);
            default -> {
                if (size != 0 || scale != 0) {
                    throw new IllegalArgumentException(kind + " takes no parameters");
                }
                yield simple(kind);
            }
        };
    }

    static SqlType simple(Kind kind) {
        return switch (kind) {
            case TINYINT -> TINYINT;
            case SMALLINT -> SMALLINT;
            case INT -> INT;
            case BIGINT -> BIGINT;
            case FLOAT -> FLOAT;
            case DOUBLE -> DOUBLE;
            case TEXT -> TEXT;
            case BLOB -> BLOB;
            case BOOLEAN -> BOOLEAN;
            case DATE -> DATE;
            case DATETIME -> DATETIME;
            case TIMESTAMP -> TIMESTAMP;
            case JSON -> JSON;
            case DECIMAL -> decimal(10, 0);
            case CHAR -> character(1);
            case VARCHAR -> throw new SchemaException("VARCHAR needs a length");
        };
    }

    public Kind kind() {
        return kind;
    }

    /** VARCHAR or CHAR length in characters; 0 for other types. */
    public int length() {
        return kind == Kind.VARCHAR || kind == Kind.CHAR ? size : 0;
    }

    /** DECIMAL precision (total digits); 0 for other types. */
    public int precision() {
        return kind == Kind.DECIMAL ? size : 0;
    }

    /** DECIMAL scale (digits after the point); 0 for other types. */
    public int scale() {
        return kind == Kind.DECIMAL ? scale : 0;
    }

    /** DATETIME or TIMESTAMP fractional-second digits; 0 for other types. */
    public int fsp() {
        return kind == Kind.DATETIME || kind == Kind.TIMESTAMP ? size : 0;
    }

    /** The stored first parameter, whatever it means for this kind. */
    int size() {
        return size;
    }

    /** TINYINT, SMALLINT, INT or BIGINT. */
    public boolean isInteger() {
        return kind == Kind.TINYINT || kind == Kind.SMALLINT || kind == Kind.INT || kind == Kind.BIGINT;
    }

    /** The types held as {@link String}: VARCHAR, CHAR, TEXT, JSON. */
    public boolean isString() {
        return kind == Kind.VARCHAR || kind == Kind.CHAR || kind == Kind.TEXT || kind == Kind.JSON;
    }

    /** Smallest value of an integer type. */
    public long minValue() {
        return switch (kind) {
            case TINYINT -> Byte.MIN_VALUE;
            case SMALLINT -> Short.MIN_VALUE;
            case INT -> Integer.MIN_VALUE;
            case BIGINT -> Long.MIN_VALUE;
            default -> throw new UnsupportedOperationException(kind + " is not an integer type");
        };
    }

    /** Largest value of an integer type. */
    public long maxValue() {
        return switch (kind) {
            case TINYINT -> Byte.MAX_VALUE;
            case SMALLINT -> Short.MAX_VALUE;
            case INT -> Integer.MAX_VALUE;
            case BIGINT -> Long.MAX_VALUE;
            default -> throw new UnsupportedOperationException(kind + " is not an integer type");
        };
    }

    /** The class of values {@link #coerce} returns for this type. */
    public Class<?> javaType() {
        return switch (kind) {
            case TINYINT, SMALLINT, INT, BIGINT -> Long.class;
            case BOOLEAN -> Boolean.class;
            case DECIMAL -> BigDecimal.class;
            case FLOAT -> Float.class;
            case DOUBLE -> Double.class;
            case VARCHAR, CHAR, TEXT, JSON -> String.class;
            case BLOB -> byte[].class;
            case DATE -> LocalDate.class;
            case DATETIME, TIMESTAMP -> LocalDateTime.class;
        };
    }

    /**
     * Converts {@code value} to this type's Java representation and checks that
     * it fits, as a MySQL INSERT in strict mode would: numbers are range-checked
     * and rounded half away from zero to the type's scale, strings are parsed as
     * numbers, dates or booleans, text longer than the column is refused (except
     * trailing spaces, which MySQL silently cuts), JSON is validated. NULL stays
     * NULL; whether the column allows it is {@link Column#coerce}'s business.
     *
     * @param column the column name, for the error message
     * @throws RowValueException with MySQL's message if the value does not fit
     */
    public Object coerce(Object value, String column) {
        return value == null ? null : ValueCoercer.coerce(this, value, column);
    }

    /**
     * The value MySQL gives a NOT NULL column that has no default when rows that
     * predate it are read: zero, the empty string, false, JSON {@code null}. Dates
     * have no zero value in Cairn, so temporal types return {@code null}.
     */
    public Object implicitDefault() {
        return switch (kind) {
            case TINYINT, SMALLINT, INT, BIGINT -> 0L;
            case BOOLEAN -> Boolean.FALSE;
            case DECIMAL -> BigDecimal.ZERO.setScale(scale);
            case FLOAT -> 0.0f;
            case DOUBLE -> 0.0d;
            case VARCHAR, CHAR, TEXT -> "";
            case JSON -> "null";
            case BLOB -> new byte[0];
            case DATE, DATETIME, TIMESTAMP -> null;
        };
    }

    /** The type as MySQL's SHOW CREATE TABLE writes it: {@code int}, {@code varchar(40)}, {@code decimal(10,2)}. */
    public String sqlName() {
        return switch (kind) {
            case TINYINT -> "tinyint";
            case SMALLINT -> "smallint";
            case INT -> "int";
            case BIGINT -> "bigint";
            case DECIMAL -> "decimal(" + size + "," + scale + ")";
            case FLOAT -> "float";
            case DOUBLE -> "double";
            case VARCHAR -> "varchar(" + size + ")";
            case CHAR -> "char(" + size + ")";
            case TEXT -> "text";
            case BLOB -> "blob";
            case BOOLEAN -> "tinyint(1)";
            case DATE -> "date";
            case DATETIME -> size == 0 ? "datetime" : "datetime(" + size + ")";
            case TIMESTAMP -> size == 0 ? "timestamp" : "timestamp(" + size + ")";
            case JSON -> "json";
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SqlType t && t.kind == kind && t.size == size && t.scale == scale;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, size, scale);
    }

    @Override
    public String toString() {
        return sqlName();
    }
}
