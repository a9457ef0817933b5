package dev.cairn.chunkstore.row;

/**
 * UTF-8 written straight into a row's output array, so that encoding a row
 * needs no intermediate byte[] per string. Unpaired surrogates become
 * {@code '?'}, as {@link String#getBytes} does; {@link SqlType#coerce}
 * refuses them before they get here.
 *
 * <p>The escaped form used in keys writes the NUL character as
 * {@code 00 FF} and ends with {@code 00 01}; no other UTF-8 sequence
 * contains a zero byte, so the end is unambiguous and shorter strings sort
 * before their extensions.
 */
final class Utf8 {
    static final byte ESCAPE = 0x00;
    static final byte ESCAPED_NUL = (byte) 0xFF;
    static final byte TERMINATOR = 0x01;

    private Utf8() {
    }

    /** Encoded length in bytes. */
    static int length(String s) {
        int n = s.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    bytes += 2; // four bytes for two chars
                    i++;
                } else if (!Character.isSurrogate(c)) {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }

    /** Writes {@code s} at {@code pos}; returns the position after it. */
    static int write(String s, byte[] dst, int pos) {
        int n = s.length();
        int i = 0;
        // ASCII runs are the common case and compile to a tight copy loop.
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                break;
            }
            dst[pos++] = (byte) c;
        }
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                dst[pos++] = (byte) c;
            } else if (c < 0x800) {
                dst[pos++] = (byte) (0xC0 | (c >> 6));
                dst[pos++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    dst[pos++] = (byte) (0xF0 | (cp >> 18));
                    dst[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    dst[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    dst[pos++] = (byte) (0x80 | (cp & 0x3F));
                } else {
                    dst[pos++] = '?';
                }
            } else {
                dst[pos++] = (byte) (0xE0 | (c >> 12));
                dst[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                dst[pos++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return pos;
    }

    /** Length of the escaped, terminated key form. */
    static int escapedLength(String s) {
        return length(s) + count(s, '\0') + 2;
    }

    /** Writes the escaped, terminated key form; returns the position after it. */
    static int writeEscaped(String s, byte[] dst, int pos) {
        int end = write(s, dst, pos);
        if (s.indexOf('\0') >= 0) {
            end = escapeInPlace(dst, pos, end);
        }
        dst[end] = ESCAPE;
        dst[end + 1] = TERMINATOR;
        return end + 2;
    }

    /** Length of the escaped, terminated key form of raw bytes. */
    static int escapedLength(byte[] b) {
        int zeros = 0;
        for (byte x : b) {
            if (x == 0) {
                zeros++;
            }
        }
        return b.length + zeros + 2;
    }

    static int writeEscaped(byte[] b, byte[] dst, int pos) {
        for (byte x : b) {
            dst[pos++] = x;
            if (x == 0) {
                dst[pos++] = ESCAPED_NUL;
            }
        }
        dst[pos] = ESCAPE;
        dst[pos + 1] = TERMINATOR;
        return pos + 2;
    }

    /** Doubles every zero in {@code dst[from, to)}, shifting right; the caller sized dst for it. */
    private static int escapeInPlace(byte[] dst, int from, int to) {
        int zeros = 0;
        for (int i = from; i < to; i++) {
            if (dst[i] == 0) {
                zeros++;
            }
        }
        int w = to + zeros;
        for (int r = to - 1; r >= from; r--) {
            if (dst[r] == 0) {
                dst[--w] = ESCAPED_NUL;
            }
            dst[--w] = dst[r];
        }
        return to + zeros;
    }

    /**
     * Finds the end of an escaped field starting at {@code pos}: the index of
     * its {@code 00 01} terminator. Returns {@code -1 - terminatorIndex} if the
     * field contains escapes, so the caller knows whether it can copy directly.
     */
    static int findTerminator(byte[] b, int pos) {
        boolean escaped = false;
        for (int i = pos; ; i++) {
            if (b[i] == ESCAPE) {
                byte next = b[i + 1];
                if (next == TERMINATOR) {
                    return escaped ? -1 - i : i;
                }
                if (next != ESCAPED_NUL) {
                    throw new IllegalArgumentException("malformed key: bad escape at byte " + i);
                }
                escaped = true;
                i++;
            }
        }
    }

    /** The bytes of {@code b[from, to)} with each {@code 00 FF} turned back into {@code 00}. */
    static byte[] unescape(byte[] b, int from, int to) {
        byte[] out = new byte[to - from];
        int w = 0;
        for (int i = from; i < to; i++) {
            out[w++] = b[i];
            if (b[i] == ESCAPE) {
                i++;
            }
        }
        return w == out.length ? out : java.util.Arrays.copyOf(out, w);
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = s.indexOf(c); i >= 0; i = s.indexOf(c, i + 1)) {
            n++;
        }
        return n;
    }

    /** Index of the first surrogate not part of a pair, or -1. */
    static int loneSurrogate(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }
}
