package dev.cairn.remotes.git;

import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.testdata.BlobStoreContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The blob contract over {@code git+git://} against a real git daemon: fetch into a cache, push with a lease. */
class GitDaemonBlobStoreContractTest extends BlobStoreContract {
    private static Path root;
    private static GitDaemon daemon;

    @BeforeAll
    static void startDaemon() throws Exception {
        GitDaemon.assumeGit();
        root = Files.createTempDirectory("git-daemon-blobs");
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
        return GitStores.open(daemon.newRepository(), root.resolve("cache"));
    }
}
