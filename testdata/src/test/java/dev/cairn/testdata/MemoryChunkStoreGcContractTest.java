package dev.cairn.testdata;

import dev.cairn.chunkstore.GarbageCollectingChunkStore;
import dev.cairn.chunkstore.MemoryChunkStore;

/** MemoryChunkStore against the garbage-collection contract; one instance, nothing persistent. */
class MemoryChunkStoreGcContractTest extends GarbageCollectingChunkStoreContract {
    @Override
    protected GarbageCollectingChunkStore newStore() {
        return new MemoryChunkStore();
    }
}
