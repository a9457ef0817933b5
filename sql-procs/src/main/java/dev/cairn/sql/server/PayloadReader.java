package dev.cairn.sql.server;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads the fields of one received packet's payload; a read past the end is a malformed packet. */
final class PayloadReader {
    private final byte[] b;
    private int pos;

    PayloadReader(byte[] payload) {
        this.b = payload;
    }

    PayloadReader(byte[] payload, int start) {
        this.b = payload;
        this.pos = start;
    }

    int remaining() {
        return b.length - pos;
    }

    int position() {
        return pos;
    }

    private void need(int n) {
        if (n < 0 || pos + n > b.length) {
            throw new MalformedPacketException("packet too short");
        }
    }

    int int1() {
        need(1);
        return b[pos++] & 0xff;
    }

    int int2() {
        return int1() | int1() << 8;
    }

    int int3() {
        return int2() | int1() << 16;
    }

    long int4() {
        return (int2() & 0xffffL) | (long) int2() << 16;
    }

    long int8() {
        return (int4() & 0xffffffffL) | int4() << 32;
    }

    long lenenc() {
        int first = int1();
        return switch (first) {
            case 0xfc -> int2();
            case 0xfd -> int3();
            case 0xfe -> int8();
            default -> first;
        };
    }

    byte[] bytes(int n) {
        need(n);
        byte[] out = Arrays.copyOfRange(b, pos, pos + n);
        pos += n;
        return out;
    }

    byte[] lenencBytes() {
        long n = lenenc();
        if (n > Integer.MAX_VALUE) {
            throw new MalformedPacketException("string too long");
        }
        return bytes((int) n);
    }

    String lenencString() {
        return new String(lenencBytes(), StandardCharsets.UTF_8);
    }

    byte[] nulBytes() {
        int end = pos;
        while (end < b.length && b[end] != 0) {
            end++;
        }
        byte[] out = Arrays.copyOfRange(b, pos, end);
        pos = Math.min(end + 1, b.length);
        return out;
    }

    String nulString() {
        return new String(nulBytes(), StandardCharsets.UTF_8);
    }

    byte[] restBytes() {
        return bytes(remaining());
    }

    String rest() {
        return new String(restBytes(), StandardCharsets.UTF_8);
    }

    void skip(int n) {
        need(n);
        pos += n;
    }

    /** A packet whose fields do not add up: the connection answers with an error and carries on. */
    static final class MalformedPacketException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedPacketException(String message) {
            super(message);
        }
    }
}
