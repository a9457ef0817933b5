package dev.cairn.chunkstore.row;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;

/**
 * The payload of one non-NULL value in a value tuple, whose length the tuple
 * stores in front of it (so the payload itself needs no terminator or width):
 * <pre>
 *   TINYINT..BIGINT    the value as the fewest big-endian two's-complement bytes (none for 0)
 *   BOOLEAN            01 or 00
 *   FLOAT / DOUBLE     the 4 / 8 IEEE 754 bytes
 *   DECIMAL            scale (1 byte), then the unscaled value as the fewest two's-complement bytes
 *   VARCHAR/CHAR/TEXT/JSON  UTF-8
 *   BLOB               the bytes
 *   DATE               days since 1970-01-01, fewest two's-complement bytes
 *   DATETIME/TIMESTAMP microseconds since 1970-01-01T00:00 (UTC), fewest two's-complement bytes
 * </pre>
 * Minimal integers make the common small id or count one or two bytes; the
 * length prefix is what tells the reader the width.
 */
final class ValueFields {
    private ValueFields() {
    }

    /** Payload length of non-null {@code v}. */
    static int length(SqlType t, Object v) {
        return switch (t.kind()) {
            case TINYINT, SMALLINT, INT, BIGINT -> intLength(((Number) v).longValue());
            case BOOLEAN -> 1;
            case FLOAT -> 4;
            case DOUBLE -> 8;
            case DECIMAL -> 1 + unscaledLength(storable((BigDecimal) v));
            case VARCHAR, CHAR, TEXT, JSON -> Utf8.length((String) v);
            case BLOB -> ((byte[]) v).length;
            case DATE -> intLength(((LocalDate) v).toEpochDay());
            case DATETIME, TIMESTAMP -> intLength(KeyTupleCodec.epochMicros((LocalDateTime) v));
        };
    }

    /** Writes the payload of non-null {@code v} at {@code pos}; returns the position after it. */
    static int write(SqlType t, Object v, byte[] dst, int pos) {
        switch (t.kind()) {
            case TINYINT, SMALLINT, INT, BIGINT -> {
                return writeInt(((Number) v).longValue(), dst, pos);
            }
            case BOOLEAN -> {
                dst[pos] = (byte) ((Boolean) v ? 1 : 0);
                return pos + 1;
            }
            case FLOAT -> {
                BigEndian.putInt(dst, pos, Float.floatToIntBits(((Number) v).floatValue()));
                return pos + 4;
            }
            case DOUBLE -> {
                BigEndian.putLong(dst, pos, Double.doubleToLongBits(((Number) v).doubleValue()));
                return pos + 8;
            }
            case DECIMAL -> {
                BigDecimal d = storable((BigDecimal) v);
                if (d.scale() > 255) {
                    throw new IllegalArgumentException("decimal scale out of range: " + d);
                }
                dst[pos++] = (byte) d.scale();
                if (d.precision() <= 18) {
                    return writeInt(d.unscaledValue().longValue(), dst, pos);
                }
                byte[] u = d.unscaledValue().toByteArray();
                System.arraycopy(u, 0, dst, pos, u.length);
                return pos + u.length;
            }
            case VARCHAR, CHAR, TEXT, JSON -> {
                return Utf8.write((String) v, dst, pos);
            }
            case BLOB -> {
                byte[] b = (byte[]) v;
                System.arraycopy(b, 0, dst, pos, b.length);
                return pos + b.length;
            }
            case DATE -> {
                return writeInt(((LocalDate) v).toEpochDay(), dst, pos);
            }
            case DATETIME, TIMESTAMP -> {
                return writeInt(KeyTupleCodec.epochMicros((LocalDateTime) v), dst, pos);
            }
            default -> throw new AssertionError(t);
        }
    }

    /** Reads the payload in {@code b[pos, pos + len)}. */
    static Object read(SqlType t, byte[] b, int pos, int len) {
        return switch (t.kind()) {
            case TINYINT, SMALLINT, INT, BIGINT -> readInt(b, pos, len);
            case BOOLEAN -> b[pos] != 0;
            case FLOAT -> Float.intBitsToFloat(BigEndian.getInt(b, pos));
            case DOUBLE -> Double.longBitsToDouble(BigEndian.getLong(b, pos));
            case DECIMAL -> {
                int scale = b[pos] & 0xFF;
                yield len - 1 <= 8 ? BigDecimal.valueOf(readInt(b, pos + 1, len - 1), scale)
                        : new BigDecimal(new BigInteger(b, pos + 1, len - 1), scale);
            }
            case VARCHAR, CHAR, TEXT, JSON -> new String(b, pos, len, StandardCharsets.UTF_8);
            case BLOB -> Arrays.copyOfRange(b, pos, pos + len);
            case DATE -> LocalDate.ofEpochDay(readInt(b, pos, len));
            case DATETIME, TIMESTAMP -> KeyTupleCodec.fromEpochMicros(readInt(b, pos, len));
        };
    }

    static int intLength(long v) {
        if (v == 0) {
            return 0;
        }
        // Significant bits of the magnitude, plus one for the sign.
        int bits = 65 - Long.numberOfLeadingZeros(v ^ (v >> 63));
        return (bits + 7) >>> 3;
    }

    static int writeInt(long v, byte[] dst, int pos) {
        int n = intLength(v);
        for (int i = n - 1; i >= 0; i--) {
            dst[pos + i] = (byte) v;
            v >>= 8;
        }
        return pos + n;
    }

    static long readInt(byte[] b, int pos, int len) {
        if (len == 0) {
            return 0;
        }
        if (len > 8) {
            throw new IllegalArgumentException("integer field of " + len + " bytes");
        }
        long v = b[pos]; // sign-extends
        for (int i = 1; i < len; i++) {
            v = (v << 8) | (b[pos + i] & 0xFF);
        }
        return v;
    }

    /** A negative scale (1E+3) has no byte; such a value is an integer, so scale 0 holds it exactly. */
    private static BigDecimal storable(BigDecimal d) {
        return d.scale() < 0 ? d.setScale(0) : d;
    }

    private static int unscaledLength(BigDecimal d) {
        if (d.precision() <= 18) {
            return intLength(d.unscaledValue().longValue());
        }
        // toByteArray's length, without making the array.
        return d.unscaledValue().bitLength() / 8 + 1;
    }
}
