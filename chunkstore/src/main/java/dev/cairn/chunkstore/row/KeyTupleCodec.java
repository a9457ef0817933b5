package dev.cairn.chunkstore.row;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes key tuples so that comparing the bytes as unsigned strings gives
 * SQL order of the typed tuples: column by column, NULL first. The prolly
 * tree only ever compares bytes, so this is what makes its order the table's
 * primary-key order and range scans possible.
 *
 * <p>Every field starts with a header byte; {@code 00} is NULL and has no
 * payload. Otherwise (all multi-byte numbers big-endian):
 * <pre>
 *   TINYINT/SMALLINT/INT/BIGINT  01, 1/2/4/8 bytes two's complement with the sign bit flipped
 *   BOOLEAN                      01, 00 (false) or 01 (true)
 *   FLOAT / DOUBLE               01, 4/8 IEEE bytes: sign bit flipped if positive, all bits if negative;
 *                                -0.0 is written as 0.0, NaN is refused
 *   DECIMAL                      01 / 02 / 03 for negative / zero / positive, see {@link OrderedDecimal}
 *   VARCHAR/CHAR/TEXT/JSON       01, UTF-8 (binary collation: code point order, trailing spaces count)
 *                                with 00 written as 00 FF, then the terminator 00 01
 *   BLOB                         01, the bytes escaped the same way, then 00 01
 *   DATE                         01, days since 1970-01-01 as 4 bytes, sign bit flipped
 *   DATETIME / TIMESTAMP         01, microseconds since 1970-01-01T00:00 as 8 bytes, sign bit flipped
 * </pre>
 * Every field ends itself, so a tuple of the leading k columns is a byte
 * prefix of every full tuple that starts with those values: {@link #encode}
 * with fewer values than columns gives the bounds of a prefix scan. The
 * terminator 00 01 sorts below every continuation (a byte of 01 or more, or
 * the escape 00 FF), so "a" &lt; "a\0" &lt; "ab" holds inside composite keys.
 *
 * <p>Immutable and thread-safe. Values must already be in the types' Java
 * form ({@link SqlType#coerce}); integers of any boxed width are accepted.
 */
public final class KeyTupleCodec {
    private static final byte NULL = 0x00;
    private static final byte PRESENT = 0x01;

    private final SqlType[] types;

    public KeyTupleCodec(List<SqlType> types) {
        this.types = types.toArray(new SqlType[0]);
    }

    public List<SqlType> types() {
        return List.of(types);
    }

    /**
     * Encodes {@code values}, one per type in order. Fewer values than types
     * encode a prefix tuple, for range bounds.
     */
    public byte[] encode(Object... values) {
        if (values.length > types.length) {
            throw new IllegalArgumentException("key has " + types.length + " columns, got " + values.length + " values");
        }
        int len = 0;
        for (int i = 0; i < values.length; i++) {
            len += fieldLength(types[i], values[i]);
        }
        byte[] out = new byte[len];
        int pos = 0;
        for (int i = 0; i < values.length; i++) {
            pos = writeField(types[i], values[i], out, pos);
        }
        return out;
    }

    /** Decodes a full key tuple into one value per type. */
    public Object[] decode(byte[] key) {
        Object[] out = new Object[types.length];
        TupleReader r = new TupleReader(key, 0);
        try {
            for (int i = 0; i < types.length; i++) {
                out[i] = readField(types[i], r);
            }
        } catch (IndexOutOfBoundsException e) {
            throw truncated(key);
        }
        if (!r.atEnd()) {
            throw new IllegalArgumentException("malformed key: " + (key.length - r.pos) + " bytes after the last column");
        }
        return out;
    }

    /** Orders keys as the prolly tree does: unsigned lexicographic bytes. */
    public static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    /** Encoded length of the key made of {@code row[columns[i]]}. */
    int length(Object[] row, int[] columns) {
        int len = 0;
        for (int i = 0; i < columns.length; i++) {
            len += fieldLength(types[i], row[columns[i]]);
        }
        return len;
    }

    int write(Object[] row, int[] columns, byte[] dst, int pos) {
        for (int i = 0; i < columns.length; i++) {
            pos = writeField(types[i], row[columns[i]], dst, pos);
        }
        return pos;
    }

    /** Decodes a full key into {@code row[columns[i]]}. */
    void decodeInto(byte[] key, Object[] row, int[] columns) {
        TupleReader r = new TupleReader(key, 0);
        try {
            for (int i = 0; i < columns.length; i++) {
                row[columns[i]] = readField(types[i], r);
            }
        } catch (IndexOutOfBoundsException e) {
            throw truncated(key);
        }
        if (!r.atEnd()) {
            throw new IllegalArgumentException("malformed key: " + (key.length - r.pos) + " bytes after the last column");
        }
    }

    private static IllegalArgumentException truncated(byte[] key) {
        return new IllegalArgumentException("malformed key: truncated at " + key.length + " bytes");
    }

    private static int fieldLength(SqlType t, Object v) {
        if (v == null) {
            return 1;
        }
        return switch (t.kind()) {
            case TINYINT, BOOLEAN -> 2;
            case SMALLINT -> 3;
            case INT, FLOAT, DATE -> 5;
            case BIGINT, DOUBLE, DATETIME, TIMESTAMP -> 9;
            case DECIMAL -> OrderedDecimal.length((BigDecimal) v);
            case VARCHAR, CHAR, TEXT, JSON -> 1 + Utf8.escapedLength((String) v);
            case BLOB -> 1 + Utf8.escapedLength((byte[]) v);
        };
    }

    private static int writeField(SqlType t, Object v, byte[] dst, int pos) {
        if (v == null) {
            dst[pos] = NULL;
            return pos + 1;
        }
        if (t.kind() == SqlType.Kind.DECIMAL) {
            return OrderedDecimal.write((BigDecimal) v, dst, pos);
        }
        dst[pos++] = PRESENT;
        switch (t.kind()) {
            case TINYINT -> dst[pos++] = (byte) (checkedLong(t, v) ^ 0x80);
            case SMALLINT -> {
                BigEndian.putShort(dst, pos, (short) (checkedLong(t, v) ^ 0x8000));
                pos += 2;
            }
            case INT -> {
                BigEndian.putInt(dst, pos, (int) checkedLong(t, v) ^ Integer.MIN_VALUE);
                pos += 4;
            }
            case BIGINT -> {
                BigEndian.putLong(dst, pos, checkedLong(t, v) ^ Long.MIN_VALUE);
                pos += 8;
            }
            case BOOLEAN -> dst[pos++] = (byte) ((Boolean) v ? 1 : 0);
            case FLOAT -> {
                BigEndian.putInt(dst, pos, orderedFloatBits(((Number) v).floatValue()));
                pos += 4;
            }
            case DOUBLE -> {
                BigEndian.putLong(dst, pos, orderedDoubleBits(((Number) v).doubleValue()));
                pos += 8;
            }
            case VARCHAR, CHAR, TEXT, JSON -> pos = Utf8.writeEscaped((String) v, dst, pos);
            case BLOB -> pos = Utf8.writeEscaped((byte[]) v, dst, pos);
            case DATE -> {
                BigEndian.putInt(dst, pos, Math.toIntExact(((LocalDate) v).toEpochDay()) ^ Integer.MIN_VALUE);
                pos += 4;
            }
            case DATETIME, TIMESTAMP -> {
                BigEndian.putLong(dst, pos, epochMicros((LocalDateTime) v) ^ Long.MIN_VALUE);
                pos += 8;
            }
            default -> throw new AssertionError(t);
        }
        return pos;
    }

    private static Object readField(SqlType t, TupleReader r) {
        byte[] b = r.buf;
        if (t.kind() == SqlType.Kind.DECIMAL) {
            if (b[r.pos] == NULL) {
                r.pos++;
                return null;
            }
            return OrderedDecimal.read(r, t.scale());
        }
        int header = r.u8();
        if (header == NULL) {
            return null;
        }
        if (header != PRESENT) {
            throw new IllegalArgumentException("malformed key: field header " + header + " at byte " + (r.pos - 1));
        }
        int p = r.pos;
        switch (t.kind()) {
            case TINYINT -> {
                r.pos = p + 1;
                return (long) (byte) (b[p] ^ 0x80);
            }
            case SMALLINT -> {
                r.pos = p + 2;
                return (long) (short) (BigEndian.getShort(b, p) ^ 0x8000);
            }
            case INT -> {
                r.pos = p + 4;
                return (long) (BigEndian.getInt(b, p) ^ Integer.MIN_VALUE);
            }
            case BIGINT -> {
                r.pos = p + 8;
                return BigEndian.getLong(b, p) ^ Long.MIN_VALUE;
            }
            case BOOLEAN -> {
                r.pos = p + 1;
                return b[p] != 0;
            }
            case FLOAT -> {
                r.pos = p + 4;
                int e = BigEndian.getInt(b, p);
                return Float.intBitsToFloat(e < 0 ? e ^ Integer.MIN_VALUE : ~e);
            }
            case DOUBLE -> {
                r.pos = p + 8;
                long e = BigEndian.getLong(b, p);
                return Double.longBitsToDouble(e < 0 ? e ^ Long.MIN_VALUE : ~e);
            }
            case VARCHAR, CHAR, TEXT, JSON, BLOB -> {
                int term = Utf8.findTerminator(b, p);
                byte[] raw = null;
                if (term < 0) {
                    term = -1 - term;
                    raw = Utf8.unescape(b, p, term);
                }
                r.pos = term + 2;
                if (t.kind() == SqlType.Kind.BLOB) {
                    return raw != null ? raw : Arrays.copyOfRange(b, p, term);
                }
                return raw != null ? new String(raw, StandardCharsets.UTF_8)
                        : new String(b, p, term - p, StandardCharsets.UTF_8);
            }
            case DATE -> {
                r.pos = p + 4;
                return LocalDate.ofEpochDay(BigEndian.getInt(b, p) ^ Integer.MIN_VALUE);
            }
            case DATETIME, TIMESTAMP -> {
                r.pos = p + 8;
                return fromEpochMicros(BigEndian.getLong(b, p) ^ Long.MIN_VALUE);
            }
            default -> throw new AssertionError(t);
        }
    }

    private static long checkedLong(SqlType t, Object v) {
        long x = ((Number) v).longValue();
        // A wider value would be silently cut to the field's width and land in the wrong place.
        if (x < t.minValue() || x > t.maxValue()) {
            throw new IllegalArgumentException(v + " is out of range for " + t.sqlName());
        }
        return x;
    }

    private static int orderedFloatBits(float f) {
        if (Float.isNaN(f)) {
            throw new IllegalArgumentException("NaN cannot be stored in a key");
        }
        int bits = Float.floatToIntBits(f == 0.0f ? 0.0f : f);
        return bits < 0 ? ~bits : bits ^ Integer.MIN_VALUE;
    }

    private static long orderedDoubleBits(double d) {
        if (Double.isNaN(d)) {
            throw new IllegalArgumentException("NaN cannot be stored in a key");
        }
        long bits = Double.doubleToLongBits(d == 0.0 ? 0.0 : d);
        return bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
    }

    /** Microseconds since the epoch, reading the datetime as UTC; finer digits are dropped. */
    static long epochMicros(LocalDateTime t) {
        return t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + t.getNano() / 1000;
    }

    static LocalDateTime fromEpochMicros(long micros) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
    }
}
