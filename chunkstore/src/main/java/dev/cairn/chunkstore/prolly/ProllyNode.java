package dev.cairn.chunkstore.prolly;

import dev.cairn.chunkstore.Hash;
import java.util.Arrays;

/**
 * A decoded node: the chunk's bytes plus the offsets of its keys and values,
 * so reading an entry is an array slice and nothing is copied until a caller
 * asks for a key or value. Immutable, hence shared through {@link NodeCache}.
 * The layout is {@link ProllyNodeCodec}'s.
 */
final class ProllyNode {
    private final Hash hash;
    private final byte[] data;
    private final int level;
    private final boolean addressValues;
    private final int size;
    /** Key i is data[keyOff[i], keyOff[i + 1]). */
    private final int[] keyOff;
    /** Value i is data[valueOff[i], valueOff[i + 1]); null when values are addresses in the header. */
    private final int[] valueOff;
    /** Offset of the first address in the chunk header. */
    private final int childBase;
    /** Running total of subtree counts; null in leaves. */
    private final long[] cumCounts;

    ProllyNode(Hash hash, byte[] data, int level, boolean addressValues, int size, int[] keyOff, int[] valueOff,
            int childBase, long[] cumCounts) {
        this.hash = hash;
        this.data = data;
        this.level = level;
        this.addressValues = addressValues;
        this.size = size;
        this.keyOff = keyOff;
        this.valueOff = valueOff;
        this.childBase = childBase;
        this.cumCounts = cumCounts;
    }

    Hash hash() {
        return hash;
    }

    /** The chunk bytes, header included. Not to be modified. */
    byte[] data() {
        return data;
    }

    int level() {
        return level;
    }

    boolean isLeaf() {
        return level == 0;
    }

    boolean addressValues() {
        return addressValues;
    }

    /** Number of entries in this node. */
    int size() {
        return size;
    }

    /** Number of leaf entries under this node. */
    long count() {
        if (level == 0) {
            return size;
        }
        return size == 0 ? 0 : cumCounts[size - 1];
    }

    /** Leaf entries under children before child {@code i}. */
    long countBefore(int i) {
        if (level == 0) {
            return i;
        }
        return i == 0 ? 0 : cumCounts[i - 1];
    }

    /** Leaf entries under child {@code i}; 1 in a leaf. */
    long subtreeCount(int i) {
        if (level == 0) {
            return 1;
        }
        return i == 0 ? cumCounts[0] : cumCounts[i] - cumCounts[i - 1];
    }

    byte[] key(int i) {
        return Arrays.copyOfRange(data, keyOff[i], keyOff[i + 1]);
    }

    int keyStart(int i) {
        return keyOff[i];
    }

    int keyEnd(int i) {
        return keyOff[i + 1];
    }

    /** The value of leaf entry {@code i}, or the child address of internal entry {@code i}, as bytes. */
    byte[] value(int i) {
        return Arrays.copyOfRange(data, valueStart(i), valueEnd(i));
    }

    int valueStart(int i) {
        return valueOff != null ? valueOff[i] : childBase + i * Hash.BYTE_LENGTH;
    }

    int valueEnd(int i) {
        return valueOff != null ? valueOff[i + 1] : childBase + (i + 1) * Hash.BYTE_LENGTH;
    }

    /** The address of child {@code i} of an internal node. */
    Hash child(int i) {
        return Hash.fromBytes(data, childBase + i * Hash.BYTE_LENGTH);
    }

    /** Compares key {@code i} with {@code key} in unsigned byte order. */
    int compareKey(int i, byte[] key) {
        return Arrays.compareUnsigned(data, keyOff[i], keyOff[i + 1], key, 0, key.length);
    }

    /** Compares key {@code i} of this node with key {@code j} of {@code other}. */
    int compareKey(int i, ProllyNode other, int j) {
        return Arrays.compareUnsigned(data, keyOff[i], keyOff[i + 1], other.data, other.keyOff[j], other.keyOff[j + 1]);
    }

    /** Whether value {@code i} of this leaf equals value {@code j} of {@code other}. */
    boolean valueEquals(int i, ProllyNode other, int j) {
        return Arrays.equals(data, valueStart(i), valueEnd(i), other.data, other.valueStart(j), other.valueEnd(j));
    }

    /** The first entry whose key is at least {@code key}, or {@link #size()} if none is. */
    int ceiling(byte[] key) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (compareKey(mid, key) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The entry whose subtree holds leaf position {@code pos} (0 &lt;= pos &lt; count()). */
    int childAt(long pos) {
        if (level == 0) {
            return (int) pos;
        }
        int lo = 0;
        int hi = size - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumCounts[mid] <= pos) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Approximate heap bytes, for the cache's budget. */
    int weight() {
        return 96 + data.length + 4 * keyOff.length + (valueOff != null ? 4 * valueOff.length : 0)
                + (cumCounts != null ? 8 * cumCounts.length : 0);
    }

    @Override
    public String toString() {
        return "ProllyNode(" + hash + ", level " + level + ", " + size + " entries, " + data.length + " bytes)";
    }
}
