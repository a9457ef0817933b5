package dev.cairn.chunkstore;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * A chunk store held in memory, for tests and scratch work. Nothing survives
 * {@link #close()}.
 *
 * <p>Puts share a lock that commits and garbage collection take exclusively,
 * so that the set of chunks put since the last commit, which a collection
 * keeps, is exact.
 */
public final class MemoryChunkStore implements GarbageCollectingChunkStore {
    private final Map<Hash, Chunk> chunks = new ConcurrentHashMap<>();
    private final Set<Hash> uncommitted = ConcurrentHashMap.newKeySet();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile Hash root = Hash.EMPTY;
    private boolean collectedSinceCommit;
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
        lock.readLock().lock();
        try {
            chunks.putIfAbsent(chunk.hash(), chunk);
            // Recorded even when the chunk was already there: it may be garbage the caller now relies on.
            uncommitted.add(chunk.hash());
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public Hash root() {
        checkOpen();
        return root;
    }

    @Override
    public boolean commit(Hash newRoot, Hash expectedRoot) throws MissingChunkException {
        checkOpen();
        lock.writeLock().lock();
        try {
            checkOpen();
            if (!newRoot.isEmpty() && !chunks.containsKey(newRoot)) {
                throw new IllegalArgumentException("cannot commit root " + newRoot + ": no such chunk");
            }
            if (!root.equals(expectedRoot)) {
                return false;
            }
            if (collectedSinceCommit) {
                Set<Hash> seen = new HashSet<>(Set.of(newRoot));
                Hash[] missing = newRoot.isEmpty() ? null : walk(new ArrayDeque<>(seen), seen, true);
                if (missing != null) {
                    throw new MissingChunkException(missing[0], missing[1], "cannot commit root " + newRoot
                            + ": chunk " + missing[0] + " (a child of " + missing[1] + ") is not in the store;"
                            + " a garbage collection since the last commit may have removed it");
                }
            }
            root = newRoot;
            uncommitted.clear();
            collectedSinceCommit = false;
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Keeps what the root and the chunks put since the last commit reach, and
     * drops the rest. A chunk put but not yet committed may name children that
     * are not there yet; only the root's DAG must be complete.
     */
    @Override
    public GcResult collectGarbage() throws MissingChunkException {
        checkOpen();
        lock.writeLock().lock();
        try {
            checkOpen();
            Set<Hash> keep = new HashSet<>();
            Deque<Hash> todo = new ArrayDeque<>();
            if (!root.isEmpty()) {
                keep.add(root);
                todo.add(root);
            }
            Hash[] missing = walk(todo, keep, true);
            if (missing != null) {
                throw new MissingChunkException(missing[0], missing[1], "cannot collect garbage: chunk "
                        + missing[0] + " (a child of " + missing[1] + "), reachable from root " + root
                        + ", is not in the store; nothing was removed");
            }
            for (Hash h : uncommitted) {
                if (keep.add(h)) {
                    todo.add(h);
                }
            }
            walk(todo, keep, false);
            long kept = 0;
            long dropped = 0;
            long bytesBefore = 0;
            long bytesAfter = 0;
            for (var it = chunks.entrySet().iterator(); it.hasNext(); ) {
                var e = it.next();
                int size = e.getValue().size();
                bytesBefore += size;
                if (keep.contains(e.getKey())) {
                    kept++;
                    bytesAfter += size;
                } else {
                    it.remove();
                    dropped++;
                }
            }
            collectedSinceCommit = true;
            return new GcResult(kept, dropped, bytesBefore, bytesAfter, 0, 0);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Adds to {@code keep} every chunk reachable from {@code todo}. If {@code complete}, stops at the
     * first absent child and returns it and its parent; otherwise absent chunks are passed over.
     */
    private Hash[] walk(Deque<Hash> todo, Set<Hash> keep, boolean complete) {
        while (!todo.isEmpty()) {
            Hash h = todo.poll();
            Chunk c = chunks.get(h);
            if (c == null) {
                continue; // a child an uncommitted chunk names but nobody has put yet
            }
            for (Hash child : c.children()) {
                if (complete && !chunks.containsKey(child)) {
                    return new Hash[] {child, h};
                }
                if (keep.add(child)) {
                    todo.add(child);
                }
            }
        }
        return null;
    }

    @Override
    public void close() {
        closed = true;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("chunk store is closed");
        }
    }
}
