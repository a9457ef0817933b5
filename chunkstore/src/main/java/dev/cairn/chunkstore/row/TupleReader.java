package dev.cairn.chunkstore.row;

/**
 * A position in an encoded tuple. Decoding allocates one of these per tuple;
 * it stays in registers once the JIT sees it does not escape.
 */
final class TupleReader {
    final byte[] buf;
    int pos;

    TupleReader(byte[] buf, int pos) {
        this.buf = buf;
        this.pos = pos;
    }

    int u8() {
        return buf[pos++] & 0xFF;
    }

    /** An unsigned LEB128 varint that must fit an int (lengths, counts). */
    int varint() {
        byte x = buf[pos++];
        if (x >= 0) {
            return x;
        }
        long v = varintTail(x);
        if (v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("varint " + v + " too large at byte " + pos);
        }
        return (int) v;
    }

    /** An unsigned LEB128 varint of up to 64 bits. */
    long varlong() {
        byte x = buf[pos++];
        return x >= 0 ? x : varintTail(x);
    }

    private long varintTail(byte first) {
        long v = first & 0x7F;
        int shift = 7;
        while (true) {
            byte x = buf[pos++];
            v |= (long) (x & 0x7F) << shift;
            if (x >= 0) {
                return v;
            }
            shift += 7;
            if (shift > 63) {
                throw new IllegalArgumentException("malformed varint at byte " + pos);
            }
        }
    }

    boolean atEnd() {
        return pos >= buf.length;
    }
}
