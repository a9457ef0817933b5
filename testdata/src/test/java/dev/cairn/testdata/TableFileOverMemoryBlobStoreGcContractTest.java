package dev.cairn.testdata;

import dev.cairn.chunkstore.GarbageCollectingChunkStore;
import dev.cairn.chunkstore.blob.BlobInfo;
import dev.cairn.chunkstore.blob.MemoryBlobStore;
import dev.cairn.chunkstore.tablefile.TableFileChunkStore;
import dev.cairn.chunkstore.tablefile.TableFileChunkStore.Options;
import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * TableFileChunkStore over a MemoryBlobStore against the garbage-collection
 * contract. A file deleted under another instance surfaces as a missing blob.
 */
class TableFileOverMemoryBlobStoreGcContractTest extends GarbageCollectingChunkStoreContract {
    private final Map<GarbageCollectingChunkStore, MemoryBlobStore> blobsOf = new IdentityHashMap<>();

    protected Options options() {
        return Options.DEFAULT;
    }

    @Override
    protected GarbageCollectingChunkStore newStore() throws IOException {
        return open(new MemoryBlobStore());
    }

    @Override
    protected GarbageCollectingChunkStore reopen(GarbageCollectingChunkStore store) throws IOException {
        store.close();
        return open(blobsOf.get(store));
    }

    @Override
    protected GarbageCollectingChunkStore openSecondInstance(GarbageCollectingChunkStore store) throws IOException {
        return open(blobsOf.get(store));
    }

    @Override
    protected Footprint footprint(GarbageCollectingChunkStore store) throws IOException {
        List<BlobInfo> files = blobsOf.get(store).list("");
        return new Footprint(files.size(), files.stream().mapToLong(BlobInfo::size).sum());
    }

    private GarbageCollectingChunkStore open(MemoryBlobStore blobs) throws IOException {
        GarbageCollectingChunkStore s = TableFileChunkStore.open(blobs, options());
        blobsOf.put(s, blobs);
        return s;
    }
}
