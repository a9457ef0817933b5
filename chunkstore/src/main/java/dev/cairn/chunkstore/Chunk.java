package dev.cairn.chunkstore;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * An immutable chunk: bytes named by their {@link Hash}.
 *
 * <p>Every chunk starts with the same header, so GC, sync and verify can walk
 * the DAG without knowing what a chunk holds:
 *
 * <pre>
 *   +---------+-------------------+-----------------------------+-------------+
 *   | version | child count       | child addresses             | payload     |
 *   | 1 byte  | unsigned varint   | count x 20 bytes            | the rest    |
 *   +---------+-------------------+-----------------------------+-------------+
 * </pre>
 *
 * The hash covers the whole chunk, header included, so a chunk's children are
 * part of its identity. The payload's meaning belongs to the layer that wrote it.
 */
public final class Chunk {
    /** The only header version so far. */
    public static final byte FORMAT_VERSION = 1;

    private final Hash hash;
    private final byte[] data;

    private Chunk(Hash hash, byte[] data) {
        this.hash = hash;
        this.data = data;
    }

    /** Builds a chunk from its children and payload. */
    public static Chunk create(List<Hash> children, byte[] payload) {
        int n = children.size();
        int headerLen = 1 + varintSize(n) + n * Hash.BYTE_LENGTH;
        byte[] data = new byte[headerLen + payload.length];
        ByteBuffer b = ByteBuffer.wrap(data);
        b.put(FORMAT_VERSION);
        putVarint(b, n);
        for (Hash child : children) {
            child.writeTo(b);
        }
        b.put(payload);
        return new Chunk(Hash.of(data), data);
    }

    /** A chunk with no children. */
    public static Chunk leaf(byte[] payload) {
        return create(List.of(), payload);
    }

    /**
     * Wraps bytes read back from storage, hashing them. Checks that the header
     * is well formed.
     *
     * @throws IllegalArgumentException if the header is malformed
     */
    public static Chunk fromBytes(byte[] data) {
        Chunk c = new Chunk(Hash.of(data), data);
        c.payloadOffset(); // validates the header
        return c;
    }

    /**
     * Wraps bytes that are already known to hash to {@code hash}, without
     * hashing them again. Only for callers that have just verified the hash.
     */
    static Chunk trusted(Hash hash, byte[] data) {
        return new Chunk(hash, data);
    }

    public Hash hash() {
        return hash;
    }

    /** The whole chunk, header included. Callers must not modify it. */
    public byte[] data() {
        return data;
    }

    public int size() {
        return data.length;
    }

    /** The child addresses declared in the header, in order. */
    public List<Hash> children() {
        ByteBuffer b = ByteBuffer.wrap(data);
        int n = readHeaderCount(b);
        if (n == 0) {
            return Collections.emptyList();
        }
        List<Hash> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(Hash.read(b));
        }
        return out;
    }

    /** Calls {@code sink} with each child address, without building a list. */
    public void forEachChild(Consumer<Hash> sink) {
        ByteBuffer b = ByteBuffer.wrap(data);
        int n = readHeaderCount(b);
        for (int i = 0; i < n; i++) {
            sink.accept(Hash.read(b));
        }
    }

    /** A copy of the payload: the bytes after the header. */
    public byte[] payload() {
        int off = payloadOffset();
        byte[] out = new byte[data.length - off];
        System.arraycopy(data, off, out, 0, out.length);
        return out;
    }

    /** The offset in {@link #data()} where the payload starts. */
    public int payloadOffset() {
        ByteBuffer b = ByteBuffer.wrap(data);
        int n = readHeaderCount(b);
        long off = b.position() + (long) n * Hash.BYTE_LENGTH;
        if (off > data.length) {
            throw new IllegalArgumentException("chunk " + hash + " declares " + n + " children but has only "
                    + data.length + " bytes");
        }
        return (int) off;
    }

    private int readHeaderCount(ByteBuffer b) {
        if (!b.hasRemaining()) {
            throw new IllegalArgumentException("chunk " + hash + " is empty: it has no header");
        }
        byte version = b.get();
        if (version != FORMAT_VERSION) {
            throw new IllegalArgumentException("chunk " + hash + " has unknown header version " + version);
        }
        int n = getVarint(b);
        if ((long) n * Hash.BYTE_LENGTH > b.remaining()) {
            throw new IllegalArgumentException("chunk " + hash + " declares " + n + " children but has only "
                    + data.length + " bytes");
        }
        return n;
    }

    static int varintSize(int v) {
        int n = 1;
        while ((v >>>= 7) != 0) {
            n++;
        }
        return n;
    }

    static void putVarint(ByteBuffer b, int v) {
        while ((v & ~0x7f) != 0) {
            b.put((byte) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        b.put((byte) v);
    }

    static int getVarint(ByteBuffer b) {
        int v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (!b.hasRemaining()) {
                throw new IllegalArgumentException("truncated varint in chunk header");
            }
            int x = b.get() & 0xff;
            v |= (x & 0x7f) << shift;
            if ((x & 0x80) == 0) {
                if (v < 0) {
                    throw new IllegalArgumentException("negative varint in chunk header");
                }
                return v;
            }
        }
        throw new IllegalArgumentException("varint too long in chunk header");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Chunk && ((Chunk) o).hash.equals(hash);
    }

    @Override
    public int hashCode() {
        return hash.hashCode();
    }

    @Override
    public String toString() {
        return "Chunk(" + hash + ", " + data.length + " bytes)";
    }
}
