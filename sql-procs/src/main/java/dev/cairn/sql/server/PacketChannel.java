package dev.cairn.sql.server;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * MySQL packets over one socket. A packet is a 3-byte little-endian payload length, a 1-byte
 * sequence id, then the payload; a payload of 16 MiB - 1 or more continues in the next packet
 * (ending with a shorter, possibly empty one). Sequence ids count up within one command and
 * restart at 0 with the next; writes are buffered until {@link #flush}.
 */
final class PacketChannel {
    private static final int MAX_PAYLOAD = 0xffffff;

    private final InputStream in;
    private final OutputStream out;
    private final int maxPacket;
    private int sequence;

    PacketChannel(Socket socket, int maxPacket) throws IOException {
        this.in = new BufferedInputStream(socket.getInputStream(), 16384);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 16384);
        this.maxPacket = maxPacket;
    }

    /** Starts a new command: the next packet read has sequence id 0. */
    void resetSequence() {
        sequence = 0;
    }

    /**
     * Reads one logical packet (joining continuations).
     *
     * @throws EOFException if the client closed the connection
     */
    byte[] read() throws IOException {
        ByteArrayOutputStream whole = null;
        while (true) {
            int b0 = in.read();
            if (b0 < 0) {
                throw new EOFException("connection closed by client");
            }
            int length = b0 | readByte() << 8 | readByte() << 16;
            sequence = (readByte() + 1) & 0xff;
            byte[] payload = in.readNBytes(length);
            if (payload.length < length) {
                throw new EOFException("connection closed mid-packet");
            }
            if (length < MAX_PAYLOAD && whole == null) {
                return payload;
            }
            if (whole == null) {
                whole = new ByteArrayOutputStream();
            }
            whole.writeBytes(payload);
            if (whole.size() > maxPacket) {
                throw new PacketTooLargeException();
            }
            if (length < MAX_PAYLOAD) {
                return whole.toByteArray();
            }
        }
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("connection closed mid-packet");
        }
        return b;
    }

    void write(Payload p) throws IOException {
        write(p.toByteArray());
    }

    void write(byte[] payload) throws IOException {
        int off = 0;
        while (true) {
            int n = Math.min(MAX_PAYLOAD, payload.length - off);
            out.write(n);
            out.write(n >>> 8);
            out.write(n >>> 16);
            out.write(sequence);
            sequence = (sequence + 1) & 0xff;
            out.write(payload, off, n);
            off += n;
            if (n < MAX_PAYLOAD) {
                return;
            }
        }
    }

    void flush() throws IOException {
        out.flush();
    }

    /** The client sent more than max_allowed_packet in one command; the rest of it was not read. */
    static final class PacketTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        PacketTooLargeException() {
            super("Got a packet bigger than 'max_allowed_packet' bytes");
        }
    }
}
