package dev.cairn.chunkstore.model;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Appends the primitive fields of a model object's payload: varints, fixed longs, length-prefixed strings. */
final class FieldWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(128);

    FieldWriter u8(int v) {
        out.write(v);
        return this;
    }

    FieldWriter varlong(long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
        return this;
    }

    FieldWriter int64(long v) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (v >>> shift));
        }
        return this;
    }

    FieldWriter bytes(byte[] b) {
        varlong(b.length);
        out.write(b, 0, b.length);
        return this;
    }

    FieldWriter string(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
