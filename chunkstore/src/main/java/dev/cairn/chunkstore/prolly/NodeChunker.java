package dev.cairn.chunkstore.prolly;

import dev.cairn.chunkstore.Chunk;
import java.io.IOException;
import java.util.Arrays;

/**
 * Collects the entries of one tree level and cuts them into nodes where
 * {@link NodeSplitter} says. Each finished node goes to a {@link Sink} along
 * with its last key and leaf count, which is exactly the entry the level above
 * needs. Not thread-safe.
 */
final class NodeChunker {
    /** Receives each node as it is finished. */
    interface Sink {
        void node(Chunk chunk, byte[] lastKey, long count) throws IOException;
    }

    private final int level;
    private final boolean addressValues;
    private final Sink sink;
    private byte[][] keys = new byte[64][];
    private byte[][] values = new byte[64][];
    private long[] counts = new long[64];
    private int n;
    private int bytes;
    private long leafCount;

    NodeChunker(int level, boolean addressValues, Sink sink) {
        this.level = level;
        this.addressValues = addressValues;
        this.sink = sink;
    }

    int level() {
        return level;
    }

    /**
     * Appends an entry: the key, then the value (or, above the leaves, the
     * child's address), then the leaf count under it (1 in a leaf). The arrays
     * are kept until the node is encoded, so they must not change meanwhile.
     */
    void add(byte[] key, byte[] value, long count) throws IOException {
        int w = weight(key, value, count);
        if (NodeSplitter.overflows(bytes, w)) {
            cut();
        }
        if (n == keys.length) {
            int cap = n * 2;
            keys = Arrays.copyOf(keys, cap);
            values = Arrays.copyOf(values, cap);
            counts = Arrays.copyOf(counts, cap);
        }
        keys[n] = key;
        values[n] = value;
        counts[n] = count;
        n++;
        int before = bytes;
        bytes += w;
        leafCount += count;
        if (NodeSplitter.endsAfter(key, level, n, before, bytes)) {
            cut();
        }
    }

    /** The number of bytes an entry adds to a node of this level. */
    int weight(byte[] key, byte[] value, long count) {
        return ProllyNodeCodec.weight(level, addressValues, key, value, count);
    }

    /** True when the entries so far end exactly at a node boundary. */
    boolean isEmpty() {
        return n == 0;
    }

    /** Whether an entry of this weight arriving next would end the current node before it. */
    boolean overflowsWith(int weight) {
        return NodeSplitter.overflows(bytes, weight);
    }

    /** Ends the current node here, if it has any entries: at the end of a level, or when a lookahead says so. */
    void cut() throws IOException {
        if (n == 0) {
            return;
        }
        Chunk chunk = ProllyNodeCodec.encode(level, addressValues, keys, values, counts, n);
        byte[] last = keys[n - 1];
        long total = leafCount;
        Arrays.fill(keys, 0, n, null);
        Arrays.fill(values, 0, n, null);
        n = 0;
        bytes = 0;
        leafCount = 0;
        sink.node(chunk, last, total);
    }
}
