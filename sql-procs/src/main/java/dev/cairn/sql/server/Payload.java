package dev.cairn.sql.server;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds one packet's payload in the protocol's little-endian and length-encoded forms. */
final class Payload {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

    Payload int1(int v) {
        out.write(v);
        return this;
    }

    Payload int2(int v) {
        out.write(v);
        out.write(v >>> 8);
        return this;
    }

    Payload int3(int v) {
        int2(v);
        out.write(v >>> 16);
        return this;
    }

    Payload int4(long v) {
        int2((int) v);
        int2((int) (v >>> 16));
        return this;
    }

    Payload int8(long v) {
        int4(v);
        int4(v >>> 32);
        return this;
    }

    /** A length-encoded integer. */
    Payload lenenc(long v) {
        if (v >= 0 && v < 251) {
            out.write((int) v);
        } else if (v >= 0 && v < (1 << 16)) {
            out.write(0xfc);
            int2((int) v);
        } else if (v >= 0 && v < (1 << 24)) {
            out.write(0xfd);
            int3((int) v);
        } else {
            out.write(0xfe);
            int8(v);
        }
        return this;
    }

    Payload lenencBytes(byte[] b) {
        lenenc(b.length);
        out.writeBytes(b);
        return this;
    }

    Payload lenencString(String s) {
        return lenencBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    Payload nulString(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        out.write(0);
        return this;
    }

    Payload bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    /** Text to the end of the packet, without a length. */
    Payload rest(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    Payload zeros(int n) {
        for (int i = 0; i < n; i++) {
            out.write(0);
        }
        return this;
    }

    int size() {
        return out.size();
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
