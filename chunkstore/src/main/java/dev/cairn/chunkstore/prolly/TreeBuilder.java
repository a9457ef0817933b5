package dev.cairn.chunkstore.prolly;

import dev.cairn.chunkstore.Chunk;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a tree bottom-up from entries in key order, streaming: one
 * {@link NodeChunker} per level, each finished node becoming an entry of the
 * level above. Memory is one open node per level. The tree stops at the
 * first level that has a single node; that rule, with the boundary rule, is
 * what makes a tree a function of its entries alone, and the editor follows it too.
 *
 * <p>Also used by the editor to grow a tree: started at a level above the
 * leaves, it takes child references instead of leaf entries.
 */
final class TreeBuilder {
    private final NodeStore store;
    private final boolean addressValues;
    private final int baseLevel;
    private final List<NodeChunker> levels = new ArrayList<>();
    private final List<Chunk> lastNode = new ArrayList<>();
    private final List<Integer> nodeCounts = new ArrayList<>();

    /**
     * @param baseLevel the level of the nodes built from the entries given to
     *     {@link #add}: 0 for leaf entries, higher for child references
     */
    TreeBuilder(NodeStore store, boolean addressValues, int baseLevel) {
        this.store = store;
        this.addressValues = addressValues;
        this.baseLevel = baseLevel;
        addLevel();
    }

    private void addLevel() {
        int index = levels.size();
        levels.add(new NodeChunker(baseLevel + index, addressValues, (chunk, lastKey, count) -> {
            store.write(chunk);
            lastNode.set(index, chunk);
            nodeCounts.set(index, nodeCounts.get(index) + 1);
            if (index + 1 == levels.size()) {
                addLevel();
            }
            levels.get(index + 1).add(lastKey, chunk.hash().toBytes(), count);
        }));
        lastNode.add(null);
        nodeCounts.add(0);
    }

    /** Adds the next entry; keys must ascend strictly (checked by the caller). */
    void add(byte[] key, byte[] value, long count) throws IOException {
        levels.get(0).add(key, value, count);
    }

    /** Ends every level and returns the root, which is already written. */
    ProllyNode finish() throws IOException {
        for (int i = 0; ; i++) {
            levels.get(i).cut();
            int made = nodeCounts.get(i);
            if (made == 0) {
                // Only the base level can be empty: an empty map is one empty leaf.
                return store.writeCached(ProllyNodeCodec.emptyLeaf(addressValues));
            }
            if (made == 1) {
                // The level above holds only a reference to this node; it never gets written.
                return store.remember(lastNode.get(i));
            }
        }
    }
}
