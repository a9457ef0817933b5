package dev.cairn.remotes.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.blob.DirectoryBlobStore;
import dev.cairn.chunkstore.model.Branch;
import dev.cairn.chunkstore.model.CommitMeta;
import dev.cairn.chunkstore.model.Database;
import dev.cairn.chunkstore.model.RootValue;
import dev.cairn.chunkstore.model.Table;
import dev.cairn.chunkstore.prolly.ProllyIterator;
import dev.cairn.chunkstore.prolly.ProllyMap;
import dev.cairn.chunkstore.tablefile.TableFileChunkStore;
import dev.cairn.remotes.BackupService;
import dev.cairn.remotes.FileRemoteScheme;
import dev.cairn.remotes.RemoteFactory;
import dev.cairn.remotes.RemoteUrl;
import dev.cairn.remotes.sync.ProgressListener;
import dev.cairn.remotes.sync.Pruner;
import dev.cairn.remotes.sync.SyncEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backup sync} to a Git remote and {@code backup restore} from it, through the same
 * {@link BackupService} the CLI and {@code dolt_backup} use: a restore holds exactly the
 * source's root and rows, a second sync after a change sends only the change, and the data
 * sits in {@code refs/dolt/data} where plain git can see it.
 */
class GitBackupRoundTripTest {
    private static final CommitMeta META = new CommitMeta("Tester", "tester@example.com", 1_700_000_000_000L, "");

    @TempDir
    Path tmp;

    @Test
    void syncAndRestoreThroughABareRepository() throws Exception {
        Path repo = tmp.resolve("backup.git");
        roundTrip(GitStores.fileUrl(repo));
        if (java.nio.file.Files.isExecutable(GitDaemon.GIT)) {
            String tree = GitDaemon.git(repo, "ls-tree", "-r", "--name-only", GitLocation.DEFAULT_REF);
            assertThat(tree.lines()).contains("manifest", "blobs/HEAD");
        }
    }

    @Test
    void syncAndRestoreThroughGitDaemon() throws Exception {
        try (GitDaemon daemon = GitDaemon.start(tmp.resolve("served"))) {
            roundTrip(daemon.newRepository());
        }
    }

    private void roundTrip(String url) throws Exception {
        BackupService backups = new BackupService(
                new RemoteFactory(List.of(new FileRemoteScheme(), new GitRemoteScheme(tmp.resolve("cache")))),
                new SyncEngine(), Pruner.standard());
        RemoteUrl remote = RemoteUrl.parse(url, tmp);
        Path source = tmp.resolve("source");

        Hash first;
        try (DirectoryBlobStore blobs = new DirectoryBlobStore(source);
                TableFileChunkStore store = TableFileChunkStore.open(blobs)) {
            Database db = Database.init(store, "main", META.withMessage("Initialize data repository"));
            write(db, store, "people", 0, 2_000, "a");
            db.branch("main").commit(new Branch.CommitRequest(META.withMessage("people"), false, Branch.Staging.ALL));
            first = store.root();
        }
        try (DirectoryBlobStore blobs = new DirectoryBlobStore(source)) {
            backups.sync(blobs, "main", remote, Map.of(), null, ProgressListener.NONE);
        }
        assertRestored(backups, remote, "copy-1", first, 2_000);

        Hash second;
        try (DirectoryBlobStore blobs = new DirectoryBlobStore(source);
                TableFileChunkStore store = TableFileChunkStore.open(blobs)) {
            Database db = Database.open(store);
            write(db, store, "people", 2_000, 50, "b");
            db.branch("main").commit(new Branch.CommitRequest(META.withMessage("more"), false, Branch.Staging.ALL));
            second = store.root();
        }
        assertThat(second).isNotEqualTo(first);
        try (DirectoryBlobStore blobs = new DirectoryBlobStore(source)) {
            BackupService.SyncOutcome out = backups.sync(blobs, "main", remote, Map.of(), null, ProgressListener.NONE);
            assertThat(out.sync().succeeded()).isTrue();
        }
        assertRestored(backups, remote, "copy-2", second, 2_050);
    }

    private void assertRestored(BackupService backups, RemoteUrl remote, String name, Hash root, int rows)
            throws IOException {
        try (DirectoryBlobStore into = new DirectoryBlobStore(tmp.resolve(name))) {
            BackupService.RestoreOutcome out = backups.restore(remote, Map.of(), into, ProgressListener.NONE);
            assertThat(out.branch()).isEqualTo("main");
            try (TableFileChunkStore store = TableFileChunkStore.open(into)) {
                assertThat(store.root()).isEqualTo(root);
                Table t = Database.open(store).branch("main").headRoot().table("people");
                ProllyIterator it = t.rows().iterator();
                int n = 0;
                while (it.hasNext()) {
                    it.next();
                    n++;
                }
                assertThat(n).isEqualTo(rows);
            }
        }
    }

    private static void write(Database db, TableFileChunkStore store, String table, int from, int n, String salt)
            throws IOException {
        Branch br = db.branch("main");
        RootValue working = br.working();
        Table t = working.table(table);
        if (t == null) {
            t = Table.empty(store, bytes("schema:" + table));
        }
        TreeMap<byte[], byte[]> edits = new TreeMap<>(ProllyMap.KEY_ORDER);
        for (int i = from; i < from + n; i++) {
            edits.put(bytes(String.format("key-%08d", i)), bytes("value-" + salt + "-" + i + "-" + "x".repeat(40)));
        }
        br.setWorking(working, working.withTable(table, t.withRows(store, t.rows().apply(edits))));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
