package dev.cairn.remotes.sync;

import dev.cairn.chunkstore.Chunk;
import dev.cairn.chunkstore.ChunkStore;
import dev.cairn.chunkstore.Hash;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The destination as a {@link RootUpdate.RootFunction} sees it: its committed chunks, the
 * chunks this sync has sent (read from the source, which has the same bytes), and whatever
 * the function puts, which the engine then sends with the new root. It cannot commit: the
 * engine swaps the root, with the files, in one manifest write.
 */
final class DestinationView implements ChunkStore {
    /** Whether this sync has sent a chunk to the destination. */
    interface Sent {
        boolean contains(Hash h) throws IOException;
    }

    private final ChunkStore destination;
    private final ChunkStore source;
    private final Sent sent;
    private final Hash root;
    private final Map<Hash, Chunk> puts = new LinkedHashMap<>();

    DestinationView(ChunkStore destination, ChunkStore source, Sent sent, Hash root) {
        this.destination = destination;
        this.source = source;
        this.sent = sent;
        this.root = root;
    }

    @Override
    public synchronized Chunk get(Hash hash) throws IOException {
        Chunk c = puts.get(hash);
        if (c == null) {
            c = destination.get(hash);
        }
        if (c == null && sent.contains(hash)) {
            c = source.get(hash);
        }
        return c;
    }

    @Override
    public void getMany(Collection<Hash> hashes, Consumer<Chunk> found) throws IOException {
        for (Hash h : hashes) {
            Chunk c = get(h);
            if (c != null) {
                found.accept(c);
            }
        }
    }

    @Override
    public synchronized boolean has(Hash hash) throws IOException {
        return puts.containsKey(hash) || destination.has(hash) || sent.contains(hash);
    }

    @Override
    public Set<Hash> hasMany(Collection<Hash> hashes) throws IOException {
        Set<Hash> absent = new HashSet<>();
        for (Hash h : hashes) {
            if (!has(h)) {
                absent.add(h);
            }
        }
        return absent;
    }

    @Override
    public synchronized void put(Chunk chunk) {
        puts.putIfAbsent(chunk.hash(), chunk);
    }

    @Override
    public Hash root() {
        return root;
    }

    @Override
    public boolean commit(Hash newRoot, Hash expectedRoot) {
        throw new UnsupportedOperationException("the sync engine commits the destination: return the new root instead");
    }

    @Override
    public void close() {
    }

    /**
     * The chunks put that the destination does not have, in put order, after checking that
     * {@code newRoot} and every child of a new chunk are there: a function that forgot to
     * put a node must fail here, not leave the destination pointing at nothing.
     */
    synchronized List<Chunk> newChunks(Hash newRoot) throws IOException {
        if (!newRoot.isEmpty() && !has(newRoot)) {
            throw new IllegalStateException("the new root " + newRoot + " is not in the destination");
        }
        List<Chunk> out = new ArrayList<>();
        for (Chunk c : puts.values()) {
            if (destination.has(c.hash()) || sent.contains(c.hash())) {
                continue;
            }
            for (Hash child : c.children()) {
                if (!has(child)) {
                    throw new IllegalStateException("new chunk " + c.hash() + " refers to " + child
                            + ", which the destination does not have");
                }
            }
            out.add(c);
        }
        return out;
    }
}
