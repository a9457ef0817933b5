package dev.cairn.testdata;

import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.chunkstore.blob.MemoryBlobStore;

class MemoryBlobStoreContractTest extends BlobStoreContract {
    @Override
    protected BlobStore newStore() {
        return new MemoryBlobStore();
    }
}
