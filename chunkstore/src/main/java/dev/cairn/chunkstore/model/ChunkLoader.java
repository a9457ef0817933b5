package dev.cairn.chunkstore.model;

import dev.cairn.chunkstore.Chunk;
import dev.cairn.chunkstore.ChunkStore;
import dev.cairn.chunkstore.CorruptChunkException;
import dev.cairn.chunkstore.Hash;
import java.io.IOException;

/** Loading the chunks the model refers to, where a missing one means the database is damaged. */
final class ChunkLoader {
    private ChunkLoader() {
    }

    /** The chunk at {@code address}; a typed corruption error naming it if the store lacks it. */
    static Chunk require(ChunkStore store, Hash address, String what) throws IOException {
        Chunk c = store.get(address);
        if (c == null) {
            throw new CorruptChunkException(null, address, "the " + what + " " + address + " is missing from the store");
        }
        return c;
    }
}
