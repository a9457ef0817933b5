package dev.cairn.chunkstore.prolly;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Decides where prolly-tree nodes end. Changing anything here changes the
 * root hash of every map, so it is part of the on-disk format.
 *
 * <p>A node ends after an entry when its size reaches {@link #MAX_NODE_BYTES},
 * or, once it holds at least {@link #MIN_NODE_BYTES}, when a hash of the
 * entry's key falls under a threshold that rises with the node's size. The
 * threshold is the hazard of a Weibull distribution of shape 4 whose mean is
 * {@link #TARGET_NODE_BYTES}: the probability of ending the node between size
 * {@code s0} and {@code s1} given it reached {@code s0}. Compared with a fixed
 * threshold this gives tightly grouped node sizes, so the tree's fan-out is
 * predictable, while the decision still depends only on the entries since the
 * previous boundary; that is what lets an edit re-chunk a few nodes and then
 * fall back into step with the old boundaries.
 *
 * <p>A node also ends <em>before</em> an entry that would take it over the
 * maximum, so only a node holding a single entry can exceed the maximum.
 * Above the leaves a node never ends after its first entry, so every level
 * is at most half as wide as the one below and the tree always tops out.
 *
 * <p>Only the key is hashed, never the value: overwriting a value with one of
 * the same length then never moves a boundary, so an update rewrites exactly
 * one node per level. The hash is salted with the level, because the keys that
 * end nodes at one level are the keys of the level above, and reusing an
 * unsalted hash there would make them end nodes far too often.
 */
final class NodeSplitter {
    static final int MIN_NODE_BYTES = 1024;
    static final int TARGET_NODE_BYTES = 4096;
    static final int MAX_NODE_BYTES = 16384;
    /** Keys are repeated in internal nodes, so they must be small enough that two always share a node. */
    static final int MAX_KEY_BYTES = 4096;

    /** Weibull scale for shape 4 and mean TARGET: mean = scale * Gamma(1 + 1/4). */
    private static final double SCALE = TARGET_NODE_BYTES / 0.9064024770554771;

    /**
     * The most likely any one entry is to end a node. Without a cap, entries
     * so large that a few fill a node would end nodes at fixed counts; then an
     * insert would shift every boundary after it and an edit would re-chunk
     * the rest of the level. Capped, the key hash always has a say, and among
     * big entries boundaries fall where keys hash low, wherever they sit. Small
     * entries never reach the cap: it needs a node of about 9 KiB.
     */
    private static final double MAX_HAZARD = 0.5;

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private NodeSplitter() {
    }

    /**
     * Whether a node ends after an entry with this key, which took the node's
     * size from {@code before} to {@code after} bytes and its entry count to {@code entries}.
     */
    static boolean endsAfter(byte[] key, int level, int entries, int before, int after) {
        if (after >= MAX_NODE_BYTES) {
            return true;
        }
        if (after < MIN_NODE_BYTES || (level > 0 && entries < 2)) {
            // An internal node of one entry would not shrink its level; with
            // keys of at most MAX_KEY_BYTES two always fit, so each level above
            // the leaves has at most half the nodes of the one below.
            return false;
        }
        double a = before / SCALE;
        double b = after / SCALE;
        a *= a;
        a *= a;
        b *= b;
        b *= b;
        // StrictMath, so that every JVM on every CPU picks the same boundaries.
        double hazard = Math.min(MAX_HAZARD, -StrictMath.expm1(a - b));
        double u = (keyHash(key, level) >>> 11) * 0x1.0p-53;
        return u < hazard;
    }

    /** Whether a node of {@code size} bytes must end before an entry of {@code weight} bytes. */
    static boolean overflows(int size, int weight) {
        return size > 0 && size + weight > MAX_NODE_BYTES;
    }

    /**
     * A 64-bit hash of {@code key} salted with {@code level}: eight bytes at a
     * time, multiply-rotate mixing, and a final avalanche so every input bit
     * reaches the top bits that {@link #endsAfter} uses.
     */
    static long keyHash(byte[] key, int level) {
        int n = key.length;
        long h = 0x243f6a8885a308d3L + level * 0x9e3779b97f4a7c15L;
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            h ^= scramble((long) LONG_LE.get(key, i));
            h = Long.rotateLeft(h, 27) * 0x9e3779b97f4a7c15L + 0x52dce729L;
        }
        long tail = 0;
        for (int shift = 0; i < n; i++, shift += 8) {
            tail |= (key[i] & 0xffL) << shift;
        }
        h ^= scramble(tail) ^ n;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    private static long scramble(long w) {
        return Long.rotateLeft(w * 0x87c37b91114253d5L, 31) * 0x4cf5ad432745937fL;
    }
}
