package dev.cairn.testdata;

import dev.cairn.chunkstore.ChunkStore;
import dev.cairn.chunkstore.blob.DirectoryBlobStore;
import dev.cairn.chunkstore.tablefile.TableFileChunkStore;
import dev.cairn.chunkstore.tablefile.TableFileChunkStore.Options;
import java.io.IOException;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * TableFileChunkStore over a DirectoryBlobStore; reopening and second
 * instances open a new DirectoryBlobStore on the same directory, as another
 * process would.
 */
class TableFileOverDirectoryBlobStoreContractTest extends ChunkStoreContract {
    @TempDir
    Path dir;

    private final Map<ChunkStore, Path> rootOf = new IdentityHashMap<>();
    private int stores;

    protected Options options() {
        return Options.DEFAULT;
    }

    @Override
    protected ChunkStore newStore() throws IOException {
        return open(dir.resolve("store-" + stores++));
    }

    @Override
    protected ChunkStore reopen(ChunkStore store) throws IOException {
        store.close();
        return open(rootOf.get(store));
    }

    @Override
    protected ChunkStore openSecondInstance(ChunkStore store) throws IOException {
        return open(rootOf.get(store));
    }

    private ChunkStore open(Path root) throws IOException {
        ChunkStore s = TableFileChunkStore.open(new DirectoryBlobStore(root), options());
        rootOf.put(s, root);
        return s;
    }
}
