package dev.cairn.remotes.decorators;

import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.chunkstore.blob.MemoryBlobStore;
import dev.cairn.testdata.FlakyBlobStore;
import dev.cairn.testdata.ManifestCasContract;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The manifest compare-and-swap holds through retries over a store that refuses a fifth of
 * its requests: no update is lost or applied twice, however the retries interleave. Swaps
 * whose answer is lost after they took effect are covered in {@link DecoratorsTest}: under
 * concurrent writers their outcome can be unknowable, and the decorator then says so.
 */
class RetryingOverFlakyStoreManifestCasTest extends ManifestCasContract {
    private final Map<BlobStore, MemoryBlobStore> backing = new IdentityHashMap<>();
    private long seed = 7;

    @Override
    protected BlobStore newStore() {
        return over(new MemoryBlobStore());
    }

    /** Another client of the same storage, failing at its own random moments. */
    @Override
    protected BlobStore openSecondInstance(BlobStore store) {
        return over(backing.get(store));
    }

    private BlobStore over(MemoryBlobStore memory) {
        BlobStore s = new RetryingBlobStore(new FlakyBlobStore(memory, 0.2, 0, seed++),
                RetryingOverFlakyStoreContractTest.PATIENT, d -> { });
        backing.put(s, memory);
        return s;
    }
}
