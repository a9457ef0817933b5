package dev.cairn.chunkstore.prolly;

import dev.cairn.chunkstore.Hash;
import java.util.Arrays;
import java.util.Map;

/**
 * Sorted changes to the entries of one tree level: a value, or null to
 * delete. At the leaves they are the caller's edits; above, they replace the
 * references to the nodes that the level below rewrote.
 */
final class LevelEdits {
    private byte[][] keys;
    private byte[][] values;
    private long[] counts;
    private int size;

    LevelEdits(int capacity) {
        keys = new byte[Math.max(capacity, 4)][];
        values = new byte[keys.length][];
        counts = new long[keys.length];
    }

    /**
     * The caller's edits to a map, checked: keys strictly ascending in
     * {@link ProllyMap#KEY_ORDER}, and in address-values mode every value an address.
     */
    static LevelEdits ofLeaves(Iterable<? extends Map.Entry<byte[], byte[]>> edits, int sizeHint, boolean addressValues) {
        LevelEdits out = new LevelEdits(sizeHint);
        for (Map.Entry<byte[], byte[]> e : edits) {
            byte[] key = e.getKey();
            ProllyMap.checkKey(key);
            if (out.size > 0 && ProllyMap.KEY_ORDER.compare(out.keys[out.size - 1], key) >= 0) {
                throw new IllegalArgumentException("edits are not in strictly ascending unsigned key order: use a map "
                        + "ordered by ProllyMap.KEY_ORDER");
            }
            byte[] value = e.getValue();
            if (value != null && addressValues && value.length != Hash.BYTE_LENGTH) {
                throw new IllegalArgumentException("an address-values map takes " + Hash.BYTE_LENGTH
                        + "-byte addresses as values, not " + value.length + " bytes");
            }
            out.add(key, value, 1);
        }
        return out;
    }

    void add(byte[] key, byte[] value, long count) {
        if (size == keys.length) {
            int cap = size * 2;
            keys = Arrays.copyOf(keys, cap);
            values = Arrays.copyOf(values, cap);
            counts = Arrays.copyOf(counts, cap);
        }
        keys[size] = key;
        values[size] = value;
        counts[size] = count;
        size++;
    }

    int size() {
        return size;
    }

    byte[] key(int i) {
        return keys[i];
    }

    /** The new value, or null for a delete. */
    byte[] value(int i) {
        return values[i];
    }

    long count(int i) {
        return counts[i];
    }
}
