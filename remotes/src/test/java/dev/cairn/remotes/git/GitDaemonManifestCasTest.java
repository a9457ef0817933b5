package dev.cairn.remotes.git;

import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.testdata.ManifestCasContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The manifest CAS over {@code git+git://} against a real git daemon. A second instance has
 * its own cache directory, as another machine would, so only the pushes' leases keep them apart.
 * The two long concurrency loops are skipped here (see {@link SkipConcurrentLoops}).
 */
@ExtendWith(SkipConcurrentLoops.class)
class GitDaemonManifestCasTest extends ManifestCasContract {
    private static Path root;
    private static GitDaemon daemon;

    private final Map<BlobStore, String> urls = new HashMap<>();
    private int caches;

    @BeforeAll
    static void startDaemon() throws Exception {
        GitDaemon.assumeGit();
        root = Files.createTempDirectory("git-daemon-cas");
        daemon = GitDaemon.start(root.resolve("served"));
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
        GitDaemon.deleteTree(root);
    }

    @Override
    protected BlobStore newStore() throws IOException {
        String url = daemon.newRepository();
        BlobStore s = GitStores.open(url, root.resolve("cache-" + caches++));
        urls.put(s, url);
        return s;
    }

    @Override
    protected BlobStore openSecondInstance(BlobStore store) throws IOException {
        return GitStores.open(urls.get(store), root.resolve("cache-" + caches++));
    }
}
