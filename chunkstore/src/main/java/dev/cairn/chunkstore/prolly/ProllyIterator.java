package dev.cairn.chunkstore.prolly;

import java.io.IOException;
import java.util.Arrays;
import java.util.NoSuchElementException;

/**
 * A forward cursor over a key range of a {@link ProllyMap}. It keeps the path
 * from the root to the current leaf, so stepping costs an array read and a
 * new node is read once per leaf. Not thread-safe; the map it came from may
 * be shared freely.
 */
public final class ProllyIterator {
    private final NodeStore store;
    private final ProllyNode root;
    private final byte[] from;
    private final byte[] to;
    /** nodes[l]: the node at level l on the path; nodes[0] is the current leaf. */
    private final ProllyNode[] nodes;
    /** idx[l]: the entry of nodes[l] the path goes through; idx[0] is the next entry to return. */
    private final int[] idx;
    private boolean exhausted;

    ProllyIterator(NodeStore store, ProllyNode root, byte[] fromInclusive, byte[] toExclusive) throws IOException {
        this.store = store;
        this.root = root;
        this.from = fromInclusive == null ? null : fromInclusive.clone();
        this.to = toExclusive == null ? null : toExclusive.clone();
        this.nodes = new ProllyNode[root.level() + 1];
        this.idx = new int[root.level() + 1];
        seek(from == null ? new byte[0] : from);
    }

    /**
     * Moves to the first entry whose key is at least {@code key} (but not
     * before the range's start), forwards or backwards.
     */
    public void seek(byte[] key) throws IOException {
        if (from != null && ProllyMap.KEY_ORDER.compare(key, from) < 0) {
            key = from;
        }
        exhausted = false;
        ProllyNode node = root;
        for (int l = root.level(); l > 0; l--) {
            nodes[l] = node;
            int i = node.ceiling(key);
            if (i == node.size()) {
                exhausted = true;
                return;
            }
            idx[l] = i;
            node = store.read(node.child(i));
        }
        nodes[0] = node;
        idx[0] = node.ceiling(key);
    }

    public boolean hasNext() throws IOException {
        if (exhausted) {
            return false;
        }
        if (idx[0] >= nodes[0].size() && !nextLeaf()) {
            exhausted = true;
            return false;
        }
        ProllyNode leaf = nodes[0];
        int i = idx[0];
        if (to != null && Arrays.compareUnsigned(leaf.data(), leaf.keyStart(i), leaf.keyEnd(i), to, 0, to.length) >= 0) {
            exhausted = true;
            return false;
        }
        return true;
    }

    /** The next entry; its arrays are the caller's own. */
    public ProllyMap.Entry next() throws IOException {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ProllyNode leaf = nodes[0];
        int i = idx[0]++;
        return new ProllyMap.Entry(leaf.key(i), leaf.value(i));
    }

    /** The key of the entry {@link #next()} would return, or null at the end. */
    public byte[] peekKey() throws IOException {
        return hasNext() ? nodes[0].key(idx[0]) : null;
    }

    private boolean nextLeaf() throws IOException {
        int l = 1;
        while (l <= root.level() && idx[l] >= nodes[l].size() - 1) {
            l++;
        }
        if (l > root.level()) {
            return false;
        }
        idx[l]++;
        for (; l > 0; l--) {
            nodes[l - 1] = store.read(nodes[l].child(idx[l]));
            idx[l - 1] = 0;
        }
        return true;
    }
}
