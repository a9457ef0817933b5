package dev.cairn.testdata;

import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.chunkstore.blob.MemoryBlobStore;

/** MemoryBlobStore's manifest CAS; there is no second instance over the same memory. */
class MemoryBlobStoreManifestCasTest extends ManifestCasContract {
    @Override
    protected BlobStore newStore() {
        return new MemoryBlobStore();
    }
}
