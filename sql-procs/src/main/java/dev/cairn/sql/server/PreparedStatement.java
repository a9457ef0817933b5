package dev.cairn.sql.server;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A statement prepared by COM_STMT_PREPARE. Cairn's engine has no placeholders, so each
 * COM_STMT_EXECUTE substitutes its parameters into the text as SQL literals (quoted and
 * escaped) and runs the result like a query. Placeholders are the {@code ?} outside quotes,
 * backquoted names and comments. Not thread-safe; belongs to one connection.
 */
final class PreparedStatement {
    final int id;
    final String sql;
    /** Offsets of the placeholders in {@link #sql}. */
    private final int[] placeholders;
    /** The parameter types last bound: kept for an execute that sends none (new-params-bound = 0). */
    private int[] types;
    /** Parameter data sent with COM_STMT_SEND_LONG_DATA since the last execute or reset. */
    private final ByteArrayOutputStream[] longData;

    PreparedStatement(int id, String sql) {
        this.id = id;
        this.sql = sql;
        this.placeholders = placeholders(sql);
        this.longData = new ByteArrayOutputStream[placeholders.length];
    }

    int paramCount() {
        return placeholders.length;
    }

    void appendLongData(int param, byte[] data) {
        if (param < 0 || param >= longData.length) {
            return; // MySQL ignores long data for a parameter that does not exist
        }
        if (longData[param] == null) {
            longData[param] = new ByteArrayOutputStream();
        }
        longData[param].writeBytes(data);
    }

    void reset() {
        java.util.Arrays.fill(longData, null);
    }

    /**
     * The statement text with the parameters of a COM_STMT_EXECUTE packet (read from after the
     * iteration count) in place of the placeholders.
     */
    String bind(PayloadReader r) {
        int n = placeholders.length;
        if (n == 0) {
            return sql;
        }
        byte[] nulls = r.bytes((n + 7) / 8);
        boolean newTypes = r.int1() == 1;
        if (newTypes) {
            types = new int[n];
            for (int i = 0; i < n; i++) {
                types[i] = r.int2();
            }
        } else if (types == null) {
            throw new PayloadReader.MalformedPacketException("parameters were never bound");
        }
        List<String> literals = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            boolean isNull = (nulls[i / 8] & (1 << (i % 8))) != 0;
            if (longData[i] != null) {
                literals.add(bytesLiteral(longData[i].toByteArray()));
            } else if (isNull) {
                literals.add("NULL");
            } else {
                literals.add(literal(r, types[i] & 0xff, (types[i] & 0x8000) != 0));
            }
        }
        reset();
        StringBuilder out = new StringBuilder(sql.length() + 16 * n);
        int prev = 0;
        for (int i = 0; i < n; i++) {
            out.append(sql, prev, placeholders[i]).append(literals.get(i));
            prev = placeholders[i] + 1;
        }
        return out.append(sql, prev, sql.length()).toString();
    }

    private static String literal(PayloadReader r, int type, boolean unsigned) {
        switch (type) {
            case Protocol.TYPE_NULL:
                return "NULL";
            case Protocol.TYPE_TINY: {
                int v = r.int1();
                return Integer.toString(unsigned ? v : (byte) v);
            }
            case Protocol.TYPE_SHORT:
            case Protocol.TYPE_YEAR: {
                int v = r.int2();
                return Integer.toString(unsigned ? v : (short) v);
            }
            case Protocol.TYPE_LONG:
            case Protocol.TYPE_INT24: {
                long v = r.int4();
                return Long.toString(unsigned ? v : (int) v);
            }
            case Protocol.TYPE_LONGLONG: {
                long v = r.int8();
                return unsigned ? Long.toUnsignedString(v) : Long.toString(v);
            }
            case Protocol.TYPE_FLOAT:
                return number(Float.intBitsToFloat((int) r.int4()));
            case Protocol.TYPE_DOUBLE:
                return number(Double.longBitsToDouble(r.int8()));
            case Protocol.TYPE_DATE:
            case Protocol.TYPE_DATETIME:
            case Protocol.TYPE_TIMESTAMP:
                return dateTime(r, type == Protocol.TYPE_DATE);
            case Protocol.TYPE_TIME:
                return time(r);
            case Protocol.TYPE_DECIMAL:
            case Protocol.TYPE_NEWDECIMAL: {
                String s = new String(r.lenencBytes(), StandardCharsets.US_ASCII).trim();
                try {
                    return new BigDecimal(s).toPlainString();
                } catch (NumberFormatException e) {
                    return quote(s);
                }
            }
            case Protocol.TYPE_TINY_BLOB:
            case Protocol.TYPE_MEDIUM_BLOB:
            case Protocol.TYPE_LONG_BLOB:
            case Protocol.TYPE_BLOB:
            case Protocol.TYPE_BIT:
            case Protocol.TYPE_STRING:
            case Protocol.TYPE_VAR_STRING:
            case Protocol.TYPE_VARCHAR:
            case Protocol.TYPE_ENUM:
            case Protocol.TYPE_SET:
            case Protocol.TYPE_JSON:
                return bytesLiteral(r.lenencBytes());
            default:
                throw new PayloadReader.MalformedPacketException("unsupported parameter type " + type);
        }
    }

    private static String number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return "NULL";
        }
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    private static String dateTime(PayloadReader r, boolean dateOnly) {
        int len = r.int1();
        int year = 0;
        int month = 0;
        int day = 0;
        int hour = 0;
        int minute = 0;
        int second = 0;
        long micros = 0;
        if (len >= 4) {
            year = r.int2();
            month = r.int1();
            day = r.int1();
        }
        if (len >= 7) {
            hour = r.int1();
            minute = r.int1();
            second = r.int1();
        }
        if (len >= 11) {
            micros = r.int4();
        }
        if (len > 11) {
            r.skip(len - 11);
        }
        String date = String.format("%04d-%02d-%02d", year, month, day);
        if (dateOnly || len < 7) {
            return quote(date);
        }
        String time = String.format("%02d:%02d:%02d", hour, minute, second);
        return quote(date + " " + time + (micros != 0 ? String.format(".%06d", micros) : ""));
    }

    private static String time(PayloadReader r) {
        int len = r.int1();
        if (len == 0) {
            return "'00:00:00'";
        }
        boolean negative = r.int1() == 1;
        long days = r.int4();
        int hour = r.int1();
        int minute = r.int1();
        int second = r.int1();
        long micros = len >= 12 ? r.int4() : 0;
        if (len > 12) {
            r.skip(len - 12);
        }
        return quote((negative ? "-" : "") + String.format("%02d:%02d:%02d", days * 24 + hour, minute, second)
                + (micros != 0 ? String.format(".%06d", micros) : ""));
    }

    /** A string literal if the bytes are UTF-8 text (the engine turns it into bytes for a BLOB), else hex. */
    private static String bytesLiteral(byte[] b) {
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b)).toString();
            return quote(s);
        } catch (CharacterCodingException e) {
            return "X'" + HexFormat.of().formatHex(b) + "'";
        }
    }

    /** A MySQL string literal: backslash escapes, so any text round-trips. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('\'');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\'' -> sb.append("\\'");
                case '\\' -> sb.append("\\\\");
                case '\0' -> sb.append("\\0");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case 26 -> sb.append("\\Z");
                default -> sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }

    /** Offsets of the {@code ?} placeholders outside string literals, quoted names and comments. */
    static int[] placeholders(String sql) {
        List<Integer> out = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = skipQuoted(sql, i);
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-'
                    && (i + 2 >= n || Character.isWhitespace(sql.charAt(i + 2)))) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (c == '#') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else {
                if (c == '?') {
                    out.add(i);
                }
                i++;
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int skipQuoted(String s, int start) {
        char q = s.charAt(start);
        int i = start + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\' && q != '`') {
                i += 2;
                continue;
            }
            if (c == q) {
                if (i + 1 < s.length() && s.charAt(i + 1) == q) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return s.length();
    }
}
