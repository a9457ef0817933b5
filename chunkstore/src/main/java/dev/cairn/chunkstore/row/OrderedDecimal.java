package dev.cairn.chunkstore.row;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The order-preserving key form of a DECIMAL, independent of its scale, so
 * that 1.5 &lt; 2 &lt; 10 &lt; 10.25 whatever scale each was written with.
 *
 * <pre>
 *   zero:      02
 *   positive:  03  E (2 bytes, big-endian, sign bit flipped)  digit pairs
 *   negative:  01  ~E                                          ~digit pairs
 * </pre>
 *
 * The value is {@code 0.d1 d2 d3 ... x 10^E} with {@code d1 != 0} and no
 * trailing zero digit. Digits go two to a byte as {@code 2*(10*d1+d2)+1}, the
 * last pair as {@code 2*(10*d1+d2)} (a lone last digit is paired with 0), so the
 * field ends itself: continuing bytes are odd, the last is even. Between two
 * positives a larger exponent is a larger number, and with equal exponents
 * the digit strings compare byte by byte; the odd/even mark makes a shorter
 * string (a prefix) compare lower than its extension. Negatives complement
 * every byte after the header so larger magnitudes sort first. Header 00 is
 * NULL, below every number.
 */
final class OrderedDecimal {
    static final int NEGATIVE = 0x01;
    static final int ZERO = 0x02;
    static final int POSITIVE = 0x03;

    private OrderedDecimal() {
    }

    /** The digits of |d| without trailing zeros; the caller has excluded zero. */
    private static String digits(BigDecimal stripped) {
        return stripped.unscaledValue().abs().toString();
    }

    static int length(BigDecimal d) {
        if (d.signum() == 0) {
            return 1;
        }
        int k = digits(d.stripTrailingZeros()).length();
        return 3 + (k + 1) / 2;
    }

    static int write(BigDecimal d, byte[] dst, int pos) {
        if (d.signum() == 0) {
            dst[pos] = ZERO;
            return pos + 1;
        }
        BigDecimal s = d.stripTrailingZeros();
        String digits = digits(s);
        long e = (long) s.precision() - s.scale();
        if (e < Short.MIN_VALUE || e > Short.MAX_VALUE) {
            throw new IllegalArgumentException("decimal exponent out of range for a key: " + d);
        }
        boolean neg = d.signum() < 0;
        int flip = neg ? 0xFF : 0;
        dst[pos++] = (byte) (neg ? NEGATIVE : POSITIVE);
        int exp = (int) e ^ 0x8000;
        dst[pos++] = (byte) ((exp >> 8) ^ flip);
        dst[pos++] = (byte) (exp ^ flip);
        int k = digits.length();
        for (int i = 0; i < k; i += 2) {
            int hi = digits.charAt(i) - '0';
            int lo = i + 1 < k ? digits.charAt(i + 1) - '0' : 0;
            int b = 2 * (hi * 10 + lo) + (i + 2 < k ? 1 : 0);
            dst[pos++] = (byte) (b ^ flip);
        }
        return pos;
    }

    /** Reads a decimal whose header byte is at {@code r.pos}; the result has at least {@code scale} digits after the point. */
    static BigDecimal read(TupleReader r, int scale) {
        int header = r.u8();
        if (header == ZERO) {
            return BigDecimal.ZERO.setScale(scale);
        }
        if (header != NEGATIVE && header != POSITIVE) {
            throw new IllegalArgumentException("malformed decimal key header " + header);
        }
        boolean neg = header == NEGATIVE;
        int flip = neg ? 0xFF : 0;
        int exp = (((r.u8() ^ flip) << 8) | (r.u8() ^ flip)) ^ 0x8000;
        int e = (short) exp;
        StringBuilder digits = new StringBuilder(24);
        while (true) {
            int b = r.u8() ^ flip;
            int pair = b >> 1;
            if (pair > 99) {
                throw new IllegalArgumentException("malformed decimal key digits");
            }
            digits.append((char) ('0' + pair / 10)).append((char) ('0' + pair % 10));
            if ((b & 1) == 0) {
                break;
            }
        }
        if (digits.charAt(digits.length() - 1) == '0') {
            digits.setLength(digits.length() - 1);
        }
        BigDecimal v = new BigDecimal(new BigInteger(digits.toString()), digits.length() - e);
        if (neg) {
            v = v.negate();
        }
        return v.scale() < scale ? v.setScale(scale) : v;
    }
}
