package dev.cairn.remotes.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.chunkstore.blob.BlobSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blobs land in a {@code git+file} repository as loose objects deflated at the level Git itself
 * uses for loose objects ({@code core.looseCompression}, else {@code core.compression}, else 1),
 * not zlib's default: table files are lz4-compressed already, and level 6 only cost time. The
 * level shows in each object's zlib header (second byte 0x01 for level 1, 0x9c for 6, 0xda for
 * 7 to 9), and Git reads every one of them.
 */
class GitLooseCompressionTest {
    @TempDir
    Path tmp;

    @Test
    void aNewRepositoryGetsGitsLooseLevel() throws Exception {
        assertThat(zlibLevelByteOfAPutBlob(tmp.resolve("new.git"))).isEqualTo(0x01);
    }

    @Test
    void aRepositorysCoreCompressionStands() throws Exception {
        Path repo = bare("compression.git");
        GitDaemon.git(repo, "config", "core.compression", "9");
        assertThat(zlibLevelByteOfAPutBlob(repo)).isEqualTo(0xda);
    }

    @Test
    void looseCompressionWinsOverCoreCompression() throws Exception {
        Path repo = bare("loose.git");
        GitDaemon.git(repo, "config", "core.compression", "1");
        GitDaemon.git(repo, "config", "core.looseCompression", "6");
        assertThat(zlibLevelByteOfAPutBlob(repo)).isEqualTo(0x9c);
    }

    @Test
    void objectsAndRefsAreSyncedToDiskButTheRepositorysConfigIsLeftAlone() throws Exception {
        Path repo = bare("durable.git");
        String before = Files.readString(repo.resolve("config"));
        Repository r = SharedRepositories.acquire(repo);
        try {
            assertThat(r.getConfig().getBoolean("core", "fsyncObjectFiles", false)).isTrue();
            assertThat(r.getConfig().getBoolean("core", "fsyncRefFiles", false)).isTrue();
        } finally {
            SharedRepositories.release(r);
        }
        zlibLevelByteOfAPutBlob(repo);
        assertThat(Files.readString(repo.resolve("config"))).isEqualTo(before);
    }

    private Path bare(String name) throws IOException {
        GitDaemon.assumeGit();
        Path repo = tmp.resolve(name);
        GitDaemon.git(tmp, "init", "--bare", "-q", repo.toString());
        return repo;
    }

    /** Puts a blob and swaps a manifest, checks Git reads the blob back, and returns its object's zlib header byte. */
    private int zlibLevelByteOfAPutBlob(Path repo) throws IOException {
        GitDaemon.assumeGit();
        String text = "a table file's bytes, as git should read them\n".repeat(2000);
        try (GitBlobStore s = GitStores.open(GitStores.fileUrl(repo), null)) {
            s.put("table-1", BlobSource.ofBytes(text.getBytes(StandardCharsets.UTF_8)));
            assertThat(s.putManifest(null, "manifest".getBytes(StandardCharsets.UTF_8))).isTrue();
        }
        String path = GitLocation.DEFAULT_REF + ":" + GitTreeLayout.wholePath("table-1");
        assertThat(GitDaemon.git(repo, "show", path)).isEqualTo(text.strip());
        String id = GitDaemon.git(repo, "rev-parse", path);
        byte[] object = Files.readAllBytes(repo.resolve("objects").resolve(id.substring(0, 2)).resolve(id.substring(2)));
        assertThat(object[0] & 0xff).as("zlib method: deflate, 32 KiB window").isEqualTo(0x78);
        return object[1] & 0xff;
    }
}
