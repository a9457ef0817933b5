package dev.cairn.remotes.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import dev.cairn.remotes.RemoteException;
import dev.cairn.remotes.RemoteUrl;
import dev.cairn.remotes.sync.ProgressListener;
import dev.cairn.remotes.sync.SyncResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backup sync} to an http URL and {@code backup restore} from it, through the real BackupService and the real server. */
class HttpBackupRoundTripTest {
    private static final CommitMeta META = new CommitMeta("Tester", "tester@example.com", 1_700_000_000_000L, "");
    private static final TableFileChunkStore.Options SMALL_FILES =
            new TableFileChunkStore.Options(64 << 10, 10_000, 256L << 20, 16);

    @TempDir
    Path tmp;

    private LiveServer server;

    @BeforeEach
    void start() throws IOException {
        server = LiveServer.start(tmp.resolve("server"), b -> b);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aBackupSyncedOverHttpRestoresToTheSameDatabaseAndAResyncSendsOnlyTheChange() throws IOException {
        RemoteUrl url = RemoteUrl.parse(server.url("backups", "db"), null);
        Map<String, String> params = Map.of();
        BackupService backups = BackupService.standard();

        DirectoryBlobStore srcBlobs = new DirectoryBlobStore(tmp.resolve("src"));
        Hash firstRoot;
        try (TableFileChunkStore store = TableFileChunkStore.open(srcBlobs, SMALL_FILES)) {
            Database db = Database.init(store, "main", META.withMessage("Initialize data repository"));
            writeRows(store, db, "main", "people", 0, 3_000, "a");
            commit(db, "main", "people");
            db.createBranch("feature", "main", "main", false);
            writeRows(store, db, "feature", "orders", 0, 400, "f");
            commit(db, "feature", "orders");
            writeRows(store, db, "main", "people", 0, 1, "uncommitted");
            firstRoot = store.root();
        }

        SyncResult first = backups.sync(srcBlobs, "feature", url, params, null, ProgressListener.NONE).sync();
        assertThat(first.status()).isEqualTo(SyncResult.Status.UPDATED);
        assertThat(first.filesUploaded()).isGreaterThan(1);

        Path copy = tmp.resolve("copy");
        BackupService.RestoreOutcome restored = backups.restore(url, params, new DirectoryBlobStore(copy),
                ProgressListener.NONE);
        assertThat(restored.branch()).isEqualTo("feature");
        assertSameData(tmp.resolve("src"), copy, firstRoot);

        // One more row: the second sync sends far less than the first.
        try (TableFileChunkStore store = TableFileChunkStore.open(srcBlobs, SMALL_FILES)) {
            Database db = Database.open(store);
            writeRows(store, db, "main", "people", 5_000, 1, "b");
            commit(db, "main", "one more");
        }
        SyncResult second = backups.sync(srcBlobs, "main", url, params, null, ProgressListener.NONE).sync();
        assertThat(second.status()).isEqualTo(SyncResult.Status.UPDATED);
        assertThat(second.wholeFileCopy()).isFalse();
        assertThat(second.bytesSent()).isLessThan(first.bytesSent() / 4);

        Path copy2 = tmp.resolve("copy2");
        assertThat(backups.restore(url, params, new DirectoryBlobStore(copy2), ProgressListener.NONE).branch())
                .isEqualTo("main");
        Hash secondRoot;
        try (TableFileChunkStore store = TableFileChunkStore.open(new DirectoryBlobStore(tmp.resolve("src")))) {
            secondRoot = store.root();
        }
        assertThat(secondRoot).isNotEqualTo(firstRoot);
        assertSameData(tmp.resolve("src"), copy2, secondRoot);
    }

    @Test
    void restoringFromAMissingRepositorySaysThereIsNoDatabase() {
        RemoteUrl url = RemoteUrl.parse(server.url("nobody", "nothing"), null);
        assertThatThrownBy(() -> BackupService.standard().restore(url, Map.of(),
                new DirectoryBlobStore(tmp.resolve("into")), ProgressListener.NONE))
                .isInstanceOf(RemoteException.class).hasMessage("backup at '" + url + "' has no database");
    }

    private static void assertSameData(Path src, Path copy, Hash root) throws IOException {
        try (TableFileChunkStore a = TableFileChunkStore.open(new DirectoryBlobStore(src));
                TableFileChunkStore b = TableFileChunkStore.open(new DirectoryBlobStore(copy))) {
            assertThat(b.root()).isEqualTo(root).isEqualTo(a.root());
            Database da = Database.open(a);
            Database dbb = Database.open(b);
            assertThat(dbb.branches()).isEqualTo(da.branches());
            for (String branch : da.branches().keySet()) {
                for (String table : new String[] {"people", "orders"}) {
                    for (boolean working : new boolean[] {true, false}) {
                        assertThat(rows(dbb, branch, table, working)).as("%s %s", branch, table)
                                .isEqualTo(rows(da, branch, table, working));
                    }
                }
            }
            assertThat(rows(dbb, "main", "people", true)).containsEntry(key(0), "value-uncommitted-0");
        }
    }

    private static void writeRows(TableFileChunkStore store, Database db, String branch, String table, int from,
            int n, String salt) throws IOException {
        Branch br = db.branch(branch);
        RootValue working = br.working();
        Table t = working.table(table);
        if (t == null) {
            t = Table.empty(store, ("schema:" + table).getBytes(StandardCharsets.UTF_8));
        }
        TreeMap<byte[], byte[]> edits = new TreeMap<>(ProllyMap.KEY_ORDER);
        for (int i = from; i < from + n; i++) {
            edits.put(key(i).getBytes(StandardCharsets.UTF_8),
                    ("value-" + salt + "-" + i).getBytes(StandardCharsets.UTF_8));
        }
        br.setWorking(working, working.withTable(table, t.withRows(store, t.rows().apply(edits))));
    }

    private static String key(int i) {
        return String.format("key-%08d", i);
    }

    private static void commit(Database db, String branch, String message) throws IOException {
        db.branch(branch).commit(new Branch.CommitRequest(META.withMessage(message), false, Branch.Staging.ALL));
    }

    private static Map<String, String> rows(Database db, String branch, String table, boolean working)
            throws IOException {
        Branch br = db.branch(branch);
        Table t = (working ? br.working() : br.headRoot()).table(table);
        if (t == null) {
            return null;
        }
        Map<String, String> out = new TreeMap<>();
        ProllyIterator it = t.rows().iterator();
        while (it.hasNext()) {
            ProllyMap.Entry e = it.next();
            out.put(new String(e.key(), StandardCharsets.UTF_8), new String(e.value(), StandardCharsets.UTF_8));
        }
        return out;
    }
}
