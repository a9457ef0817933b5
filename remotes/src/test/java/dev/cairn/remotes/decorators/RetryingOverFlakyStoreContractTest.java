package dev.cairn.remotes.decorators;

import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.chunkstore.blob.MemoryBlobStore;
import dev.cairn.testdata.BlobStoreContract;
import dev.cairn.testdata.FlakyBlobStore;
import java.time.Duration;

/** The blob store contract holds through retries over a store that fails a share of its requests, before or after they took effect. */
class RetryingOverFlakyStoreContractTest extends BlobStoreContract {
    static final RetryPolicy PATIENT = new RetryPolicy(40, Duration.ZERO, Duration.ZERO);

    @Override
    protected BlobStore newStore() {
        return new RetryingBlobStore(new FlakyBlobStore(new MemoryBlobStore(), 0.15, 0.1, 42), PATIENT, d -> { });
    }
}
