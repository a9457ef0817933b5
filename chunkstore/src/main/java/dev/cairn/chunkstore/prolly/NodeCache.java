package dev.cairn.chunkstore.prolly;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.cache.CacheLoader;
import com.google.common.cache.LoadingCache;
import dev.cairn.chunkstore.ChunkStore;
import dev.cairn.chunkstore.Hash;

/**
 * Decoded nodes of one chunk store, bounded by bytes. Nodes are immutable and
 * named by their hash, so an entry never goes stale; the cache is per store,
 * not global, only so that a map never reads a node out of a store that does
 * not hold it.
 *
 * <p>Every map over the same store shares one cache, found by the store's
 * identity and dropped when the store is garbage collected; hence this class
 * must not refer to the store itself.
 */
final class NodeCache {
    /** Enough for the internal levels of a map of tens of millions of rows, plus a working set of leaves. */
    static final long DEFAULT_BUDGET_BYTES = 32L << 20;

    private static final LoadingCache<ChunkStore, NodeCache> BY_STORE = CacheBuilder.newBuilder()
            .weakKeys()
            .build(CacheLoader.from(store -> new NodeCache(DEFAULT_BUDGET_BYTES)));

    private final Cache<Hash, ProllyNode> nodes;

    private NodeCache(long budgetBytes) {
        nodes = CacheBuilder.newBuilder()
                .maximumWeight(budgetBytes)
                .<Hash, ProllyNode>weigher((hash, node) -> node.weight())
                .build();
    }

    /** The cache shared by all maps over {@code store}. */
    static NodeCache of(ChunkStore store) {
        return BY_STORE.getUnchecked(store);
    }

    /** The node with this address, or null if it is not cached. */
    ProllyNode get(Hash hash) {
        return nodes.getIfPresent(hash);
    }

    void put(ProllyNode node) {
        nodes.put(node.hash(), node);
    }
}
