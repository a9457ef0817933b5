package dev.cairn.sql.exec;

import dev.cairn.sql.SqlException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Locale;

/**
 * The built-in scalar functions, evaluated on already evaluated arguments. Names are lower
 * case. NULL in gives NULL out unless MySQL says otherwise (COALESCE, IFNULL, CONCAT_WS...).
 */
final class ScalarFunctions {
    private ScalarFunctions() {
    }

    /** True if {@code name} is a function this class evaluates. */
    static boolean exists(String name) {
        return switch (name) {
            case "concat", "concat_ws", "lower", "lcase", "upper", "ucase", "length", "octet_length", "char_length",
                    "character_length", "substring", "substr", "mid", "left", "right", "trim", "ltrim", "rtrim",
                    "replace", "reverse", "repeat", "lpad", "rpad", "instr", "locate", "abs", "round", "truncate",
                    "floor", "ceil", "ceiling", "mod", "power", "pow", "sqrt", "sign", "greatest", "least",
                    "coalesce", "ifnull", "nullif", "if", "now", "current_timestamp", "sysdate", "localtime",
                    "localtimestamp", "curdate", "current_date", "database", "schema", "active_branch", "hashof",
                    "last_insert_id", "version", "user", "current_user", "session_user", "system_user",
                    "connection_id", "date", "year", "month", "day", "dayofmonth", "isnull", "hex", "strcmp" -> true;
            default -> false;
        };
    }

    static Object call(String name, Object[] a, QueryContext ctx) {
        switch (name) {
            case "coalesce":
                for (Object v : a) {
                    if (v != null) {
                        return v;
                    }
                }
                return null;
            case "ifnull":
                arity(name, a, 2);
                return a[0] != null ? a[0] : a[1];
            case "nullif":
                arity(name, a, 2);
                return Boolean.TRUE.equals(Values.eq(a[0], a[1])) ? null : a[0];
            case "if":
                arity(name, a, 3);
                return Values.isTrue(a[0]) ? a[1] : a[2];
            case "isnull":
                arity(name, a, 1);
                return a[0] == null;
            case "concat_ws": {
                if (a.length == 0 || a[0] == null) {
                    return null;
                }
                StringBuilder sb = new StringBuilder();
                boolean first = true;
                for (int i = 1; i < a.length; i++) {
                    if (a[i] != null) {
                        if (!first) {
                            sb.append(Values.toText(a[0]));
                        }
                        sb.append(Values.toText(a[i]));
                        first = false;
                    }
                }
                return sb.toString();
            }
            case "greatest", "least": {
                Object best = null;
                for (Object v : a) {
                    if (v == null) {
                        return null;
                    }
                    int c = best == null ? 0 : Values.compare(v, best);
                    if (best == null || (name.equals("greatest") ? c > 0 : c < 0)) {
                        best = v;
                    }
                }
                return best;
            }
            case "now", "current_timestamp", "sysdate", "localtime", "localtimestamp":
                return ctx.now().withNano(0);
            case "curdate", "current_date":
                return ctx.now().toLocalDate();
            case "database", "schema":
                return ctx.database();
            case "active_branch":
                return ctx.database() == null ? null : ctx.branch();
            case "version":
                return ctx.systemVariable("version");
            case "user", "current_user", "session_user", "system_user":
                return ctx.session().clientUser();
            case "connection_id":
                return ctx.session().connectionId();
            case "last_insert_id":
                if (a.length == 1 && a[0] != null) {
                    ctx.setLastInsertId(Values.toLong(a[0]));
                    return Values.toLong(a[0]);
                }
                return ctx.lastInsertId();
            case "hashof":
                arity(name, a, 1);
                try {
                    return a[0] == null ? null : ctx.hashOf(Values.toText(a[0]));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            case "concat": {
                StringBuilder sb = new StringBuilder();
                for (Object v : a) {
                    if (v == null) {
                        return null;
                    }
                    sb.append(Values.toText(v));
                }
                return sb.toString();
            }
            default:
                break;
        }
        for (Object v : a) {
            if (v == null) {
                return null;
            }
        }
        return strict(name, a);
    }

    /** Functions that return NULL whenever an argument is NULL. */
    private static Object strict(String name, Object[] a) {
        switch (name) {
            case "lower", "lcase":
                arity(name, a, 1);
                return Values.toText(a[0]).toLowerCase(Locale.ROOT);
            case "upper", "ucase":
                arity(name, a, 1);
                return Values.toText(a[0]).toUpperCase(Locale.ROOT);
            case "length", "octet_length":
                arity(name, a, 1);
                return (long) Values.toBytes(a[0]).length;
            case "char_length", "character_length":
                arity(name, a, 1);
                String s = Values.toText(a[0]);
                return (long) s.codePointCount(0, s.length());
            case "substring", "substr", "mid":
                return substring(Values.toText(a[0]), Values.toLong(a[1]),
                        a.length > 2 ? Values.toLong(a[2]) : Long.MAX_VALUE);
            case "left": {
                String t = Values.toText(a[0]);
                return t.substring(0, (int) Math.max(0, Math.min(t.length(), Values.toLong(a[1]))));
            }
            case "right": {
                String t = Values.toText(a[0]);
                int n = (int) Math.max(0, Math.min(t.length(), Values.toLong(a[1])));
                return t.substring(t.length() - n);
            }
            case "trim":
                return Values.toText(a[0]).strip();
            case "ltrim":
                return Values.toText(a[0]).replaceAll("^ +", "");
            case "rtrim":
                return Values.toText(a[0]).replaceAll(" +$", "");
            case "replace":
                arity(name, a, 3);
                return Values.toText(a[0]).replace(Values.toText(a[1]), Values.toText(a[2]));
            case "reverse":
                return new StringBuilder(Values.toText(a[0])).reverse().toString();
            case "repeat":
                return Values.toText(a[0]).repeat((int) Math.max(0, Values.toLong(a[1])));
            case "lpad", "rpad":
                return pad(Values.toText(a[0]), (int) Values.toLong(a[1]), Values.toText(a[2]), name.equals("lpad"));
            case "instr":
                return (long) Values.toText(a[0]).indexOf(Values.toText(a[1])) + 1;
            case "locate":
                return (long) Values.toText(a[1]).indexOf(Values.toText(a[0]),
                        a.length > 2 ? (int) Values.toLong(a[2]) - 1 : 0) + 1;
            case "strcmp":
                return (long) Integer.signum(Values.toText(a[0]).compareTo(Values.toText(a[1])));
            case "hex":
                return a[0] instanceof Long l ? Long.toHexString(l).toUpperCase(Locale.ROOT)
                        : java.util.HexFormat.of().withUpperCase().formatHex(Values.toBytes(a[0]));
            case "abs":
                return a[0] instanceof Long l ? (Object) Math.abs(l) : a[0] instanceof BigDecimal d ? d.abs()
                        : Math.abs(Values.toDouble(a[0]));
            case "sign":
                return (long) (a[0] instanceof BigDecimal d ? d.signum() : (int) Math.signum(Values.toDouble(a[0])));
            case "round", "truncate":
                return round(a[0], a.length > 1 ? (int) Values.toLong(a[1]) : 0,
                        name.equals("round") ? RoundingMode.HALF_UP : RoundingMode.DOWN);
            case "floor", "ceil", "ceiling": {
                RoundingMode m = name.equals("floor") ? RoundingMode.FLOOR : RoundingMode.CEILING;
                if (a[0] instanceof Long) {
                    return a[0];
                }
                if (a[0] instanceof BigDecimal d) {
                    return d.setScale(0, m).longValueExact();
                }
                double d = Values.toDouble(a[0]);
                return m == RoundingMode.FLOOR ? Math.floor(d) : Math.ceil(d);
            }
            case "mod":
                return Values.arithmetic(Values.Op.MOD, a[0], a[1]);
            case "power", "pow":
                return Math.pow(Values.toDouble(a[0]), Values.toDouble(a[1]));
            case "sqrt": {
                double d = Values.toDouble(a[0]);
                return d < 0 ? null : Math.sqrt(d);
            }
            case "date":
                return Values.toDateTime(a[0]).toLocalDate();
            case "year":
                return (long) Values.toDateTime(a[0]).getYear();
            case "month":
                return (long) Values.toDateTime(a[0]).getMonthValue();
            case "day", "dayofmonth":
                return (long) Values.toDateTime(a[0]).getDayOfMonth();
            default:
                throw new SqlException(1305, "42000", "FUNCTION " + name + " does not exist");
        }
    }

    private static void arity(String name, Object[] a, int n) {
        if (a.length != n) {
            throw new SqlException(1582, "42000", "Incorrect parameter count in the call to native function '"
                    + name + "'");
        }
    }

    private static String substring(String s, long pos, long len) {
        int n = s.length();
        long start = pos > 0 ? pos - 1 : pos < 0 ? n + pos : n;
        if (start < 0 || start >= n || len <= 0) {
            return "";
        }
        long end = Math.min(n, start + Math.min(len, n));
        return s.substring((int) start, (int) end);
    }

    private static String pad(String s, int len, String padding, boolean left) {
        if (len < 0) {
            return null;
        }
        if (s.length() >= len) {
            return s.substring(0, len);
        }
        if (padding.isEmpty()) {
            return null;
        }
        StringBuilder fill = new StringBuilder();
        while (fill.length() < len - s.length()) {
            fill.append(padding);
        }
        fill.setLength(len - s.length());
        return left ? fill + s : s + fill;
    }

    private static Object round(Object v, int digits, RoundingMode mode) {
        if (v instanceof Long l) {
            if (digits >= 0) {
                return l;
            }
            return BigDecimal.valueOf(l).setScale(digits, mode).longValue();
        }
        if (v instanceof BigDecimal d) {
            BigDecimal r = d.setScale(digits, mode);
            return digits < 0 ? r.setScale(0, RoundingMode.UNNECESSARY) : r;
        }
        double d = Values.toDouble(v);
        BigDecimal r = BigDecimal.valueOf(d).setScale(digits, mode);
        return r.doubleValue();
    }

    /** Current date-time helpers used by column defaults. */
    static Object defaultNow(String expression, QueryContext ctx) {
        String e = expression.toLowerCase(Locale.ROOT).replace("()", "");
        return switch (e) {
            case "current_timestamp", "now", "localtime", "localtimestamp" -> ctx.now().withNano(0);
            case "current_date", "curdate" -> LocalDate.from(ctx.now());
            default -> null;
        };
    }

}
