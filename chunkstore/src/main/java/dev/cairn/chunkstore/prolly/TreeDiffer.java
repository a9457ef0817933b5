package dev.cairn.chunkstore.prolly;

import dev.cairn.chunkstore.Hash;
import java.io.IOException;

/**
 * Walks two trees side by side in key order, reporting the differences and
 * skipping every subtree the two share.
 *
 * <p>Each side is a cursor that stops at the highest level it can: after the
 * last entry of a node it rises to the next entry of the parent, a reference
 * to a subtree it has not read. Both sides are always positioned just after
 * the same processed keys, so when both stand on subtree references of the
 * same level with the same address, those subtrees hold the same entries and
 * both are stepped over unread. Because boundaries depend only on content,
 * the two trees share every node outside the changed key ranges, and the walk
 * reads O(changes x depth) nodes. Otherwise the side standing higher reads
 * down a level (both, if level with different addresses); at the leaves the
 * keys are merged.
 */
final class TreeDiffer {
    private TreeDiffer() {
    }

    /** Reports the changes from {@code from} to {@code to}; stops early if the consumer says so. */
    static void diff(NodeStore fromStore, ProllyNode from, NodeStore toStore, ProllyNode to, DiffConsumer out)
            throws IOException {
        if (from.hash().equals(to.hash())) {
            return;
        }
        Side a = new Side(fromStore, from);
        Side b = new Side(toStore, to);
        while (true) {
            if (a.atEnd()) {
                if (b.atEnd()) {
                    return;
                }
                if (b.level > 0) {
                    b.descend();
                } else {
                    if (!out.accept(Diff.added(b.key(), b.value()))) {
                        return;
                    }
                    b.advance();
                }
                continue;
            }
            if (b.atEnd()) {
                if (a.level > 0) {
                    a.descend();
                } else {
                    if (!out.accept(Diff.removed(a.key(), a.value()))) {
                        return;
                    }
                    a.advance();
                }
                continue;
            }
            if (a.level > b.level) {
                a.descend();
            } else if (b.level > a.level) {
                b.descend();
            } else if (a.level > 0) {
                if (a.childHash().equals(b.childHash())) {
                    a.advance();
                    b.advance();
                } else {
                    a.descend();
                    b.descend();
                }
            } else {
                ProllyNode na = a.nodes[0];
                ProllyNode nb = b.nodes[0];
                int ia = a.idx[0];
                int ib = b.idx[0];
                int c = na.compareKey(ia, nb, ib);
                boolean go = true;
                if (c < 0) {
                    go = out.accept(Diff.removed(a.key(), a.value()));
                    a.advance();
                } else if (c > 0) {
                    go = out.accept(Diff.added(b.key(), b.value()));
                    b.advance();
                } else {
                    if (!na.valueEquals(ia, nb, ib)) {
                        go = out.accept(Diff.modified(a.key(), a.value(), b.value()));
                    }
                    a.advance();
                    b.advance();
                }
                if (!go) {
                    return;
                }
            }
        }
    }

    /** One tree's position: an entry at {@code level} of the path from the root. */
    private static final class Side {
        private final NodeStore store;
        private final int top;
        final ProllyNode[] nodes;
        final int[] idx;
        /** The level of the current entry; above {@code top} once the tree is exhausted. */
        int level;

        Side(NodeStore store, ProllyNode root) {
            this.store = store;
            this.top = root.level();
            this.nodes = new ProllyNode[top + 1];
            this.idx = new int[top + 1];
            nodes[top] = root;
            level = root.size() == 0 ? top + 1 : top;
        }

        boolean atEnd() {
            return level > top;
        }

        Hash childHash() {
            return nodes[level].child(idx[level]);
        }

        byte[] key() {
            return nodes[level].key(idx[level]);
        }

        byte[] value() {
            return nodes[level].value(idx[level]);
        }

        /** Reads the subtree the current entry refers to and stands on its first entry. */
        void descend() throws IOException {
            nodes[level - 1] = store.read(childHash());
            level--;
            idx[level] = 0;
        }

        /** Steps past the current entry, rising while nodes run out. */
        void advance() {
            idx[level]++;
            while (level <= top && idx[level] >= nodes[level].size()) {
                level++;
                if (level <= top) {
                    idx[level]++;
                }
            }
        }
    }
}
