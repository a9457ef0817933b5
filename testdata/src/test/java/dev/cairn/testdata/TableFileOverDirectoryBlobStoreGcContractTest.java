package dev.cairn.testdata;

import dev.cairn.chunkstore.GarbageCollectingChunkStore;
import dev.cairn.chunkstore.blob.BlobInfo;
import dev.cairn.chunkstore.blob.DirectoryBlobStore;
import dev.cairn.chunkstore.tablefile.TableFileChunkStore;
import dev.cairn.chunkstore.tablefile.TableFileChunkStore.Options;
import java.io.IOException;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * TableFileChunkStore over a DirectoryBlobStore against the garbage-collection
 * contract; other instances open their own DirectoryBlobStore on the same
 * directory, as another process would, and keep reading files deleted under
 * them through their open handles.
 */
class TableFileOverDirectoryBlobStoreGcContractTest extends GarbageCollectingChunkStoreContract {
    @TempDir
    Path dir;

    private final Map<GarbageCollectingChunkStore, Path> rootOf = new IdentityHashMap<>();
    private int stores;

    protected Options options() {
        return Options.DEFAULT;
    }

    @Override
    protected GarbageCollectingChunkStore newStore() throws IOException {
        return open(dir.resolve("store-" + stores++));
    }

    @Override
    protected GarbageCollectingChunkStore reopen(GarbageCollectingChunkStore store) throws IOException {
        store.close();
        return open(rootOf.get(store));
    }

    @Override
    protected GarbageCollectingChunkStore openSecondInstance(GarbageCollectingChunkStore store) throws IOException {
        return open(rootOf.get(store));
    }

    @Override
    protected Footprint footprint(GarbageCollectingChunkStore store) throws IOException {
        List<BlobInfo> files = new DirectoryBlobStore(rootOf.get(store)).list("");
        return new Footprint(files.size(), files.stream().mapToLong(BlobInfo::size).sum());
    }

    private GarbageCollectingChunkStore open(Path root) throws IOException {
        GarbageCollectingChunkStore s = TableFileChunkStore.open(new DirectoryBlobStore(root), options());
        rootOf.put(s, root);
        return s;
    }
}
