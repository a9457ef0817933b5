package dev.cairn.remotes.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.chunkstore.blob.BlobSource;
import dev.cairn.chunkstore.blob.ByteRange;
import dev.cairn.chunkstore.blob.VersionedBytes;
import dev.cairn.remotes.RemoteException;
import dev.cairn.remotes.RemoteUrl;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code git+ssh} through the external ssh client, with a stand-in for ssh that runs the
 * requested {@code git-upload-pack}/{@code git-receive-pack} locally (as Git's own test suite
 * does): shows that the command line handed to ssh is right and that fetch and the leased push
 * work over it, and that a refused key becomes one "access denied" line. A real sshd is not
 * available here.
 */
class GitSshTest {
    @TempDir
    Path tmp;

    @Test
    void blobsAndManifestGoThroughTheSshClient() throws Exception {
        GitDaemon.assumeGit();
        Path repo = tmp.resolve("over-ssh.git");
        GitDaemon.git(tmp, "init", "-q", "--bare", repo.toString());
        Path log = tmp.resolve("ssh.log");
        Path ssh = script("fake-ssh", "echo \"$@\" >> '" + log + "'\nfor last; do :; done\nexec sh -c \"$last\"\n");
        String url = "git+ssh://tester@localhost:2222" + repo;

        try (GitBlobStore a = open(url, tmp.resolve("cache-a"), ssh); GitBlobStore b = open(url, tmp.resolve("cache-b"), ssh)) {
            a.put("table-1", BlobSource.ofBytes(bytes("over ssh")));
            assertThat(a.putManifest(null, bytes("m1"))).isTrue();
            VersionedBytes seen = b.getManifest();
            assertThat(new String(seen.bytes(), StandardCharsets.UTF_8)).isEqualTo("m1");
            assertThat(b.get("table-1", ByteRange.ALL)).isEqualTo(bytes("over ssh"));
            assertThat(b.putManifest(seen.version(), bytes("m2"))).isTrue();
            assertThat(a.putManifest(seen.version(), bytes("lost"))).isFalse();
        }
        assertThat(GitDaemon.git(repo, "show", GitLocation.DEFAULT_REF + ":manifest")).isEqualTo("m2");
        String calls = Files.readString(log);
        assertThat(calls).contains("-o BatchMode=yes", "-p 2222", "tester@localhost", "git-upload-pack '" + repo + "'",
                "git-receive-pack '" + repo + "'");
    }

    @RepeatedTest(10) // a race: one run seldom shows it
    void refusedKeyIsOneLineSayingAccessDenied() throws Exception {
        // It exits at once, as a real ssh does: JGit alone then sometimes reports the hang-up
        // first, as "not found"; the store reads ssh's stderr itself before classifying.
        Path ssh = script("refusing-ssh",
                "echo 'tester@localhost: Permission denied (publickey).' >&2\nexit 255\n");
        String url = "git+ssh://tester@localhost/srv/repo.git";
        assertThatThrownBy(() -> open(url, tmp.resolve("cache"), ssh)).isInstanceOf(RemoteException.class)
                .hasMessageContaining(url).hasMessageContaining("access denied")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private static GitBlobStore open(String url, Path cache, Path ssh) throws Exception {
        GitLocation loc = GitLocation.of(RemoteUrl.parse(url, null), Map.of(), cache);
        return (GitBlobStore) GitStoreOpener.open(loc, true, GitStores.TEST_PART_SIZE, ssh.toString());
    }

    private Path script(String name, String body) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
