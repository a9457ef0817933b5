package dev.cairn.chunkstore;

import java.io.IOException;

/**
 * A chunk store that can remove the chunks nothing points at: {@code cairn gc}
 * and {@code CALL dolt_gc()}.
 *
 * <p>A collection keeps every chunk reachable through {@link Chunk#children()}
 * from the committed root and from the chunks put through this instance since
 * its last commit, and removes the rest. The root does not move. If another
 * writer commits while the collection runs, what its root reaches is kept too.
 *
 * <p>An address is only as good as the store's promise to keep its chunk.
 * After a collection a chunk that was unreachable may be gone, so a caller
 * must not link a new chunk to one it neither put nor found reachable since
 * its last successful commit. Where a store can tell that it happened (a
 * collection ran since this instance last committed), {@link #commit} checks
 * everything the new root reaches and refuses with a
 * {@link MissingChunkException}, so no commit ever publishes a root whose
 * chunks were collected.
 */
public interface GarbageCollectingChunkStore extends ChunkStore {

    /**
     * Removes every chunk that is reachable neither from the root nor from this
     * instance's uncommitted puts.
     *
     * @throws MissingChunkException if a chunk reachable from the root is not in
     *     the store; the store is left exactly as it was
     */
    GcResult collectGarbage() throws IOException;
}
