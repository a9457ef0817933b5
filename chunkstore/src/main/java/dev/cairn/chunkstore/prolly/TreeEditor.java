package dev.cairn.chunkstore.prolly;

import dev.cairn.chunkstore.Hash;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Applies sorted edits to a tree, writing only the nodes that change.
 *
 * <p>The tree is a function of its entries (see {@link TreeBuilder}), so the
 * edited tree must equal a fresh build. Level by level, starting at the
 * leaves, the editor re-chunks <em>windows</em> of consecutive nodes: a window
 * starts at a node boundary that the edits cannot move and ends at the first
 * boundary where the new chunking lines up with the old one after the last
 * edit it covers. From an aligned boundary on, the boundary rule sees the
 * same entries as before and so repeats the old nodes, which are therefore
 * kept by address. The nodes a level's windows replace become the edits of
 * the level above: drop the old nodes' entries, add the new ones'.
 *
 * <p>Where windows start: the boundary before a node depends on the node
 * before it and, when that node was ended early so as not to overflow, on
 * the first entry of this one. An edit at or before a node's first key
 * therefore starts the window one node earlier.
 *
 * <p>Where windows end: after re-chunking node N, if the next edit is beyond
 * node N+1, the new chunking has a boundary after N when the chunker is
 * empty, or when N+1's first entry would overflow it. Otherwise the window
 * goes on into N+1.
 */
final class TreeEditor {
    /** A node a window produced, with the entry that refers to it from the level above. */
    private record Made(Hash hash, byte[] lastKey, long count) {
    }

    private final NodeStore store;
    private final boolean addressValues;

    TreeEditor(NodeStore store, boolean addressValues) {
        this.store = store;
        this.addressValues = addressValues;
    }

    /** Returns the root of {@code root}'s tree with {@code leafEdits} applied. */
    ProllyNode apply(ProllyNode root, LevelEdits leafEdits) throws IOException {
        LevelEdits edits = leafEdits;
        for (int level = 0; ; level++) {
            if (edits.size() == 0) {
                // Nothing below changed, so nothing from here up does either.
                return root;
            }
            LevelPass pass = new LevelPass(root, level, edits);
            pass.run();
            if (level == root.level() || (pass.wholeLevel && pass.made.size() <= 1)) {
                // `made` is the whole new level: finish the tree from it.
                return finishTop(pass.made, level);
            }
            edits = pass.parentEdits();
        }
    }

    private ProllyNode finishTop(List<Made> made, int level) throws IOException {
        if (made.isEmpty()) {
            return store.writeCached(ProllyNodeCodec.emptyLeaf(addressValues));
        }
        if (made.size() == 1) {
            ProllyNode node = store.read(made.get(0).hash());
            // Levels that shrank to one entry are not part of the tree: it stops at the first single-node level.
            while (!node.isLeaf() && node.size() == 1) {
                node = store.read(node.child(0));
            }
            return node;
        }
        TreeBuilder builder = new TreeBuilder(store, addressValues, level + 1);
        for (Made m : made) {
            builder.add(m.lastKey(), m.hash().toBytes(), m.count());
        }
        return builder.finish();
    }

    /** Re-chunks the windows of one level. */
    private final class LevelPass {
        private final ProllyNode root;
        private final int level;
        private final LevelEdits edits;
        private int next;
        /** Every node the windows produced, in key order. */
        final List<Made> made = new ArrayList<>();
        /** Changes to the level above: a new reference, or null to drop an old one. */
        private final TreeMap<byte[], Made> parent = new TreeMap<>(ProllyMap.KEY_ORDER);
        /** Whether one window covered the level from its first node to its last. */
        boolean wholeLevel;

        LevelPass(ProllyNode root, int level, LevelEdits edits) {
            this.root = root;
            this.level = level;
            this.edits = edits;
        }

        void run() throws IOException {
            LevelCursor cursor = new LevelCursor(store, root, level);
            int windows = 0;
            while (next < edits.size()) {
                byte[] key = edits.key(next);
                cursor.seek(key);
                if (cursor.hasPrev() && cursor.node().compareKey(0, key) >= 0) {
                    cursor.prev();
                }
                boolean fromFirst = !cursor.hasPrev();
                boolean toLast = window(cursor);
                windows++;
                wholeLevel = windows == 1 && fromFirst && toLast;
            }
        }

        /** Re-chunks from the cursor's node to a resynchronising boundary; returns true if it reached the level's end. */
        private boolean window(LevelCursor cursor) throws IOException {
            Set<Hash> consumed = new HashSet<>();
            // Nodes are written as they are made so a window over a whole level does not hold it in memory.
            // A made node equal to an old one can only end at a key of a node already consumed, whose
            // dropped reference is therefore already in `parent` to be cancelled.
            NodeChunker chunker = new NodeChunker(level, addressValues, (chunk, lastKey, count) -> {
                Hash hash = chunk.hash();
                if (consumed.contains(hash)) {
                    // Re-chunked into the very node it was: its reference above stays as it is.
                    parent.remove(lastKey);
                } else {
                    store.writeCached(chunk);
                    parent.put(lastKey, new Made(hash, lastKey, count));
                }
                made.add(new Made(hash, lastKey, count));
            });
            while (true) {
                ProllyNode node = cursor.node();
                consumed.add(node.hash());
                if (node.size() > 0) {
                    parent.put(node.key(node.size() - 1), null);
                }
                boolean last = !cursor.hasNext();
                feed(node, last, chunker);
                if (last) {
                    chunker.cut();
                    return true;
                }
                if (next >= edits.size() || ProllyMap.KEY_ORDER.compare(edits.key(next), cursor.nextLastKey()) > 0) {
                    if (chunker.isEmpty()) {
                        return false;
                    }
                    ProllyNode following = cursor.peekNext();
                    if (chunker.overflowsWith(
                            chunker.weight(following.key(0), following.value(0), following.subtreeCount(0)))) {
                        chunker.cut();
                        return false;
                    }
                }
                cursor.next();
            }
        }

        /** Feeds the node's entries, merged with the edits that fall in its key range, to the chunker. */
        private void feed(ProllyNode node, boolean last, NodeChunker chunker) throws IOException {
            int n = node.size();
            int j = 0;
            while (true) {
                boolean editHere = next < edits.size() && (last || node.compareKey(n - 1, edits.key(next)) >= 0);
                if (!editHere) {
                    for (; j < n; j++) {
                        chunker.add(node.key(j), node.value(j), node.subtreeCount(j));
                    }
                    return;
                }
                byte[] key = edits.key(next);
                int c = j < n ? node.compareKey(j, key) : 1;
                if (c < 0) {
                    chunker.add(node.key(j), node.value(j), node.subtreeCount(j));
                    j++;
                } else {
                    byte[] value = edits.value(next);
                    if (value != null) {
                        chunker.add(key, value, edits.count(next));
                    }
                    if (c == 0) {
                        j++;
                    }
                    next++;
                }
            }
        }

        LevelEdits parentEdits() {
            LevelEdits out = new LevelEdits(parent.size());
            for (Map.Entry<byte[], Made> e : parent.entrySet()) {
                Made m = e.getValue();
                out.add(e.getKey(), m == null ? null : m.hash().toBytes(), m == null ? 0 : m.count());
            }
            return out;
        }
    }
}
