package dev.cairn.remotes.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.chunkstore.blob.BlobSource;
import dev.cairn.chunkstore.blob.ByteRange;
import dev.cairn.chunkstore.blob.VersionedBytes;
import dev.cairn.remotes.RemoteException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user sees when the data ref is moved by something other than this store (a
 * {@code git update-ref}, a force push), or when the repository or host is not there: a lost
 * swap is {@code false}, never a silent overwrite; anything else is one line naming the URL.
 */
class GitMovedRefTest {
    private static final String EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

    @TempDir
    Path tmp;

    @Test
    void swapAfterTheRefWasMovedByGitLosesAndKeepsTheirCommit() throws Exception {
        GitDaemon.assumeGit();
        Path repo = tmp.resolve("moved.git");
        try (GitBlobStore s = GitStores.open(GitStores.fileUrl(repo), null)) {
            assertThat(s.putManifest(null, bytes("ours"))).isTrue();
            VersionedBytes ours = s.getManifest();
            s.put("table-1", BlobSource.ofBytes(bytes("pending table")));

            String theirs = GitDaemon.git(repo, "commit-tree", EMPTY_TREE, "-m", "someone else's commit");
            GitDaemon.git(repo, "update-ref", GitLocation.DEFAULT_REF, theirs);

            assertThat(s.putManifest(ours.version(), bytes("after the move"))).isFalse();
            assertThat(GitDaemon.git(repo, "rev-parse", GitLocation.DEFAULT_REF)).isEqualTo(theirs);
            assertThat(s.getManifest()).as("their commit has no manifest").isNull();
            // Still pending, so the next swap that wins carries it.
            assertThat(s.putManifest(null, bytes("again"))).isTrue();
            assertThat(GitDaemon.git(repo, "show", GitLocation.DEFAULT_REF + ":blobs/table-1")).isEqualTo("pending table");
            assertThat(GitDaemon.git(repo, "show", GitLocation.DEFAULT_REF + ":manifest")).isEqualTo("again");
        }
    }

    @Test
    void refMovedToSomethingThatIsNotACommitIsOneLineNamingTheUrl() throws Exception {
        GitDaemon.assumeGit();
        Path repo = tmp.resolve("blob-ref.git");
        String url = GitStores.fileUrl(repo);
        try (GitBlobStore s = GitStores.open(url, null)) {
            assertThat(s.putManifest(null, bytes("ours"))).isTrue();
            Path file = Files.writeString(tmp.resolve("not-a-commit"), "just a blob");
            String blob = GitDaemon.git(repo, "hash-object", "-w", file.toString());
            GitDaemon.git(repo, "update-ref", "--no-deref", GitLocation.DEFAULT_REF, blob);
            assertThatThrownBy(s::getManifest).isInstanceOf(IOException.class)
                    .hasMessageContaining(url).hasMessageContaining("does not point at a commit")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
            // Restored, the store works again.
            GitDaemon.git(repo, "update-ref", GitLocation.DEFAULT_REF,
                    GitDaemon.git(repo, "commit-tree", EMPTY_TREE, "-m", "reset"));
            assertThat(s.getManifest()).isNull();
        }
    }

    @Test
    void openExistingFindsNothingWithoutRepositoryOrRefAndCreatesNothing() throws Exception {
        Path missing = tmp.resolve("missing.git");
        assertThat(GitStores.openExisting(GitStores.fileUrl(missing), null)).isNull();
        assertThat(missing).doesNotExist();

        Path repo = tmp.resolve("no-ref.git");
        GitStores.open(GitStores.fileUrl(repo), null).close();
        assertThat(GitStores.openExisting(GitStores.fileUrl(repo), null)).as("a repository without the ref").isNull();
        try (GitBlobStore s = GitStores.open(GitStores.fileUrl(repo), null)) {
            s.put("k", BlobSource.ofBytes(bytes("v")));
        }
        try (GitBlobStore s = GitStores.openExisting(GitStores.fileUrl(repo), null)) {
            assertThat(s).as("closing flushed the pending blob, so the ref exists").isNotNull();
            assertThat(s.get("k", ByteRange.ALL)).isEqualTo(bytes("v"));
        }
    }

    @Test
    void directoryThatIsNotARepositoryIsRefused() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("plain"));
        Files.writeString(dir.resolve("notes.txt"), "not git");
        String url = GitStores.fileUrl(dir);
        assertThatThrownBy(() -> GitStores.open(url, null)).isInstanceOf(RemoteException.class)
                .hasMessageContaining(url).hasMessageContaining("not a git repository");
    }

    @Test
    void missingRepositoryAndUnreachableHostAreOneLineNamingTheUrl() throws Exception {
        try (GitDaemon daemon = GitDaemon.start(tmp.resolve("served"))) {
            String missing = daemon.url("no-such-repo.git");
            assertThat(GitStores.openExisting(missing, tmp.resolve("cache"))).isNull();
            assertThatThrownBy(() -> GitStores.open(missing, tmp.resolve("cache")))
                    .isInstanceOf(RemoteException.class).hasMessageContaining(missing)
                    .hasMessageContaining("no such repository")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String unreachable = "git+git://127.0.0.1:" + closedPort + "/repo.git";
        assertThatThrownBy(() -> GitStores.open(unreachable, tmp.resolve("cache")))
                .isInstanceOf(IOException.class).hasMessageContaining(unreachable)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
