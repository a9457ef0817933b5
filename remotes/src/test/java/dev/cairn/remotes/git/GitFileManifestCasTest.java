package dev.cairn.remotes.git;

import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.testdata.ManifestCasContract;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The manifest CAS over a bare repository on disk; a second instance is another store on the same repository. */
class GitFileManifestCasTest extends ManifestCasContract {
    @TempDir
    Path dir;

    private final Map<BlobStore, String> urls = new HashMap<>();
    private int stores;

    @Override
    protected BlobStore newStore() throws IOException {
        String url = GitStores.fileUrl(dir.resolve("repo-" + stores++ + ".git"));
        BlobStore s = GitStores.open(url, null);
        urls.put(s, url);
        return s;
    }

    @Override
    protected BlobStore openSecondInstance(BlobStore store) throws IOException {
        return GitStores.open(urls.get(store), null);
    }
}
