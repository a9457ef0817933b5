package dev.cairn.remotes.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.chunkstore.blob.BlobSource;
import dev.cairn.chunkstore.blob.ByteRange;
import dev.cairn.chunkstore.blob.VersionedBytes;
import dev.cairn.remotes.RemoteException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code git+http} against {@code git http-backend} behind HTTP Basic authentication: with
 * the credentials in the URL, blobs and the leased manifest push work; without them, the
 * user gets one "access denied" line that names the URL and shows no password.
 */
class GitHttpTest {
    @TempDir
    Path tmp;

    @Test
    void credentialsInTheUrlLetBlobsAndManifestThrough() throws Exception {
        GitDaemon.assumeGit();
        Path served = tmp.resolve("served");
        GitDaemon.git(tmp, "init", "-q", "--bare", served.resolve("repo.git").toString());
        try (GitHttpBackend http = new GitHttpBackend(served, "alice", "s3cret")) {
            String url = "git+http://alice:s3cret@127.0.0.1:" + http.port() + "/repo.git";
            byte[] big = new byte[(int) (GitStores.TEST_PART_SIZE * 2 + 123)];
            new java.util.Random(7).nextBytes(big);
            try (GitBlobStore a = GitStores.open(url, tmp.resolve("cache-a"));
                    GitBlobStore b = GitStores.open(url, tmp.resolve("cache-b"))) {
                a.put("table-big", BlobSource.ofBytes(big));
                assertThat(a.putManifest(null, bytes("m1"))).isTrue();
                VersionedBytes seen = b.getManifest();
                assertThat(new String(seen.bytes(), StandardCharsets.UTF_8)).isEqualTo("m1");
                assertThat(b.get("table-big", ByteRange.ALL)).isEqualTo(big);
                assertThat(b.putManifest(seen.version(), bytes("m2"))).isTrue();
                assertThat(a.putManifest(seen.version(), bytes("lost"))).isFalse();
                assertThat(b.toString()).doesNotContain("s3cret");
            }
            assertThat(GitDaemon.git(served.resolve("repo.git"), "ls-tree", "-r", "--name-only", GitLocation.DEFAULT_REF)
                    .lines()).contains("blobs/table-big.parts~/000000", "blobs/table-big.parts~/000002", "manifest");
        }
    }

    @Test
    void missingCredentialsAreOneLineSayingAccessDenied() throws Exception {
        GitDaemon.assumeGit();
        Path served = tmp.resolve("served");
        GitDaemon.git(tmp, "init", "-q", "--bare", served.resolve("repo.git").toString());
        try (GitHttpBackend http = new GitHttpBackend(served, "alice", "s3cret")) {
            String url = "git+http://alice:wrong@127.0.0.1:" + http.port() + "/repo.git";
            assertThatThrownBy(() -> GitStores.open(url, tmp.resolve("cache"))).isInstanceOf(RemoteException.class)
                    .hasMessageContaining("git+http://alice:***@127.0.0.1:" + http.port() + "/repo.git")
                    .hasMessageContaining("access denied")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("wrong"));
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
