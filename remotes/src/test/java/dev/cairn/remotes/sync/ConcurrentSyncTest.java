package dev.cairn.remotes.sync;

import static dev.cairn.remotes.sync.SyncSupport.SMALL;
import static dev.cairn.remotes.sync.SyncSupport.assertNoMissingFiles;
import static dev.cairn.remotes.sync.SyncSupport.mirror;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.blob.DirectoryBlobStore;
import dev.cairn.chunkstore.tablefile.TableFileChunkStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Two syncs into one destination at the same moment. */
class ConcurrentSyncTest {
    @TempDir
    Path tmp;

    /**
     * Two databases with a shared history back up to one directory at once, round after
     * round. Both syncs must finish (one may find the other already did its work), and the
     * backup must be exactly one of the two with every chunk present.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void twoConcurrentBackupsBothFinishAndTheRootIsOneOfTheirs() throws Exception {
        SyncEngine engine = new SyncEngine(SMALL.withTransferThreads(2));
        Path remote = tmp.resolve("remote");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (LocalDb a = LocalDb.init(tmp.resolve("a"))) {
            a.writeRows("main", "t", 0, 2_000, "base");
            a.commit("main", "base");
            mirror(engine, a.dir, tmp.resolve("b"));
            try (LocalDb b = LocalDb.open(tmp.resolve("b"))) {
                for (int round = 0; round < 5; round++) {
                    a.writeRows("main", "t", 10_000 * round, 500, "a" + round);
                    a.commit("main", "a " + round);
                    b.writeRows("main", "u", 10_000 * round, 500, "b" + round);
                    b.commit("main", "b " + round);
                    CyclicBarrier start = new CyclicBarrier(2);
                    List<Future<SyncResult>> results = new ArrayList<>();
                    for (LocalDb db : List.of(a, b)) {
                        Callable<SyncResult> sync = () -> {
                            start.await();
                            return mirror(engine, db.dir, remote);
                        };
                        results.add(pool.submit(sync));
                    }
                    StringBuilder outcomes = new StringBuilder();
                    for (Future<SyncResult> f : results) {
                        SyncResult r = f.get();
                        assertThat(r.succeeded()).isTrue();
                        outcomes.append(' ').append(r.status()).append('/').append(r.casAttempts());
                    }
                    System.out.println("concurrent backups, round " + round + " (status/manifest swaps tried):" + outcomes);
                    DirectoryBlobStore blobs = new DirectoryBlobStore(remote);
                    assertNoMissingFiles(blobs);
                    try (TableFileChunkStore store = TableFileChunkStore.open(blobs)) {
                        Hash root = store.root();
                        assertThat(root).isIn(a.root(), b.root());
                        LocalDb source = root.equals(a.root()) ? a : b;
                        assertThat(LocalDb.reachable(store, root)).isEqualTo(LocalDb.reachable(source.store, root));
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
