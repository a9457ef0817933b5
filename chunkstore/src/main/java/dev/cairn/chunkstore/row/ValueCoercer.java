package dev.cairn.chunkstore.row;

import dev.cairn.chunkstore.row.RowValueException.Reason;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * {@link SqlType#coerce}: turns what a statement or a Java caller supplies into
 * the type's Java representation, refusing what MySQL's strict mode refuses.
 * Strings are the main input (SQL literals, CSV imports), so every type parses
 * its text form here.
 */
final class ValueCoercer {
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    /** TIMESTAMP's range in MySQL: the signed 32-bit Unix seconds, less the zero instant. */
    private static final LocalDateTime TIMESTAMP_MIN = LocalDateTime.of(1970, 1, 1, 0, 0, 1);
    private static final LocalDateTime TIMESTAMP_MAX = LocalDateTime.of(2038, 1, 19, 3, 14, 7, 999_999_999);

    private ValueCoercer() {
    }

    static Object coerce(SqlType t, Object v, String col) {
        return switch (t.kind()) {
            case TINYINT, SMALLINT, INT, BIGINT -> integer(t, v, col);
            case BOOLEAN -> bool(v, col);
            case DECIMAL -> decimal(t, v, col);
            case FLOAT -> floatValue(v, col);
            case DOUBLE -> doubleValue(v, col);
            case VARCHAR, CHAR -> bounded(t, v, col);
            case TEXT -> textColumn(v, col);
            case JSON -> json(v, col);
            case BLOB -> blob(v, col);
            case DATE -> date(v, col);
            case DATETIME, TIMESTAMP -> datetime(t, v, col);
        };
    }

    private static Long integer(SqlType t, Object v, String col) {
        long n;
        if (v instanceof Long l) {
            n = l;
        } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            n = ((Number) v).longValue();
        } else if (v instanceof Boolean b) {
            n = b ? 1 : 0;
        } else if (v instanceof BigInteger b) {
            n = exactLong(new BigDecimal(b), col, v);
        } else if (v instanceof BigDecimal d) {
            n = exactLong(roundedToScale(d, 0, col, v), col, v);
        } else if (v instanceof Double || v instanceof Float) {
            n = roundDouble(((Number) v).doubleValue(), col, v);
        } else {
            String s = text(v).trim();
            if (!isNumericLiteral(s)) {
                throw incorrect("integer", v, col);
            }
            n = isPlainInteger(s) && s.length() < 19 ? Long.parseLong(s)
                    : exactLong(roundedToScale(parseDecimal(s, col, v), 0, col, v), col, v);
        }
        if (n < t.minValue() || n > t.maxValue()) {
            throw outOfRange(col, v);
        }
        return n;
    }

    private static long exactLong(BigDecimal d, String col, Object v) {
        if (d.compareTo(LONG_MIN) < 0 || d.compareTo(LONG_MAX) > 0) {
            throw outOfRange(col, v);
        }
        return d.longValueExact();
    }

    /** Rounds half away from zero, MySQL's rule for storing a fraction in an integer column. */
    private static long roundDouble(double d, String col, Object v) {
        if (!Double.isFinite(d) || d < -0x1p63 || d >= 0x1p63) {
            throw outOfRange(col, v);
        }
        double whole = d < 0 ? Math.ceil(d) : Math.floor(d);
        // Exact: d and its integer part share an exponent or whole is zero.
        if (Math.abs(d - whole) >= 0.5) {
            whole += Math.signum(d);
        }
        if (whole >= 0x1p63) {
            throw outOfRange(col, v);
        }
        return (long) whole;
    }

    private static Boolean bool(Object v, String col) {
        if (v instanceof Boolean b) {
            return b;
        }
        BigDecimal d;
        if (v instanceof Number) {
            d = toDecimal((Number) v, col, v);
        } else {
            String s = text(v).trim();
            if (s.equalsIgnoreCase("true")) {
                return Boolean.TRUE;
            }
            if (s.equalsIgnoreCase("false")) {
                return Boolean.FALSE;
            }
            if (!isNumericLiteral(s)) {
                throw incorrect("integer", v, col);
            }
            d = parseDecimal(s, col, v);
        }
        // BOOLEAN is TINYINT(1) in MySQL, but Cairn keeps it two-valued: anything else is out of range.
        d = roundedToScale(d, 0, col, v);
        if (d.signum() == 0) {
            return Boolean.FALSE;
        }
        if (d.compareTo(BigDecimal.ONE) == 0) {
            return Boolean.TRUE;
        }
        throw outOfRange(col, v);
    }

    private static BigDecimal decimal(SqlType t, Object v, String col) {
        BigDecimal d;
        if (v instanceof BigDecimal b) {
            d = b;
        } else if (v instanceof Number) {
            d = toDecimal((Number) v, col, v);
        } else if (v instanceof Boolean b) {
            d = b ? BigDecimal.ONE : BigDecimal.ZERO;
        } else {
            String s = text(v).trim();
            if (!isNumericLiteral(s)) {
                throw incorrect("decimal", v, col);
            }
            d = parseDecimal(s, col, v);
        }
        BigDecimal r = roundedToScale(d, t.scale(), col, v);
        if (r.precision() - r.scale() > t.precision() - t.scale()) {
            throw outOfRange(col, v);
        }
        return r;
    }

    /**
     * {@code d} rounded half away from zero to {@code scale}. Values far below
     * the last digit become zero without dividing by a huge power of ten, and
     * values too large for any DECIMAL are refused before being scaled up, so
     * text like {@code 1e-999999999} costs no more than {@code 1}.
     */
    private static BigDecimal roundedToScale(BigDecimal d, int scale, String col, Object v) {
        long intDigits = (long) d.precision() - d.scale();
        if (intDigits > SqlType.MAX_DECIMAL_PRECISION + 1) {
            throw outOfRange(col, v);
        }
        if (intDigits < -scale - 1) {
            return BigDecimal.ZERO.setScale(scale);
        }
        return d.setScale(scale, RoundingMode.HALF_UP);
    }

    private static BigDecimal toDecimal(Number n, String col, Object v) {
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return BigDecimal.valueOf(n.longValue());
        }
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        double d = n.doubleValue();
        if (!Double.isFinite(d)) {
            throw outOfRange(col, v);
        }
        // Float.toString gives the shortest decimal that reads back as the float, not the double's expansion.
        return n instanceof Float f ? new BigDecimal(Float.toString(f)) : BigDecimal.valueOf(d);
    }

    private static BigDecimal parseDecimal(String s, String col, Object v) {
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            // The syntax was checked, so only an exponent beyond int range gets here.
            throw outOfRange(col, v);
        }
    }

    private static Float floatValue(Object v, String col) {
        double d = approximate(v, col, "float");
        float f = (float) d;
        if (Float.isInfinite(f)) {
            throw outOfRange(col, v);
        }
        return f == 0.0f ? 0.0f : f;
    }

    private static Double doubleValue(Object v, String col) {
        double d = approximate(v, col, "double");
        return d == 0.0 ? 0.0 : d;
    }

    private static double approximate(Object v, String col, String typeName) {
        double d;
        if (v instanceof Number n) {
            d = n.doubleValue();
        } else if (v instanceof Boolean b) {
            d = b ? 1 : 0;
        } else {
            String s = text(v).trim();
            if (!isNumericLiteral(s)) {
                throw incorrect(typeName, v, col);
            }
            d = Double.parseDouble(s);
        }
        if (!Double.isFinite(d)) {
            throw outOfRange(col, v);
        }
        return d;
    }

    /** VARCHAR(n) and CHAR(n): at most n characters (code points), as MySQL counts them. */
    private static String bounded(SqlType t, Object v, String col) {
        String s = checkedString(v, col);
        if (t.kind() == SqlType.Kind.CHAR) {
            // MySQL pads CHAR with spaces on disk and strips them on read; storing the stripped form is equivalent.
            s = stripTrailingSpaces(s);
        }
        int max = t.length();
        if (s.length() <= max) {
            return s;
        }
        int chars = s.codePointCount(0, s.length());
        if (chars <= max) {
            return s;
        }
        int cut = s.offsetByCodePoints(0, max);
        for (int i = cut; i < s.length(); i++) {
            if (s.charAt(i) != ' ') {
                throw tooLong(col, v);
            }
        }
        // Excess trailing spaces are cut, not refused, in every SQL mode.
        return s.substring(0, cut);
    }

    private static String textColumn(Object v, String col) {
        String s = checkedString(v, col);
        // Each UTF-16 unit is at most 3 UTF-8 bytes, so short strings need no count.
        if (s.length() > SqlType.MAX_LOB_BYTES / 3 && Utf8.length(s) > SqlType.MAX_LOB_BYTES) {
            throw tooLong(col, v);
        }
        return s;
    }

    private static String json(Object v, String col) {
        String s = v instanceof Number || v instanceof Boolean ? v.toString() : checkedString(v, col);
        String problem = JsonText.problem(s);
        if (problem != null) {
            throw new RowValueException(Reason.INVALID_JSON, col, v,
                    "Invalid JSON text: " + problem + " in value for column '" + col + "'.");
        }
        return s;
    }

    private static byte[] blob(Object v, String col) {
        byte[] b = v instanceof byte[] bytes ? bytes : text(v).getBytes(StandardCharsets.UTF_8);
        if (b.length > SqlType.MAX_LOB_BYTES) {
            throw tooLong(col, v);
        }
        return b;
    }

    private static LocalDate date(Object v, String col) {
        LocalDate d;
        if (v instanceof LocalDate ld) {
            d = ld;
        } else if (v instanceof LocalDateTime ldt) {
            d = ldt.toLocalDate();
        } else if (v instanceof Instant i) {
            d = LocalDate.ofInstant(i, ZoneOffset.UTC);
        } else {
            LocalDateTime parsed = v instanceof CharSequence || v instanceof Number ? TemporalText.parse(v.toString()) : null;
            if (parsed == null) {
                throw incorrect("date", v, col);
            }
            d = parsed.toLocalDate();
        }
        if (d.getYear() < 1 || d.getYear() > 9999) {
            throw incorrect("date", v, col);
        }
        return d;
    }

    private static LocalDateTime datetime(SqlType t, Object v, String col) {
        LocalDateTime d;
        if (v instanceof LocalDateTime ldt) {
            d = ldt;
        } else if (v instanceof LocalDate ld) {
            d = ld.atStartOfDay();
        } else if (v instanceof Instant i) {
            if (i.getEpochSecond() < -62135596800L || i.getEpochSecond() > 253402300799L) {
                throw incorrect("datetime", v, col);
            }
            d = LocalDateTime.ofInstant(i, ZoneOffset.UTC);
        } else {
            d = v instanceof CharSequence || v instanceof Number ? TemporalText.parse(v.toString()) : null;
            if (d == null) {
                throw incorrect("datetime", v, col);
            }
        }
        if (d.getYear() < 1 || d.getYear() > 9999) {
            throw incorrect("datetime", v, col);
        }
        d = roundToFsp(d, t.fsp());
        boolean inRange = t.kind() == SqlType.Kind.TIMESTAMP
                ? !d.isBefore(TIMESTAMP_MIN) && !d.isAfter(TIMESTAMP_MAX)
                : d.getYear() <= 9999;
        if (!inRange) {
            throw incorrect("datetime", v, col);
        }
        return d;
    }

    /** Rounds half up to {@code fsp} fractional digits, as MySQL does (not truncates). */
    static LocalDateTime roundToFsp(LocalDateTime d, int fsp) {
        int unit = POW10[9 - fsp];
        int nanos = d.getNano();
        int rem = nanos % unit;
        if (rem == 0) {
            return d;
        }
        LocalDateTime down = d.minusNanos(rem);
        return rem * 2L >= unit ? down.plusNanos(unit) : down;
    }

    private static final int[] POW10 = {1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
        1_000_000_000};

    /** The value as a string column would store it: numbers and dates in MySQL's text form. */
    private static String checkedString(Object v, String col) {
        String s;
        if (v instanceof byte[] b) {
            try {
                s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
            } catch (CharacterCodingException e) {
                throw new RowValueException(Reason.INCORRECT_VALUE, col, v,
                        "Incorrect string value: '" + hexPrefix(b) + "' for column '" + col + "'");
            }
        } else {
            s = text(v);
        }
        int bad = Utf8.loneSurrogate(s);
        if (bad >= 0) {
            char c = s.charAt(bad);
            String hex = String.format("\\x%02X\\x%02X\\x%02X", 0xE0 | (c >> 12), 0x80 | ((c >> 6) & 0x3F),
                    0x80 | (c & 0x3F));
            throw new RowValueException(Reason.INCORRECT_VALUE, col, v,
                    "Incorrect string value: '" + hex + "' for column '" + col + "'");
        }
        return s;
    }

    private static String hexPrefix(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(b.length, 6); i++) {
            sb.append(String.format("\\x%02X", b[i] & 0xff));
        }
        return sb.toString();
    }

    /** How a non-string value reads as text, following MySQL's CAST(x AS CHAR). */
    private static String text(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof Double d) {
            return approximateText(d, Double.toString(d));
        }
        if (v instanceof Float f) {
            // The float's own shortest form: 0.1f reads "0.1", not its double expansion.
            return approximateText(f, Float.toString(f));
        }
        if (v instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (v instanceof LocalDateTime d) {
            return TemporalText.format(d, d.getNano() == 0 ? 0 : 6);
        }
        if (v instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        return v.toString();
    }

    private static String approximateText(double d, String s) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        int e = s.indexOf('E');
        if (e < 0) {
            return s;
        }
        String mantissa = s.substring(0, e);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        String exp = s.substring(e + 1);
        return mantissa + "e" + (exp.startsWith("-") ? exp : "+" + exp);
    }

    private static String stripTrailingSpaces(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return end == s.length() ? s : s.substring(0, end);
    }

    /** {@code [+-]digits[.digits][e[+-]digits]} or {@code [+-].digits...}: what MySQL reads as a number. */
    static boolean isNumericLiteral(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int intDigits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            intDigits++;
        }
        int fracDigits = 0;
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                fracDigits++;
            }
        }
        if (intDigits + fracDigits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int expDigits = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                expDigits++;
            }
            if (expDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isPlainInteger(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isDigit(c) && !(i == 0 && (c == '-' || c == '+'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static RowValueException outOfRange(String col, Object v) {
        return new RowValueException(Reason.OUT_OF_RANGE, col, v, "Out of range value for column '" + col + "'");
    }

    private static RowValueException tooLong(String col, Object v) {
        return new RowValueException(Reason.DATA_TOO_LONG, col, v, "Data too long for column '" + col + "'");
    }

    private static RowValueException incorrect(String typeName, Object v, String col) {
        return new RowValueException(Reason.INCORRECT_VALUE, col, v,
                "Incorrect " + typeName + " value: '" + text(v) + "' for column '" + col + "'");
    }
}
