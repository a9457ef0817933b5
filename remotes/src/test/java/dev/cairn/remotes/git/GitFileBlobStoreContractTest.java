package dev.cairn.remotes.git;

import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.testdata.BlobStoreContract;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The blob contract over a bare repository on disk ({@code git+file}), created by the store. */
class GitFileBlobStoreContractTest extends BlobStoreContract {
    @TempDir
    Path dir;

    private int stores;

    @Override
    protected BlobStore newStore() throws IOException {
        return GitStores.open(GitStores.fileUrl(dir.resolve("repo-" + stores++ + ".git")), null);
    }
}
