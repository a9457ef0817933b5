package dev.cairn.testdata;

import dev.cairn.chunkstore.ChunkStore;
import dev.cairn.chunkstore.blob.MemoryBlobStore;
import dev.cairn.chunkstore.tablefile.TableFileChunkStore;
import dev.cairn.chunkstore.tablefile.TableFileChunkStore.Options;
import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.Map;

/** TableFileChunkStore over a MemoryBlobStore; reopening opens a new store on the same blobs. */
class TableFileOverMemoryBlobStoreContractTest extends ChunkStoreContract {
    private final Map<ChunkStore, MemoryBlobStore> blobsOf = new IdentityHashMap<>();

    protected Options options() {
        return Options.DEFAULT;
    }

    @Override
    protected ChunkStore newStore() throws IOException {
        return open(new MemoryBlobStore());
    }

    @Override
    protected ChunkStore reopen(ChunkStore store) throws IOException {
        store.close();
        return open(blobsOf.get(store));
    }

    @Override
    protected ChunkStore openSecondInstance(ChunkStore store) throws IOException {
        return open(blobsOf.get(store));
    }

    private ChunkStore open(MemoryBlobStore blobs) throws IOException {
        ChunkStore s = TableFileChunkStore.open(blobs, options());
        blobsOf.put(s, blobs);
        return s;
    }
}
