package dev.cairn.remotes.sync;

import static dev.cairn.remotes.sync.SyncSupport.mirror;
import static dev.cairn.remotes.sync.SyncSupport.rootOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.chunkstore.blob.DirectoryBlobStore;
import dev.cairn.chunkstore.model.Branch;
import dev.cairn.chunkstore.model.CommitMeta;
import dev.cairn.chunkstore.model.Database;
import dev.cairn.chunkstore.model.RootValue;
import dev.cairn.chunkstore.model.Table;
import dev.cairn.chunkstore.prolly.ProllyMap;
import dev.cairn.chunkstore.tablefile.TableFileChunkStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an incremental backup costs on a big table: a one-row change must send a path of the
 * tree, not the table. 100,000 rows by default; {@code -Dcairn.sync.rows=1000000} for the
 * million-row figure.
 */
class LargeTableSyncTest {
    private static final int ROWS = Integer.getInteger("cairn.sync.rows", 100_000);
    private static final CommitMeta META = new CommitMeta("Tester", "tester@example.com", 1_700_000_000_000L, "");

    @TempDir
    Path tmp;

    @Test
    void aOneRowChangeToABigTableSendsOnlyAFewChunks() throws IOException {
        SyncEngine engine = new SyncEngine();
        Path src = tmp.resolve("src");
        Path remote = tmp.resolve("remote");
        try (TableFileChunkStore store = TableFileChunkStore.open(new DirectoryBlobStore(src))) {
            Database db = Database.init(store, "main", META.withMessage("init"));
            Branch main = db.branch("main");
            long t0 = System.nanoTime();
            ProllyMap rows = ProllyMap.build(store, false, rows(ROWS));
            RootValue working = main.working();
            main.setWorking(working, working.withTable("big", Table.create(store, LocalDb.bytes("schema"), rows, 1)));
            main.commit(new Branch.CommitRequest(META.withMessage("big"), false, Branch.Staging.ALL));
            long built = System.nanoTime() - t0;

            SyncResult full = mirror(engine, src, remote);
            assertThat(full.wholeFileCopy()).isTrue();

            RootValue w = main.working();
            Table big = w.table("big");
            TreeMap<byte[], byte[]> edit = new TreeMap<>(ProllyMap.KEY_ORDER);
            edit.put(key(ROWS / 2), LocalDb.bytes("changed"));
            main.setWorking(w, w.withTable("big", big.withRows(store, big.rows().apply(edit))));
            main.commit(new Branch.CommitRequest(META.withMessage("one row"), false, Branch.Staging.ALL));

            SyncResult one = mirror(engine, src, remote);
            assertThat(one.wholeFileCopy()).isFalse();
            assertThat(rootOf(remote)).isEqualTo(store.root());
            int depth = big.rows().depth();
            System.out.printf("sync: %,d rows (depth %d) built in %.1f s; whole-file backup %s in %d files, "
                    + "%,d chunks, %.2f s; one-row change sent %d chunks, %s in %d file(s), %.3f s%n",
                    ROWS, depth, built / 1e9, ProgressFormat.bytes(full.bytesSent()), full.filesUploaded(),
                    full.chunksSent(), full.elapsed().toNanos() / 1e9, one.chunksSent(),
                    ProgressFormat.bytes(one.bytesSent()), one.filesUploaded(), one.elapsed().toNanos() / 1e9);
            // The row's leaf and its ancestors, once in the working root and shared by the commit's root,
            // plus table, root value, commit, working set and ref-map nodes.
            assertThat(one.chunksSent()).isLessThanOrEqualTo(2L * (depth + 1) + 10);
            assertThat(one.bytesSent()).isLessThan(32L * 1024 * (depth + 2));
        }
    }

    private static byte[] key(int i) {
        return LocalDb.bytes(String.format("row-%09d", i));
    }

    private static Iterator<ProllyMap.Entry> rows(int n) {
        return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < n;
            }

            @Override
            public ProllyMap.Entry next() {
                byte[] v = new byte[80];
                SplittableRandom r = new SplittableRandom(i);
                for (int j = 0; j < v.length; j++) {
                    v[j] = (byte) ('a' + r.nextInt(26));
                }
                return new ProllyMap.Entry(key(i++), v);
            }
        };
    }
}
