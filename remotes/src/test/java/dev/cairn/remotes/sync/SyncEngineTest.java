package dev.cairn.remotes.sync;

import static dev.cairn.remotes.sync.SyncSupport.SMALL;
import static dev.cairn.remotes.sync.SyncSupport.assertHolds;
import static dev.cairn.remotes.sync.SyncSupport.mirror;
import static dev.cairn.remotes.sync.SyncSupport.rootOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.blob.DirectoryBlobStore;
import dev.cairn.chunkstore.blob.MemoryBlobStore;
import dev.cairn.chunkstore.model.Commit;
import dev.cairn.chunkstore.model.CommitMeta;
import dev.cairn.chunkstore.model.DatabaseException;
import dev.cairn.chunkstore.model.RefNames;
import dev.cairn.chunkstore.model.StoreRoot;
import dev.cairn.chunkstore.tablefile.TableFileChunkStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backups, restores, fetches and pushes between real directories. */
class SyncEngineTest {
    @TempDir
    Path tmp;

    private final SyncEngine engine = new SyncEngine(SMALL);

    /** A database with two branches, tags of history, and uncommitted work on both branches. */
    private LocalDb sampleDb(Path dir) throws IOException {
        LocalDb db = LocalDb.init(dir);
        db.writeRows("main", "people", 0, 2_000, "a");
        db.commit("main", "people");
        db.branch("feature");
        db.writeRows("feature", "orders", 0, 500, "f");
        db.commit("feature", "orders");
        db.writeRows("main", "people", 2_000, 300, "b");
        db.commit("main", "more people");
        db.db.createTag("v1", "main", "main", new CommitMeta("Tester", "tester@example.com", 1L, "v1"));
        db.write("main", "people", Map.of("key-00000001", "uncommitted"));
        db.writeRows("feature", "scratch", 0, 50, "ws");
        return db;
    }

    @Test
    void wholeFileCopyToAnEmptyDestinationCanBeReadBackThere() throws IOException {
        try (LocalDb src = sampleDb(tmp.resolve("src"))) {
            int files = src.store.manifest().tables().size();
            List<SyncProgress> reports = new ArrayList<>();
            SyncResult r;
            try (ChunkSource cs = ChunkSource.open(src.blobs);
                    Destination dst = Destination.open(new DirectoryBlobStore(tmp.resolve("remote")))) {
                r = engine.sync(cs, cs.manifest().root(), dst, RootUpdate.mirror(), reports::add);
            }
            assertThat(r.status()).isEqualTo(SyncResult.Status.UPDATED);
            assertThat(r.wholeFileCopy()).isTrue();
            assertThat(r.filesUploaded()).isEqualTo(files).isGreaterThan(3);
            assertThat(r.bytesSent()).isEqualTo(src.store.manifest().tables().stream().mapToLong(t -> t.length()).sum());
            SyncProgress last = reports.get(reports.size() - 1);
            assertThat(last.bytesDone()).isEqualTo(last.bytesTotal()).isEqualTo(r.bytesSent());
            assertThat(last.chunksDone()).isEqualTo(r.chunksSent());
            assertHolds(tmp.resolve("remote"), src.store, src.root());
            try (LocalDb copy = LocalDb.open(tmp.resolve("remote"))) {
                assertThat(copy.db.branches()).isEqualTo(src.db.branches());
                assertThat(copy.db.tags()).isEqualTo(src.db.tags());
                assertThat(LocalDb.rows(copy.db, "main", "people", true))
                        .isEqualTo(LocalDb.rows(src.db, "main", "people", true))
                        .containsEntry("key-00000001", "uncommitted");
                assertThat(LocalDb.rows(copy.db, "feature", "scratch", true)).hasSize(50);
            }
        }
    }

    @Test
    void incrementalSyncAfterASmallChangeSendsOnlyTheNewChunks() throws IOException {
        try (LocalDb src = LocalDb.init(tmp.resolve("src"))) {
            src.writeRows("main", "big", 0, 20_000, "a");
            src.commit("main", "big table");
            Path remote = tmp.resolve("remote");
            assertThat(mirror(engine, src.dir, remote).wholeFileCopy()).isTrue();
            Set<Hash> before = LocalDb.reachable(src.store, src.root());

            src.write("main", "big", Map.of("key-00012345", "changed"));
            src.commit("main", "one row");
            SyncResult r = mirror(engine, src.dir, remote);

            Set<Hash> after = LocalDb.reachable(src.store, src.root());
            after.removeAll(before);
            assertThat(r.status()).isEqualTo(SyncResult.Status.UPDATED);
            assertThat(r.wholeFileCopy()).isFalse();
            // The changed leaf and its ancestors, twice (working and committed roots share them), the commit,
            // the working set and the ref map: a handful of chunks and kilobytes, not the table.
            assertThat(r.chunksSent()).isPositive().isLessThanOrEqualTo(after.size()).isLessThan(30);
            assertThat(r.bytesSent()).isLessThan(64 << 10);
            assertThat(r.filesUploaded()).isEqualTo(1);
            assertHolds(remote, src.store, src.root());
        }
    }

    @Test
    void aSyncWithNothingNewIsUpToDateAndWritesNothing() throws IOException {
        try (LocalDb src = sampleDb(tmp.resolve("src"))) {
            Path remote = tmp.resolve("remote");
            mirror(engine, src.dir, remote);
            String before = new String(new DirectoryBlobStore(remote).getManifest().bytes());
            SyncResult r = mirror(engine, src.dir, remote);
            assertThat(r.status()).isEqualTo(SyncResult.Status.UP_TO_DATE);
            assertThat(r.succeeded()).isTrue();
            assertThat(r.chunksSent()).isZero();
            assertThat(r.filesUploaded()).isZero();
            assertThat(new String(new DirectoryBlobStore(remote).getManifest().bytes())).isEqualTo(before);
        }
    }

    @Test
    void mirroringMakesTheDestinationRootTheSourceRootEvenWhenRefsWereDropped() throws IOException {
        try (LocalDb src = sampleDb(tmp.resolve("src"))) {
            Path remote = tmp.resolve("remote");
            mirror(engine, src.dir, remote);
            assertThat(rootOf(remote)).isEqualTo(src.root());

            src.db.deleteBranch("feature", "main", true);
            src.db.deleteTag("v1");
            SyncResult r = mirror(engine, src.dir, remote);
            assertThat(r.status()).isEqualTo(SyncResult.Status.UPDATED);
            assertHolds(remote, src.store, src.root());
            try (LocalDb copy = LocalDb.open(remote)) {
                assertThat(copy.db.branches()).containsOnlyKeys("main");
                assertThat(copy.db.tags()).isEmpty();
                assertThat(copy.db.refs().all()).isEqualTo(src.db.refs().all());
            }
        }
    }

    @Test
    void restoreIsASyncFromTheRemoteIntoAFreshLocalStore() throws IOException {
        Path remote = tmp.resolve("remote");
        Hash root;
        Map<String, String> working;
        try (LocalDb src = sampleDb(tmp.resolve("src"))) {
            mirror(engine, src.dir, remote);
            root = src.root();
            working = LocalDb.rows(src.db, "main", "people", true);
        }
        Path restored = tmp.resolve("restored");
        SyncResult r = mirror(engine, remote, restored);
        assertThat(r.wholeFileCopy()).isTrue();
        assertThat(rootOf(restored)).isEqualTo(root);
        try (LocalDb db = LocalDb.open(restored); TableFileChunkStore remoteStore =
                TableFileChunkStore.open(new DirectoryBlobStore(remote))) {
            assertHolds(restored, remoteStore, root);
            assertThat(db.db.branches()).containsOnlyKeys("feature", "main");
            assertThat(LocalDb.rows(db.db, "main", "people", true)).isEqualTo(working);
            // Work goes on in the restored database, and backs up again incrementally.
            db.writeRows("main", "people", 5_000, 10, "after-restore");
            db.commit("main", "after restore");
            SyncResult again = mirror(engine, restored, remote);
            assertThat(again.wholeFileCopy()).isFalse();
            assertHolds(remote, db.store, db.root());
        }
    }

    @Test
    void fetchWalksFromTheRemoteIntoALocalStoreThatHasMostOfIt() throws IOException {
        Path remote = tmp.resolve("remote");
        try (LocalDb a = sampleDb(tmp.resolve("a"))) {
            mirror(engine, a.dir, remote);
            mirror(engine, remote, tmp.resolve("b"));
            a.writeRows("main", "people", 10_000, 20, "later");
            a.commit("main", "later");
            mirror(engine, a.dir, remote);

            SyncResult fetched = mirror(engine, remote, tmp.resolve("b"));
            assertThat(fetched.wholeFileCopy()).isFalse();
            assertThat(fetched.chunksSent()).isPositive().isLessThan(40);
            assertHolds(tmp.resolve("b"), a.store, a.root());
        }
    }

    /** A remote that is not a directory: no staged writes, ranged reads through {@code get}. */
    @Test
    void backupAndRestoreThroughABlobStoreThatIsNotADirectory() throws IOException {
        MemoryBlobStore remote = new MemoryBlobStore();
        try (LocalDb src = sampleDb(tmp.resolve("src"))) {
            assertThat(mirror(engine, src.blobs, remote).wholeFileCopy()).isTrue();
            src.writeRows("main", "people", 7_000, 30, "more");
            src.commit("main", "more");
            assertThat(mirror(engine, src.blobs, remote).wholeFileCopy()).isFalse();
            try (TableFileChunkStore store = TableFileChunkStore.open(remote)) {
                assertThat(store.root()).isEqualTo(src.root());
            }
            Path restored = tmp.resolve("restored");
            mirror(engine, remote, new DirectoryBlobStore(restored));
            assertHolds(restored, src.store, src.root());
        }
    }

    @Test
    void anUnrelatedDestinationGetsWholeFilesAndKeepsItsOwnFilesInTheManifest() throws IOException {
        Path remote = tmp.resolve("remote");
        try (LocalDb other = LocalDb.init(remote)) {
            other.writeRows("main", "unrelated", 0, 100, "z");
            other.commit("main", "someone else's database");
        }
        Set<String> names = new java.util.HashSet<>(fileNames(remote));
        try (LocalDb src = sampleDb(tmp.resolve("src"))) {
            SyncResult r = mirror(engine, src.dir, remote);
            assertThat(r.wholeFileCopy()).isTrue();
            assertHolds(remote, src.store, src.root());
            // A sync only ever adds files: dropping the other database's is garbage collection's call.
            names.addAll(fileNames(src.dir));
            assertThat(fileNames(remote)).containsExactlyInAnyOrderElementsOf(names);
        }
    }

    @Test
    void pushMovesOneRefOfTheRemoteAndShipsOnlyThatBranch() throws IOException {
        Path remote = tmp.resolve("remote");
        try (LocalDb src = sampleDb(tmp.resolve("src"))) {
            Hash head = src.db.branchHead("main");
            Hash featureTable = src.db.branch("feature").headRoot().tableAddress("orders");
            SyncResult r = push(src, remote, "main", head);
            assertThat(r.status()).isEqualTo(SyncResult.Status.UPDATED);
            assertThat(r.wholeFileCopy()).isFalse();
            try (TableFileChunkStore store = TableFileChunkStore.open(new DirectoryBlobStore(remote))) {
                StoreRoot refs = StoreRoot.at(store, store.root());
                assertThat(refs.all()).containsOnlyKeys(RefNames.branch("main"));
                assertThat(refs.get(RefNames.branch("main"))).isEqualTo(head);
                assertThat(LocalDb.reachable(store, head)).isEqualTo(LocalDb.reachable(src.store, head));
                assertThat(store.has(featureTable)).as("another branch's table").isFalse();
            }

            // A second branch joins the first; the remote keeps what it had.
            Hash feature = src.db.branchHead("feature");
            SyncResult second = push(src, remote, "feature", feature);
            assertThat(second.status()).isEqualTo(SyncResult.Status.UPDATED);
            try (TableFileChunkStore store = TableFileChunkStore.open(new DirectoryBlobStore(remote))) {
                Map<String, Hash> refs = StoreRoot.at(store, store.root()).all();
                assertThat(refs).containsEntry(RefNames.branch("main"), head)
                        .containsEntry(RefNames.branch("feature"), feature);
                LocalDb.reachable(store, store.root());
            }
        }
    }

    @Test
    void aRefusingRootFunctionChangesNothing() throws IOException {
        Path remote = tmp.resolve("remote");
        try (LocalDb src = sampleDb(tmp.resolve("src"))) {
            mirror(engine, src.dir, remote);
            Commit c = src.commit("main", "local only");
            Hash before = rootOf(remote);
            try (ChunkSource cs = ChunkSource.open(src.blobs);
                    Destination dst = Destination.open(new DirectoryBlobStore(remote))) {
                assertThatThrownBy(() -> engine.sync(cs, c.address(), dst, RootUpdate.compute((view, current) -> {
                    throw new DatabaseException("failed to push: not a fast-forward");
                }))).isInstanceOf(DatabaseException.class);
            }
            assertThat(rootOf(remote)).isEqualTo(before);
            SyncSupport.assertNoMissingFiles(new DirectoryBlobStore(remote));
        }
    }

    @Test
    void ifStillReportsAMovedRootAndChangesNothing() throws IOException {
        Path remote = tmp.resolve("remote");
        try (LocalDb src = sampleDb(tmp.resolve("src"))) {
            mirror(engine, src.dir, remote);
            Hash remoteRoot = rootOf(remote);
            src.commit("main", "newer");
            try (ChunkSource cs = ChunkSource.open(src.blobs);
                    Destination dst = Destination.open(new DirectoryBlobStore(remote))) {
                SyncResult stale = engine.sync(cs, cs.manifest().root(), dst, RootUpdate.ifStill(Hash.EMPTY));
                assertThat(stale.status()).isEqualTo(SyncResult.Status.ROOT_MOVED);
                assertThat(stale.root()).isEqualTo(remoteRoot);
                assertThat(stale.succeeded()).isFalse();
                assertThat(rootOf(remote)).isEqualTo(remoteRoot);

                SyncResult ok = engine.sync(cs, cs.manifest().root(), dst, RootUpdate.ifStill(remoteRoot));
                assertThat(ok.status()).isEqualTo(SyncResult.Status.UPDATED);
            }
            assertHolds(remote, src.store, src.root());
        }
    }

    @Test
    void aRootTheSourceDoesNotHaveIsRefused() throws IOException {
        try (LocalDb src = sampleDb(tmp.resolve("src"));
                ChunkSource cs = ChunkSource.open(src.blobs);
                Destination dst = Destination.open(new DirectoryBlobStore(tmp.resolve("remote")))) {
            Hash bogus = Hash.of(LocalDb.bytes("no such chunk"));
            assertThatThrownBy(() -> engine.sync(cs, bogus, dst, RootUpdate.mirror()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bogus.toString());
        }
    }

    /** What a push service will do: send the commit, then set one ref in the remote's ref map. */
    private SyncResult push(LocalDb src, Path remote, String branch, Hash commit) throws IOException {
        try (ChunkSource cs = ChunkSource.open(src.blobs);
                Destination dst = Destination.open(new DirectoryBlobStore(remote))) {
            return engine.sync(cs, commit, dst, RootUpdate.compute((view, current) ->
                    StoreRoot.at(view, current).with(RefNames.branch(branch), commit).address()));
        }
    }

    private static List<String> fileNames(Path dir) throws IOException {
        try (TableFileChunkStore store = TableFileChunkStore.open(new DirectoryBlobStore(dir))) {
            return store.manifest().tables().stream().map(t -> t.name()).toList();
        }
    }
}
