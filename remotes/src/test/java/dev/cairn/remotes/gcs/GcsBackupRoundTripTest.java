package dev.cairn.remotes.gcs;

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
import dev.cairn.testdata.gcs.FakeGcsServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backup sync} to a {@code gs://} URL and {@code backup restore} from it, through
 * {@link BackupService} and the standard remote factory, against the fake GCS server: every
 * branch and working set arrives, and a second sync after a change sends only the change.
 */
class GcsBackupRoundTripTest {
    private static final CommitMeta META = new CommitMeta("Tester", "tester@example.com", 1_700_000_000_000L, "");

    @TempDir
    Path tmp;

    private FakeGcsServer server;

    @BeforeEach
    void start() throws IOException {
        server = FakeGcs.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void syncThenRestoreBringsBackEveryBranchAndWorkingSet() throws IOException {
        RemoteUrl url = RemoteUrl.parse(FakeGcs.url(server, FakeGcs.BUCKET, "backups/nightly"), tmp);
        BackupService backups = BackupService.standard();
        Hash sourceRoot;
        try (DirectoryBlobStore blobs = new DirectoryBlobStore(tmp.resolve("src"));
                TableFileChunkStore store = TableFileChunkStore.open(blobs)) {
            Database db = Database.init(store, "main", META.withMessage("Initialize data repository"));
            writeRows(db, store, "main", "people", 0, 2_000, "a");
            db.branch("main").commit(new Branch.CommitRequest(META.withMessage("people"), false, Branch.Staging.ALL));
            db.createBranch("feature", "main", "main", false);
            writeRows(db, store, "feature", "people", 2_000, 100, "feature");
            writeRows(db, store, "main", "scratch", 0, 10, "uncommitted");

            backups.sync(blobs, "feature", url, Map.of(), null, ProgressListener.NONE);
            assertThat(server.object(FakeGcs.BUCKET, "backups/nightly/manifest")).isNotNull();

            // A change, then a second sync: the manifest is swapped by generation.
            long firstGeneration = server.object(FakeGcs.BUCKET, "backups/nightly/manifest").generation();
            writeRows(db, store, "main", "scratch", 10, 5, "more");
            server.clearRequests();
            backups.sync(blobs, "feature", url, Map.of(), null, ProgressListener.NONE);
            assertThat(server.object(FakeGcs.BUCKET, "backups/nightly/manifest").generation())
                    .isGreaterThan(firstGeneration);
            assertThat(server.requests()).anySatisfy(r -> assertThat(r.query())
                    .containsEntry("ifGenerationMatch", Long.toString(firstGeneration)));
            sourceRoot = store.root();
        }

        try (DirectoryBlobStore into = new DirectoryBlobStore(tmp.resolve("restored"))) {
            BackupService.RestoreOutcome out = backups.restore(url, Map.of(), into, ProgressListener.NONE);
            assertThat(out.branch()).isEqualTo("feature");
        }
        try (DirectoryBlobStore blobs = new DirectoryBlobStore(tmp.resolve("restored"));
                TableFileChunkStore store = TableFileChunkStore.open(blobs)) {
            assertThat(store.root()).isEqualTo(sourceRoot);
            Database db = Database.open(store);
            assertThat(db.branches()).containsOnlyKeys("main", "feature");
            Map<String, String> mainPeople = rows(db, "main", "people", false);
            Map<String, String> featurePeople = rows(db, "feature", "people", true);
            Map<String, String> scratch = rows(db, "main", "scratch", true);
            assertThat(mainPeople.size()).isEqualTo(2_000);
            assertThat(mainPeople.get(key(1_999))).isEqualTo("value-a-1999");
            assertThat(featurePeople.size()).isEqualTo(2_100);
            assertThat(featurePeople.get(key(2_099))).isEqualTo("value-feature-2099");
            assertThat(scratch.size()).isEqualTo(15);
            assertThat(scratch.get(key(12))).isEqualTo("value-more-12");
        }
    }

    @Test
    void restoringFromAnEmptyPrefixSaysThereIsNoDatabaseAndCreatesNothing() throws IOException {
        RemoteUrl url = RemoteUrl.parse(FakeGcs.url(server, FakeGcs.BUCKET, "nothing/here"), tmp);
        assertThat(new GcsRemoteScheme().openExisting(url, Map.of())).isNull();
        try (DirectoryBlobStore into = new DirectoryBlobStore(tmp.resolve("restored"))) {
            assertThatThrownBy(() -> BackupService.standard().restore(url, Map.of(), into, ProgressListener.NONE))
                    .isInstanceOf(RemoteException.class).hasMessageContaining("has no database");
        }
        assertThat(server.requests()).noneMatch(r -> r.method().equals("POST") || r.method().equals("PUT"));
    }

    private static void writeRows(Database db, TableFileChunkStore store, String branch, String table, int from, int n,
            String salt) throws IOException {
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

    private static Map<String, String> rows(Database db, String branch, String table, boolean working)
            throws IOException {
        Branch br = db.branch(branch);
        Table t = (working ? br.working() : br.headRoot()).table(table);
        Map<String, String> out = new TreeMap<>();
        ProllyIterator it = t.rows().iterator();
        while (it.hasNext()) {
            ProllyMap.Entry e = it.next();
            out.put(new String(e.key(), StandardCharsets.UTF_8), new String(e.value(), StandardCharsets.UTF_8));
        }
        return out;
    }
}
