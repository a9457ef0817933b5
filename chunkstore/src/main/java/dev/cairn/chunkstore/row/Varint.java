package dev.cairn.chunkstore.row;

/**
 * Unsigned LEB128: seven bits a byte, least significant group first, high
 * bit set on every byte but the last. Lengths and counts under 128 take one
 * byte, which is nearly all of them in a row.
 */
final class Varint {
    private Varint() {
    }

    static int size(long v) {
        // One byte per started group of seven bits; zero still takes a byte.
        return Math.max(1, (63 - Long.numberOfLeadingZeros(v) + 7) / 7);
    }

    static int write(byte[] b, int pos, long v) {
        while ((v & ~0x7FL) != 0) {
            b[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        b[pos++] = (byte) v;
        return pos;
    }
}
