package dev.cairn.remotes;

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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * The data the remotes' round-trip tests (S3, GCS, HTTP, and their fault tests) sync and
 * compare: rows of tables {@code people} and {@code orders} written straight through the model,
 * commits, and the check that a restored copy holds the same root, branches and rows.
 */
public final class RoundTripData {
    public static final CommitMeta META = new CommitMeta("Tester", "tester@example.com", 1_700_000_000_000L, "");
    private static final String[] TABLES = {"people", "orders"};

    private RoundTripData() {
    }

    /** Sets rows {@code from .. from+n-1} of {@code table} on {@code branch}'s working set to {@code value-SALT-i}. */
    public static void writeRows(TableFileChunkStore store, Database db, String branch, String table, int from, int n,
            String salt) throws IOException {
        write(store, db, branch, table, from, n, i -> "value-" + salt + "-" + i);
    }

    /**
     * Like {@link #writeRows}, with 100 random letters after each value when more than one row is
     * written, so that lz4 leaves the table files about as big as the rows.
     */
    public static void writeIncompressibleRows(TableFileChunkStore store, Database db, String branch, String table,
            int from, int n, String salt) throws IOException {
        Random random = new Random(salt.hashCode() * 31L + from);
        write(store, db, branch, table, from, n, i -> {
            StringBuilder v = new StringBuilder("value-" + salt + "-" + i);
            if (n > 1) {
                v.append('-');
                for (int c = 0; c < 100; c++) {
                    v.append((char) ('a' + random.nextInt(26)));
                }
            }
            return v.toString();
        });
    }

    private static void write(TableFileChunkStore store, Database db, String branch, String table, int from, int n,
            IntFunction<String> value) throws IOException {
        Branch br = db.branch(branch);
        RootValue working = br.working();
        Table t = working.table(table);
        if (t == null) {
            t = Table.empty(store, ("schema:" + table).getBytes(StandardCharsets.UTF_8));
        }
        TreeMap<byte[], byte[]> edits = new TreeMap<>(ProllyMap.KEY_ORDER);
        for (int i = from; i < from + n; i++) {
            edits.put(key(i).getBytes(StandardCharsets.UTF_8), value.apply(i).getBytes(StandardCharsets.UTF_8));
        }
        br.setWorking(working, working.withTable(table, t.withRows(store, t.rows().apply(edits))));
    }

    public static String key(int i) {
        return String.format("key-%08d", i);
    }

    /** Commits everything on {@code branch}. */
    public static void commit(Database db, String branch, String message) throws IOException {
        db.branch(branch).commit(new Branch.CommitRequest(META.withMessage(message), false, Branch.Staging.ALL));
    }

    /** The rows of a table in the working set or the head commit, key to value; null if there is no such table. */
    public static Map<String, String> rows(Database db, String branch, String table, boolean working)
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

    /**
     * Asserts that the database in {@code copy} has the root, branches and rows (working and
     * committed) of the one in {@code src}; returns that root.
     */
    public static Hash assertSameData(Path src, Path copy) throws IOException {
        try (TableFileChunkStore a = TableFileChunkStore.open(new DirectoryBlobStore(src));
                TableFileChunkStore b = TableFileChunkStore.open(new DirectoryBlobStore(copy))) {
            assertThat(b.root()).isEqualTo(a.root());
            Database da = Database.open(a);
            Database dbb = Database.open(b);
            assertThat(dbb.branches()).isEqualTo(da.branches());
            for (String branch : da.branches().keySet()) {
                for (String table : TABLES) {
                    for (boolean working : new boolean[] {true, false}) {
                        assertThat(rows(dbb, branch, table, working)).as("%s %s", branch, table)
                                .isEqualTo(rows(da, branch, table, working));
                    }
                }
            }
            return b.root();
        }
    }
}
