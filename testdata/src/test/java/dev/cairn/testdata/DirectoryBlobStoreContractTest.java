package dev.cairn.testdata;

import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.chunkstore.blob.DirectoryBlobStore;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class DirectoryBlobStoreContractTest extends BlobStoreContract {
    @TempDir
    Path dir;

    private int stores;

    @Override
    protected BlobStore newStore() throws IOException {
        return new DirectoryBlobStore(dir.resolve("blobs-" + stores++));
    }
}
