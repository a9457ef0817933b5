package dev.cairn.chunkstore.tablefile;

import dev.cairn.chunkstore.Chunk;
import dev.cairn.chunkstore.Hash;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Chunks put but not yet written to a table file; readable while they wait. */
final class MemTable {
    private final ConcurrentHashMap<Hash, Chunk> chunks = new ConcurrentHashMap<>();
    private final List<Chunk> order = new ArrayList<>();
    private final AtomicLong bytes = new AtomicLong();

    /** Adds a chunk; returns the memtable's size in bytes afterwards. */
    long add(Chunk c) {
        if (chunks.putIfAbsent(c.hash(), c) == null) {
            synchronized (order) {
                order.add(c);
            }
            return bytes.addAndGet(c.size());
        }
        return bytes.get();
    }

    Chunk get(Hash h) {
        return chunks.get(h);
    }

    boolean has(Hash h) {
        return chunks.containsKey(h);
    }

    boolean isEmpty() {
        return chunks.isEmpty();
    }

    long bytes() {
        return bytes.get();
    }

    /** The chunks in the order they were added. Call only once writers have stopped adding. */
    List<Chunk> chunks() {
        synchronized (order) {
            return new ArrayList<>(order);
        }
    }
}
