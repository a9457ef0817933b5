package dev.cairn.testdata;

import dev.cairn.chunkstore.ChunkStore;
import dev.cairn.chunkstore.MemoryChunkStore;

/** MemoryChunkStore against the chunk-store contract; it is not persistent, so reopen tests are skipped. */
class MemoryChunkStoreContractTest extends ChunkStoreContract {
    @Override
    protected ChunkStore newStore() {
        return new MemoryChunkStore();
    }
}
