package dev.cairn.remotes.sync;

import dev.cairn.chunkstore.Chunk;
import dev.cairn.chunkstore.ChunkStore;
import dev.cairn.chunkstore.Hash;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds what the destination lacks under a root: breadth first, one level of the chunk
 * graph at a time, asking the destination about a level in batches and descending only
 * into chunks it does not have. A committed store holds everything under each chunk it
 * has, so a subtree the destination has is skipped whole, and a small change costs a walk
 * of the changed paths, not of the database.
 *
 * <p>Visits in a fixed order (children in header order, levels in discovery order), so the
 * same source and destination always give the same chunks in the same order.
 */
final class ChunkWalker {
    private final ChunkStore source;
    private final ChunkStore destination;
    private final int batch;

    ChunkWalker(ChunkStore source, ChunkStore destination, int batch) {
        this.source = source;
        this.destination = destination;
        this.batch = batch;
    }

    /**
     * Walks from {@code root}, giving {@code sink} each chunk the destination lacks that is
     * not already in {@code sent}, and adding it there. Chunks in {@code sent} are still
     * descended through: when a re-walk follows a destination that lost files, what this sync
     * already sent may rest on chunks that are gone.
     */
    void walk(Hash root, Set<Hash> sent, PackUploader sink) throws IOException {
        if (root.isEmpty()) {
            return;
        }
        Set<Hash> seen = new HashSet<>();
        List<Hash> level = List.of(root);
        while (!level.isEmpty()) {
            LinkedHashSet<Hash> next = new LinkedHashSet<>();
            for (int from = 0; from < level.size(); from += batch) {
                List<Hash> part = level.subList(from, Math.min(level.size(), from + batch));
                Set<Hash> absent = destination.hasMany(part);
                for (Hash h : part) {
                    if (!absent.contains(h) || !seen.add(h)) {
                        continue;
                    }
                    Chunk c = source.get(h);
                    if (c == null) {
                        throw new IOException("the source is missing chunk " + h + ", which " + root
                                + " refers to: the source store is damaged");
                    }
                    if (sent.add(h)) {
                        sink.add(c);
                    }
                    c.forEachChild(child -> {
                        if (!seen.contains(child)) {
                            next.add(child);
                        }
                    });
                }
            }
            level = new ArrayList<>(next);
        }
    }
}
