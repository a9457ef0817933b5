package dev.cairn.chunkstore;

import java.io.IOException;
import java.util.Collection;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A content-addressed store of immutable chunks with one mutable root.
 *
 * <p>{@link #put} makes a chunk readable through this instance but not durable;
 * {@link #commit} persists everything put so far and swaps the root with an
 * optimistic compare-and-swap. Losing that race is an expected outcome, so it
 * is a {@code false} return, not an exception; afterwards {@link #root()}
 * reports the winner's root, so the caller can rebuild on top of it and retry.
 *
 * <p>Implementations are thread-safe.
 */
public interface ChunkStore extends AutoCloseable {

    /** Returns the chunk with this address, or {@code null} if the store does not have it. */
    Chunk get(Hash hash) throws IOException;

    /** Calls {@code found} with each of {@code hashes} the store has, in no particular order. */
    void getMany(Collection<Hash> hashes, Consumer<Chunk> found) throws IOException;

    /** Returns true if the store has this chunk. */
    boolean has(Hash hash) throws IOException;

    /** Returns the subset of {@code hashes} that the store does <em>not</em> have. */
    Set<Hash> hasMany(Collection<Hash> hashes) throws IOException;

    /** Adds a chunk. It is readable at once and durable after the next successful {@link #commit}. */
    void put(Chunk chunk) throws IOException;

    /** The root as of the last load, commit or lost race; {@link Hash#EMPTY} for a new store. */
    Hash root() throws IOException;

    /**
     * Persists all chunks put so far and sets the root to {@code newRoot} if the
     * current root is still {@code expectedRoot}.
     *
     * @return true if the root was swapped; false if another writer moved it
     *     first, in which case {@link #root()} now returns the winner's root
     * @throws IllegalArgumentException if {@code newRoot} is not in the store
     */
    boolean commit(Hash newRoot, Hash expectedRoot) throws IOException;

    @Override
    void close() throws IOException;
}
