package dev.cairn.remotes.git;

import dev.cairn.remotes.RemoteUrl;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Opens Git blob stores for tests, with a small part size so that cut-up blobs are exercised too. */
final class GitStores {
    static final long TEST_PART_SIZE = 1 << 20;

    private GitStores() {
    }

    static GitBlobStore open(String url, Path cacheRoot) throws IOException {
        GitLocation loc = GitLocation.of(RemoteUrl.parse(url, null), Map.of(), cacheRoot);
        return (GitBlobStore) GitStoreOpener.open(loc, true, TEST_PART_SIZE);
    }

    static GitBlobStore openExisting(String url, Path cacheRoot) throws IOException {
        GitLocation loc = GitLocation.of(RemoteUrl.parse(url, null), Map.of(), cacheRoot);
        return (GitBlobStore) GitStoreOpener.open(loc, false, TEST_PART_SIZE);
    }

    static String fileUrl(Path repo) {
        return "git+file://" + repo.toAbsolutePath();
    }
}
