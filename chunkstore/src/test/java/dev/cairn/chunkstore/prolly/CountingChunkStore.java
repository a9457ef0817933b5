package dev.cairn.chunkstore.prolly;

import dev.cairn.chunkstore.Chunk;
import dev.cairn.chunkstore.ChunkStore;
import dev.cairn.chunkstore.Hash;
import java.io.IOException;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Counts the chunks read and written through it. Being a new store object it
 * also gets a cold node cache, so the counts show real reads.
 */
final class CountingChunkStore implements ChunkStore {
    private final ChunkStore delegate;
    final AtomicLong gets = new AtomicLong();
    final AtomicLong puts = new AtomicLong();

    CountingChunkStore(ChunkStore delegate) {
        this.delegate = delegate;
    }

    void reset() {
        gets.set(0);
        puts.set(0);
    }

    @Override
    public Chunk get(Hash hash) throws IOException {
        gets.incrementAndGet();
        return delegate.get(hash);
    }

    @Override
    public void getMany(Collection<Hash> hashes, Consumer<Chunk> found) throws IOException {
        gets.addAndGet(hashes.size());
        delegate.getMany(hashes, found);
    }

    @Override
    public boolean has(Hash hash) throws IOException {
        return delegate.has(hash);
    }

    @Override
    public Set<Hash> hasMany(Collection<Hash> hashes) throws IOException {
        return delegate.hasMany(hashes);
    }

    @Override
    public void put(Chunk chunk) throws IOException {
        puts.incrementAndGet();
        delegate.put(chunk);
    }

    @Override
    public Hash root() throws IOException {
        return delegate.root();
    }

    @Override
    public boolean commit(Hash newRoot, Hash expectedRoot) throws IOException {
        return delegate.commit(newRoot, expectedRoot);
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
