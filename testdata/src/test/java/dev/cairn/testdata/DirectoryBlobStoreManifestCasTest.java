package dev.cairn.testdata;

import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.chunkstore.blob.DirectoryBlobStore;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** DirectoryBlobStore's manifest CAS; a second instance is a new DirectoryBlobStore on the same directory. */
class DirectoryBlobStoreManifestCasTest extends ManifestCasContract {
    @TempDir
    Path dir;

    private int stores;

    @Override
    protected BlobStore newStore() throws IOException {
        return new DirectoryBlobStore(dir.resolve("blobs-" + stores++));
    }

    @Override
    protected BlobStore openSecondInstance(BlobStore store) throws IOException {
        return new DirectoryBlobStore(((DirectoryBlobStore) store).root());
    }
}
