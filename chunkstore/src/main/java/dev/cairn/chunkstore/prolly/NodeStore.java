package dev.cairn.chunkstore.prolly;

import dev.cairn.chunkstore.Chunk;
import dev.cairn.chunkstore.ChunkStore;
import dev.cairn.chunkstore.Hash;
import java.io.IOException;

/** Reads nodes through the store's {@link NodeCache} and writes new ones. Thread-safe. */
final class NodeStore {
    private final ChunkStore chunks;
    private final NodeCache cache;

    NodeStore(ChunkStore chunks) {
        this.chunks = chunks;
        this.cache = NodeCache.of(chunks);
    }

    ChunkStore chunks() {
        return chunks;
    }

    ProllyNode read(Hash hash) throws IOException {
        ProllyNode node = cache.get(hash);
        if (node != null) {
            return node;
        }
        Chunk chunk = chunks.get(hash);
        if (chunk == null) {
            throw new MissingNodeException(hash);
        }
        node = ProllyNodeCodec.decode(chunk);
        cache.put(node);
        return node;
    }

    /** Writes a node that the next edit is likely to read back, keeping it decoded. */
    ProllyNode writeCached(Chunk chunk) throws IOException {
        chunks.put(chunk);
        return remember(chunk);
    }

    /** Caches a node that has been written already. */
    ProllyNode remember(Chunk chunk) throws IOException {
        ProllyNode node = ProllyNodeCodec.decode(chunk);
        cache.put(node);
        return node;
    }

    /** Writes a node without caching it: bulk builds would only flush useful nodes out. */
    void write(Chunk chunk) throws IOException {
        chunks.put(chunk);
    }
}
