package dev.cairn.remotes.http;

import static dev.cairn.remotes.RoundTripData.rows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.blob.DirectoryBlobStore;
import dev.cairn.chunkstore.model.Branch;
import dev.cairn.chunkstore.model.CommitMeta;
import dev.cairn.chunkstore.model.Database;
import dev.cairn.chunkstore.model.RootValue;
import dev.cairn.chunkstore.model.Table;
import dev.cairn.chunkstore.prolly.ProllyMap;
import dev.cairn.chunkstore.tablefile.TableFileChunkStore;
import dev.cairn.chunkstore.tablefile.TableFileSummary;
import dev.cairn.remotes.BackupService;
import dev.cairn.remotes.RemoteFactory;
import dev.cairn.remotes.RemoteUrl;
import dev.cairn.remotes.decorators.RemoteDecorators;
import dev.cairn.remotes.sync.ProgressListener;
import dev.cairn.remotes.sync.Pruner;
import dev.cairn.remotes.sync.SyncEngine;
import dev.cairn.remotes.sync.SyncOptions;
import dev.cairn.remotes.sync.SyncResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8: two clients backing up to one repository on one Cairn remote server at the same
 * moment, round after round. The server's manifest CAS decides who wins; a loser re-reads
 * and retries inside the sync engine, so both backups finish, and the repository afterwards
 * is exactly one of the sources, with every table file its manifest names.
 */
class HttpConcurrentSyncTest {
    private static final CommitMeta META = new CommitMeta("Tester", "tester@example.com", 1_700_000_000_000L, "");
    private static final TableFileChunkStore.Options SMALL_FILES =
            new TableFileChunkStore.Options(64 << 10, 10_000, 256L << 20, 16);

    @TempDir
    Path tmp;

    private LiveServer server;
    private ExecutorService pool;
    private BackupService backups;
    private RemoteUrl url;

    @BeforeEach
    void start() throws IOException {
        server = LiveServer.start(tmp.resolve("server"), b -> b);
        pool = Executors.newFixedThreadPool(2);
        // Small packs and two transfer threads per sync: several files to race with, on two cores.
        SyncEngine engine = new SyncEngine(SyncOptions.DEFAULT.withTargetFileBytes(16 << 10).withTransferThreads(2));
        backups = new BackupService(new RemoteFactory(RemoteFactory.builtIn(), RemoteDecorators.DEFAULT), engine,
                Pruner.standard());
        url = RemoteUrl.parse(server.url("backups", "shared"), null);
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
        server.close();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void twoDatabasesBackingUpToOneRepositoryAtOnceBothFinishAndTheRepositoryIsOneOfThem() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        change(a, "t", 0, 1_500, "base", true);
        change(b, "u", 0, 1_500, "other", true);
        for (int round = 0; round < 3; round++) {
            change(a, "t", 10_000 * (round + 1), 300, "a" + round, false);
            change(b, "u", 10_000 * (round + 1), 300, "b" + round, false);
            String outcomes = syncAtOnce(a, b);
            Path source = assertRepositoryIsOneOf(round, a, b);
            System.out.println("concurrent http backups, round " + round + " (status/manifest swaps tried):"
                    + outcomes + "; the repository holds " + source.getFileName());
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void oneDatabaseBackedUpTwiceAtOnceEndsUpInTheRepositoryWhole() throws Exception {
        Path a = tmp.resolve("a");
        change(a, "t", 0, 1_500, "base", true);
        for (int round = 0; round < 3; round++) {
            change(a, "t", 10_000 * (round + 1), 300, "a" + round, false);
            syncAtOnce(a, a);
            assertThat(assertRepositoryIsOneOf(round, a)).isEqualTo(a);
        }
    }

    /** Backs up both sources at the same moment; both must succeed, a lost race being retried inside the sync. */
    private String syncAtOnce(Path first, Path second) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<SyncResult>> results = new ArrayList<>();
        for (Path db : List.of(first, second)) {
            Callable<SyncResult> sync = () -> {
                start.await();
                return backups.sync(new DirectoryBlobStore(db), "main", url, Map.of(), null, ProgressListener.NONE)
                        .sync();
            };
            results.add(pool.submit(sync));
        }
        StringBuilder outcomes = new StringBuilder();
        for (Future<SyncResult> f : results) {
            SyncResult r = f.get(); // a RemoteException here would be a sync that gave up
            assertThat(r.succeeded()).as("%s", r).isTrue();
            outcomes.append(' ').append(r.status()).append('/').append(r.casAttempts());
        }
        return outcomes.toString();
    }

    /**
     * Asserts that the repository's root is one of the sources' and that a restore of it holds
     * that source's data, and that every table file the manifest names is on the server.
     *
     * @return the source the repository holds
     */
    private Path assertRepositoryIsOneOf(int round, Path... sources) throws IOException {
        Path repository = server.dir.resolve("backups/shared");
        DirectoryBlobStore blobs = new DirectoryBlobStore(repository);
        Hash root;
        try (TableFileChunkStore store = TableFileChunkStore.open(blobs)) {
            root = store.root();
            for (TableFileSummary t : store.manifest().tables()) {
                assertThat(blobs.size(t.name())).as("round %d: size of %s", round, t.name()).isEqualTo(t.length());
            }
        }
        Path source = null;
        for (Path s : sources) {
            if (rootOf(s).equals(root)) {
                source = s;
            }
        }
        assertThat(source).as("round %d: the repository's root %s is one of the sources'", round, root).isNotNull();
        Path copy = tmp.resolve("copy-" + round + "-" + sources.length);
        backups.restore(url, Map.of(), new DirectoryBlobStore(copy), ProgressListener.NONE);
        assertSameData(source, copy);
        return source;
    }

    private static Hash rootOf(Path dir) throws IOException {
        try (TableFileChunkStore store = TableFileChunkStore.open(new DirectoryBlobStore(dir))) {
            return store.root();
        }
    }

    /** Writes {@code n} rows to a table of {@code dir}'s database (created if {@code init}) and commits them. */
    private static void change(Path dir, String table, int from, int n, String salt, boolean init)
            throws IOException {
        try (TableFileChunkStore store = TableFileChunkStore.open(new DirectoryBlobStore(dir), SMALL_FILES)) {
            Database db = init ? Database.init(store, "main", META.withMessage("Initialize data repository"))
                    : Database.open(store);
            Branch br = db.branch("main");
            RootValue working = br.working();
            Table t = working.table(table);
            if (t == null) {
                t = Table.empty(store, ("schema:" + table).getBytes(StandardCharsets.UTF_8));
            }
            TreeMap<byte[], byte[]> edits = new TreeMap<>(ProllyMap.KEY_ORDER);
            for (int i = from; i < from + n; i++) {
                edits.put(String.format("key-%08d", i).getBytes(StandardCharsets.UTF_8),
                        ("value-" + salt + "-" + i + "-" + "x".repeat(40)).getBytes(StandardCharsets.UTF_8));
            }
            br.setWorking(working, working.withTable(table, t.withRows(store, t.rows().apply(edits))));
            br.commit(new Branch.CommitRequest(META.withMessage(table + " " + salt), false, Branch.Staging.ALL));
        }
    }

    private static void assertSameData(Path src, Path copy) throws IOException {
        try (TableFileChunkStore a = TableFileChunkStore.open(new DirectoryBlobStore(src));
                TableFileChunkStore b = TableFileChunkStore.open(new DirectoryBlobStore(copy))) {
            assertThat(b.root()).isEqualTo(a.root());
            Database da = Database.open(a);
            Database dbb = Database.open(b);
            assertThat(dbb.branches()).isEqualTo(da.branches());
            for (String table : new String[] {"t", "u"}) {
                for (boolean working : new boolean[] {true, false}) {
                    assertThat(rows(dbb, "main", table, working)).as("%s", table).isEqualTo(rows(da, "main", table, working));
                }
            }
        }
    }
}
