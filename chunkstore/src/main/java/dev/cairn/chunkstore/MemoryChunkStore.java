package dev.cairn.chunkstore;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A chunk store held in memory, for tests and scratch work. Nothing survives
 * {@link #close()}.
 */
public final class MemoryChunkStore implements ChunkStore {
    private final Map<Hash, Chunk> chunks = new ConcurrentHashMap<>();
    private Hash root = Hash.EMPTY;
    private volatile boolean closed;

    @Override
    public Chunk get(Hash hash) {
        checkOpen();
        return chunks.get(hash);
    }

    @Override
    public void getMany(Collection<Hash> hashes, Consumer<Chunk> found) {
        checkOpen();
        for (Hash h : hashes) {
            Chunk c = chunks.get(h);
            if (c != null) {
                found.accept(c);
            }
        }
    }

    @Override
    public boolean has(Hash hash) {
        checkOpen();
        return chunks.containsKey(hash);
    }

    @Override
    public Set<Hash> hasMany(Collection<Hash> hashes) {
        checkOpen();
        Set<Hash> absent = new HashSet<>();
        for (Hash h : hashes) {
            if (!chunks.containsKey(h)) {
                absent.add(h);
            }
        }
        return absent;
    }

    @Override
    public void put(Chunk chunk) {
        checkOpen();
        chunks.putIfAbsent(chunk.hash(), chunk);
    }

    @Override
    public synchronized Hash root() {
        checkOpen();
        return root;
    }

    @Override
    public synchronized boolean commit(Hash newRoot, Hash expectedRoot) {
        checkOpen();
        if (!newRoot.isEmpty() && !chunks.containsKey(newRoot)) {
            throw new IllegalArgumentException("cannot commit root " + newRoot + ": no such chunk");
        }
        if (!root.equals(expectedRoot)) {
            return false;
        }
        root = newRoot;
        return true;
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("chunk store is closed");
        }
    }
}
