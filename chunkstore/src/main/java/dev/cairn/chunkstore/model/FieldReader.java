package dev.cairn.chunkstore.model;

import dev.cairn.chunkstore.CorruptChunkException;
import dev.cairn.chunkstore.Hash;
import java.nio.charset.StandardCharsets;

/** Reads what {@link FieldWriter} wrote, failing with the chunk's address on any inconsistency. */
final class FieldReader {
    private final Hash chunk;
    private final byte[] data;
    private int pos;
    private final int end;

    FieldReader(Hash chunk, byte[] data, int offset) {
        this.chunk = chunk;
        this.data = data;
        this.pos = offset;
        this.end = data.length;
    }

    int u8() throws CorruptChunkException {
        need(1);
        return data[pos++] & 0xFF;
    }

    long varlong() throws CorruptChunkException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = u8();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw corrupt("varint longer than 64 bits");
    }

    int varint() throws CorruptChunkException {
        long v = varlong();
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw corrupt("count out of range: " + v);
        }
        return (int) v;
    }

    long int64() throws CorruptChunkException {
        need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (data[pos++] & 0xFF);
        }
        return v;
    }

    byte[] bytes() throws CorruptChunkException {
        int n = varint();
        need(n);
        byte[] b = new byte[n];
        System.arraycopy(data, pos, b, 0, n);
        pos += n;
        return b;
    }

    String string() throws CorruptChunkException {
        int n = varint();
        need(n);
        String s = new String(data, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    void expectEnd() throws CorruptChunkException {
        if (pos != end) {
            throw corrupt((end - pos) + " unexpected trailing bytes");
        }
    }

    private void need(int n) throws CorruptChunkException {
        if (n < 0 || end - pos < n) {
            throw corrupt("payload ends early");
        }
    }

    CorruptChunkException corrupt(String why) {
        return new CorruptChunkException(null, chunk, why);
    }
}
