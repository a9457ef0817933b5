package dev.cairn.chunkstore.prolly;

import dev.cairn.chunkstore.Chunk;
import dev.cairn.chunkstore.Hash;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads and writes prolly-tree nodes. This class owns the node format.
 *
 * <p>A node is one {@link Chunk}. Its header lists, in entry order, the
 * addresses the node points at, so GC and sync reach everything without
 * knowing this format: an internal node's children, and, in a map created in
 * <em>address-values</em> mode, a leaf's values (each value is then the 20-byte
 * address of another chunk and is stored only there, not again in the payload).
 *
 * <pre>
 *   chunk header: version | child count | child addresses (internal: children;
 *                                                          address-values leaf: values)
 *   payload:
 *   +---------+-------+-------+-----+------------------+--------------------+------------+--------------+
 *   | format  | level | flags | n   | n key lengths    | leaf, not address: | key bytes  | leaf, not    |
 *   | 1 byte  | 1 byte| 1 byte| var | n x uvarint      |  n value lengths   | all keys,  | address:     |
 *   | (1)     | 0=leaf| bit 0:|     |                  | internal:          | one after  | value bytes, |
 *   |         |       | addr  |     |                  |  n subtree counts  | another    | one after    |
 *   |         |       | values|     |                  |  (uvarint64 each)  |            | another      |
 *   +---------+-------+-------+-----+------------------+--------------------+------------+--------------+
 * </pre>
 *
 * Keys are in strictly ascending unsigned byte order. In an internal node,
 * entry {@code i} is the last key of child {@code i}, the child's address (in
 * the header) and the number of leaf entries under it, so counting and seeking
 * by position take one step per level. Lengths come before the bytes so a
 * reader finds every key with one pass over small varints and no copying.
 * Every node of a map carries the mode flag, so a map loaded from any node
 * knows its mode. The empty map is one leaf with no entries.
 */
final class ProllyNodeCodec {
    /** The only payload format so far. */
    static final byte FORMAT = 1;
    static final int FLAG_ADDRESS_VALUES = 1;

    private ProllyNodeCodec() {
    }

    /**
     * How many bytes an entry adds to a node's chunk. The boundary rule sizes
     * nodes with this, so a node's chunk is its entries' weights plus a small
     * fixed header.
     */
    static int weight(int level, boolean addressValues, byte[] key, byte[] value, long count) {
        int w = varintSize(key.length) + key.length;
        if (level > 0) {
            return w + Hash.BYTE_LENGTH + varintSize(count);
        }
        if (addressValues) {
            return w + Hash.BYTE_LENGTH;
        }
        return w + varintSize(value.length) + value.length;
    }

    /**
     * Encodes the first {@code n} entries. Values are 20-byte addresses in
     * internal nodes and in address-values leaves; {@code counts} matter only
     * in internal nodes.
     */
    static Chunk encode(int level, boolean addressValues, byte[][] keys, byte[][] values, long[] counts, int n) {
        boolean inHeader = level > 0 || addressValues;
        int size = 3 + varintSize(n);
        for (int i = 0; i < n; i++) {
            size += weight(level, addressValues, keys[i], values[i], counts[i]);
        }
        if (inHeader) {
            size -= n * Hash.BYTE_LENGTH;
        }
        byte[] payload = new byte[size];
        int p = 0;
        payload[p++] = FORMAT;
        payload[p++] = (byte) level;
        payload[p++] = (byte) (addressValues ? FLAG_ADDRESS_VALUES : 0);
        p = putVarint(payload, p, n);
        for (int i = 0; i < n; i++) {
            p = putVarint(payload, p, keys[i].length);
        }
        if (level > 0) {
            for (int i = 0; i < n; i++) {
                p = putVarint(payload, p, counts[i]);
            }
        } else if (!addressValues) {
            for (int i = 0; i < n; i++) {
                p = putVarint(payload, p, values[i].length);
            }
        }
        for (int i = 0; i < n; i++) {
            System.arraycopy(keys[i], 0, payload, p, keys[i].length);
            p += keys[i].length;
        }
        List<Hash> children = Collections.emptyList();
        if (inHeader) {
            children = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                children.add(Hash.fromBytes(values[i], 0));
            }
        } else {
            for (int i = 0; i < n; i++) {
                System.arraycopy(values[i], 0, payload, p, values[i].length);
                p += values[i].length;
            }
        }
        assert p == size;
        return Chunk.create(children, payload);
    }

    /** The root of an empty map: a leaf with no entries. */
    static Chunk emptyLeaf(boolean addressValues) {
        return encode(0, addressValues, new byte[0][], new byte[0][], new long[0], 0);
    }

    /** Decodes a node, checking that every length stays inside the chunk. */
    static ProllyNode decode(Chunk chunk) throws CorruptNodeException {
        try {
            return decodeUnchecked(chunk);
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw new CorruptNodeException(chunk.hash(), e.getMessage(), e);
        }
    }

    private static ProllyNode decodeUnchecked(Chunk chunk) throws CorruptNodeException {
        byte[] d = chunk.data();
        Hash hash = chunk.hash();
        int payload = chunk.payloadOffset();
        if (d.length - payload < 4) {
            throw new CorruptNodeException(hash, "payload of " + (d.length - payload) + " bytes is too short");
        }
        int p = payload;
        if (d[p++] != FORMAT) {
            throw new CorruptNodeException(hash, "unknown node format " + d[payload]);
        }
        int level = d[p++] & 0xff;
        int flags = d[p++] & 0xff;
        if ((flags & ~FLAG_ADDRESS_VALUES) != 0) {
            throw new CorruptNodeException(hash, "unknown flags " + flags);
        }
        boolean addressValues = (flags & FLAG_ADDRESS_VALUES) != 0;
        long nl = getVarint(d, p);
        p = (int) (nl >>> 32);
        int n = (int) nl;
        if (n < 0 || n > d.length) {
            throw new CorruptNodeException(hash, "bad entry count " + n);
        }
        boolean inHeader = level > 0 || addressValues;
        int declared = (int) getVarint(d, 1); // the chunk header's address count
        int expectedChildren = inHeader ? n : 0;
        if (declared != expectedChildren) {
            throw new CorruptNodeException(hash, "header lists " + declared + " addresses for " + n + " entries");
        }
        int childBase = payload - declared * Hash.BYTE_LENGTH;

        int[] keyOff = new int[n + 1];
        for (int i = 0; i < n; i++) {
            long r = getVarint(d, p);
            p = (int) (r >>> 32);
            keyOff[i + 1] = keyOff[i] + (int) r;
            if (keyOff[i + 1] > d.length) {
                throw new CorruptNodeException(hash, "keys overrun the chunk");
            }
        }
        int[] valueOff = null;
        long[] cumCounts = null;
        if (level > 0) {
            cumCounts = new long[n];
            long total = 0;
            for (int i = 0; i < n; i++) {
                long c = 0;
                for (int shift = 0; ; shift += 7) {
                    if (shift > 63) {
                        throw new CorruptNodeException(hash, "subtree count varint too long");
                    }
                    int b = d[p++];
                    c |= (long) (b & 0x7f) << shift;
                    if (b >= 0) {
                        break;
                    }
                }
                if (c <= 0) {
                    throw new CorruptNodeException(hash, "child " + i + " has subtree count " + c);
                }
                total += c;
                cumCounts[i] = total;
            }
        } else if (!addressValues) {
            valueOff = new int[n + 1];
            for (int i = 0; i < n; i++) {
                long r = getVarint(d, p);
                p = (int) (r >>> 32);
                valueOff[i + 1] = valueOff[i] + (int) r;
                if (valueOff[i + 1] > d.length) {
                    throw new CorruptNodeException(hash, "values overrun the chunk");
                }
            }
        }
        for (int i = 0; i <= n; i++) {
            keyOff[i] += p;
        }
        int end = keyOff[n];
        if (valueOff != null) {
            for (int i = 0; i <= n; i++) {
                valueOff[i] += end;
            }
            end = valueOff[n];
        }
        if (end != d.length) {
            throw new CorruptNodeException(hash, "entries take " + (end - payload) + " bytes but the payload has "
                    + (d.length - payload));
        }
        return new ProllyNode(hash, d, level, addressValues, n, keyOff, valueOff, childBase, cumCounts);
    }

    static int varintSize(long v) {
        int n = 1;
        while ((v >>>= 7) != 0) {
            n++;
        }
        return n;
    }

    private static int putVarint(byte[] dst, int p, long v) {
        while ((v & ~0x7fL) != 0) {
            dst[p++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        dst[p++] = (byte) v;
        return p;
    }

    /**
     * Reads an unsigned varint of at most 31 bits at {@code p}. Returns the
     * position after it in the high half and the value in the low half, so the
     * hot decode loop allocates nothing.
     */
    private static long getVarint(byte[] d, int p) {
        int v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = d[p++];
            v |= (b & 0x7f) << shift;
            if (b >= 0) {
                if (v < 0) {
                    throw new IllegalArgumentException("length varint out of range");
                }
                return ((long) p << 32) | v;
            }
        }
        throw new IllegalArgumentException("length varint too long");
    }
}
