package dev.cairn.chunkstore.prolly;

import java.io.IOException;

/**
 * Walks the nodes of one level of a tree in key order, keeping the path from
 * the root so stepping to a neighbour reads only what changes. Used by the
 * editor, which re-chunks a level a few nodes at a time. Not thread-safe.
 */
final class LevelCursor {
    private final NodeStore store;
    private final int level;
    private final int top;
    /** nodes[l] for level &lt;= l &lt;= top: the path from the node at {@code level} up to the root. */
    private final ProllyNode[] nodes;
    /** idx[l] for level &lt; l &lt;= top: which entry of nodes[l] the path goes through. */
    private final int[] idx;

    LevelCursor(NodeStore store, ProllyNode root, int level) {
        if (level > root.level()) {
            throw new IllegalArgumentException("level " + level + " is above the root at " + root.level());
        }
        this.store = store;
        this.level = level;
        this.top = root.level();
        this.nodes = new ProllyNode[top + 1];
        this.idx = new int[top + 1];
        nodes[top] = root;
    }

    /** Moves to the node whose key range holds {@code key}: the first whose last key is at least {@code key}, else the last. */
    void seek(byte[] key) throws IOException {
        for (int l = top; l > level; l--) {
            ProllyNode node = nodes[l];
            int i = Math.min(node.ceiling(key), node.size() - 1);
            idx[l] = i;
            nodes[l - 1] = store.read(node.child(i));
        }
    }

    ProllyNode node() {
        return nodes[level];
    }

    boolean hasNext() {
        return nextPivot() >= 0;
    }

    boolean hasPrev() {
        for (int l = level + 1; l <= top; l++) {
            if (idx[l] > 0) {
                return true;
            }
        }
        return false;
    }

    void next() throws IOException {
        int l = nextPivot();
        idx[l]++;
        for (; l > level; l--) {
            nodes[l - 1] = store.read(nodes[l].child(idx[l]));
            if (l - 1 > level) {
                idx[l - 1] = 0;
            }
        }
    }

    void prev() throws IOException {
        int l = level + 1;
        while (idx[l] == 0) {
            l++;
        }
        idx[l]--;
        for (; l > level; l--) {
            nodes[l - 1] = store.read(nodes[l].child(idx[l]));
            if (l - 1 > level) {
                idx[l - 1] = nodes[l - 1].size() - 1;
            }
        }
    }

    /** The last key of the next node, read from its parent without loading the node itself. */
    byte[] nextLastKey() throws IOException {
        int l = nextPivot();
        if (l == level + 1) {
            return nodes[l].key(idx[l] + 1);
        }
        ProllyNode node = store.read(nodes[l].child(idx[l] + 1));
        while (node.level() > level + 1) {
            node = store.read(node.child(0));
        }
        return node.key(0);
    }

    /** The next node, without moving. */
    ProllyNode peekNext() throws IOException {
        int l = nextPivot();
        ProllyNode node = store.read(nodes[l].child(idx[l] + 1));
        while (node.level() > level) {
            node = store.read(node.child(0));
        }
        return node;
    }

    /** The lowest level on the path that has a next entry, or -1 at the last node. */
    private int nextPivot() {
        for (int l = level + 1; l <= top; l++) {
            if (idx[l] < nodes[l].size() - 1) {
                return l;
            }
        }
        return -1;
    }
}
