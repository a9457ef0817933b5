package dev.cairn.sql.exec;

import dev.cairn.chunkstore.row.SqlType;
import dev.cairn.sql.SqlException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;

/**
 * MySQL's value semantics over the engine's Java values (Long, BigDecimal, Double, Float,
 * Boolean, String, byte[], LocalDate, LocalDateTime; null is NULL): comparison across
 * types, arithmetic with MySQL's result types, truth and text forms.
 */
public final class Values {
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Values() {
    }

    /** Compares two non-null values as MySQL does: numerically when either side is a number. */
    public static int compare(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        if (isNumeric(a) || isNumeric(b)) {
            if (a instanceof Double || b instanceof Double || a instanceof Float || b instanceof Float
                    || a instanceof String || b instanceof String) {
                return Double.compare(toDouble(a), toDouble(b));
            }
            return toDecimal(a).compareTo(toDecimal(b));
        }
        if (isTemporal(a) || isTemporal(b)) {
            return toDateTime(a).compareTo(toDateTime(b));
        }
        if (a instanceof byte[] || b instanceof byte[]) {
            return Arrays.compareUnsigned(toBytes(a), toBytes(b));
        }
        return toText(a).compareTo(toText(b));
    }

    /** SQL equality: null if either side is NULL. */
    public static Boolean eq(Object a, Object b) {
        return a == null || b == null ? null : compare(a, b) == 0;
    }

    private static boolean isNumeric(Object v) {
        return v instanceof Number || v instanceof Boolean;
    }

    private static boolean isTemporal(Object v) {
        return v instanceof LocalDate || v instanceof LocalDateTime;
    }

    /** SQL truth: null stays null (unknown), numbers are true when non-zero. */
    public static Boolean truth(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Long l) {
            return l != 0;
        }
        return toDouble(v) != 0;
    }

    public static boolean isTrue(Object v) {
        return Boolean.TRUE.equals(truth(v));
    }

    public static long toLong(Object v) {
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (v instanceof BigDecimal d) {
            return d.setScale(0, RoundingMode.HALF_UP).longValue();
        }
        if (v instanceof Number n) {
            return Math.round(n.doubleValue());
        }
        return Math.round(toDouble(v));
    }

    public static double toDouble(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        String s = toText(v).trim();
        // MySQL reads the longest numeric prefix of a string and ignores the rest.
        int end = 0;
        while (end < s.length() && "+-0123456789.eE".indexOf(s.charAt(end)) >= 0) {
            end++;
        }
        while (end > 0) {
            try {
                return Double.parseDouble(s.substring(0, end));
            } catch (NumberFormatException e) {
                end--;
            }
        }
        return 0;
    }

    public static BigDecimal toDecimal(Object v) {
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        if (v instanceof Boolean b) {
            return b ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        if (v instanceof Float f) {
            return new BigDecimal(Float.toString(f));
        }
        double d = toDouble(v);
        return Double.isFinite(d) ? BigDecimal.valueOf(d) : BigDecimal.ZERO;
    }

    public static LocalDateTime toDateTime(Object v) {
        if (v instanceof LocalDateTime t) {
            return t;
        }
        if (v instanceof LocalDate d) {
            return d.atStartOfDay();
        }
        Object parsed = SqlType.datetime(6).coerce(toText(v), "value");
        return (LocalDateTime) parsed;
    }

    public static byte[] toBytes(Object v) {
        return v instanceof byte[] b ? b : toText(v).getBytes(StandardCharsets.UTF_8);
    }

    /** The text MySQL shows for a value (and uses in string functions). */
    public static String toText(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString((long) d);
            }
            return v instanceof Float f ? Float.toString(f) : Double.toString(d);
        }
        if (v instanceof LocalDateTime t) {
            String s = t.format(DATETIME);
            if (t.getNano() != 0) {
                String frac = String.format("%09d", t.getNano()).substring(0, 6);
                s += "." + frac;
            }
            return s;
        }
        if (v instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        return v.toString();
    }

    /** The result type of a value, for result columns whose type is not a table column's. */
    public static SqlType typeOf(Object v) {
        if (v instanceof Long) {
            return SqlType.BIGINT;
        }
        if (v instanceof BigDecimal d) {
            int scale = Math.max(0, Math.min(d.scale(), SqlType.MAX_DECIMAL_SCALE));
            int precision = Math.max(scale + 1, Math.min(d.precision() + Math.max(0, scale - d.scale()), 65));
            return SqlType.decimal(Math.max(precision, scale), scale);
        }
        if (v instanceof Double) {
            return SqlType.DOUBLE;
        }
        if (v instanceof Float) {
            return SqlType.FLOAT;
        }
        if (v instanceof Boolean) {
            return SqlType.BOOLEAN;
        }
        if (v instanceof byte[]) {
            return SqlType.BLOB;
        }
        if (v instanceof LocalDate) {
            return SqlType.DATE;
        }
        if (v instanceof LocalDateTime) {
            return SqlType.DATETIME;
        }
        return SqlType.TEXT;
    }

    // ---- arithmetic ------------------------------------------------------------------------

    /** The operators of {@link #arithmetic}. */
    public enum Op { ADD, SUB, MUL, DIV, INT_DIV, MOD }

    /** MySQL arithmetic: integers stay integers (except /), DECIMAL stays exact, floats win. */
    public static Object arithmetic(Op op, Object a, Object b) {
        if (a == null || b == null) {
            return null;
        }
        boolean approx = a instanceof Double || a instanceof Float || b instanceof Double || b instanceof Float
                || a instanceof String || b instanceof String;
        if (approx) {
            double x = toDouble(a);
            double y = toDouble(b);
            return switch (op) {
                case ADD -> x + y;
                case SUB -> x - y;
                case MUL -> x * y;
                case DIV -> y == 0 ? null : x / y;
                case INT_DIV -> y == 0 ? null : (Object) (long) (x / y);
                case MOD -> y == 0 ? null : x % y;
            };
        }
        if (a instanceof Long x && b instanceof Long y && op != Op.DIV) {
            try {
                return switch (op) {
                    case ADD -> Math.addExact(x, y);
                    case SUB -> Math.subtractExact(x, y);
                    case MUL -> Math.multiplyExact(x, y);
                    case INT_DIV -> y == 0 ? null : x / y;
                    case MOD -> y == 0 ? null : x % y;
                    case DIV -> throw new IllegalStateException();
                };
            } catch (ArithmeticException e) {
                throw new SqlException(1690, "22003", "BIGINT value is out of range in '(" + x + " "
                        + op.name().toLowerCase() + " " + y + ")'");
            }
        }
        BigDecimal x = toDecimal(a);
        BigDecimal y = toDecimal(b);
        return switch (op) {
            case ADD -> x.add(y);
            case SUB -> x.subtract(y);
            case MUL -> x.multiply(y);
            // MySQL's div_precision_increment: four more digits than the dividend's scale.
            case DIV -> y.signum() == 0 ? null : x.divide(y, x.scale() + 4, RoundingMode.HALF_UP);
            case INT_DIV -> y.signum() == 0 ? null : (Object) x.divideToIntegralValue(y, MathContext.DECIMAL128)
                    .longValue();
            case MOD -> y.signum() == 0 ? null : x.remainder(y);
        };
    }

    public static Object negate(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Long l) {
            return -l;
        }
        if (v instanceof BigDecimal d) {
            return d.negate();
        }
        if (v instanceof Float f) {
            return -f;
        }
        return -toDouble(v);
    }
}
