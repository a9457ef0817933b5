package dev.cairn.remotes.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.chunkstore.Chunk;
import dev.cairn.chunkstore.ChunkStore;
import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.blob.DirectoryBlobStore;
import dev.cairn.chunkstore.model.Branch;
import dev.cairn.chunkstore.model.Commit;
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
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A database in a real directory, as {@code cairn init} would lay it out, with helpers that
 * read like the changes a user makes. Small table files and no conjoining by default, so
 * every commit adds a file and syncs have several files to move.
 */
final class LocalDb implements AutoCloseable {
    static final TableFileChunkStore.Options MANY_FILES =
            new TableFileChunkStore.Options(256 << 10, 10_000, 256L << 20, 16);
    private static final CommitMeta META = new CommitMeta("Tester", "tester@example.com", 1_700_000_000_000L, "");

    final Path dir;
    final DirectoryBlobStore blobs;
    final TableFileChunkStore store;
    final Database db;

    private LocalDb(Path dir, TableFileChunkStore.Options options, boolean init) throws IOException {
        this.dir = dir;
        this.blobs = new DirectoryBlobStore(dir);
        this.store = TableFileChunkStore.open(blobs, options);
        this.db = init ? Database.init(store, "main", META.withMessage("Initialize data repository"))
                : Database.open(store);
    }

    static LocalDb init(Path dir) throws IOException {
        return new LocalDb(dir, MANY_FILES, true);
    }

    static LocalDb open(Path dir) throws IOException {
        return new LocalDb(dir, MANY_FILES, false);
    }

    Hash root() throws IOException {
        return store.root();
    }

    /** Sets rows (a null value deletes) of a table in the branch's working set, creating the table if needed. */
    void write(String branch, String table, Map<String, String> rows) throws IOException {
        Branch br = db.branch(branch);
        RootValue working = br.working();
        Table t = working.table(table);
        if (t == null) {
            t = Table.empty(store, bytes("schema:" + table));
        }
        TreeMap<byte[], byte[]> edits = new TreeMap<>(ProllyMap.KEY_ORDER);
        rows.forEach((k, v) -> edits.put(bytes(k), v == null ? null : bytes(v)));
        br.setWorking(working, working.withTable(table, t.withRows(store, t.rows().apply(edits))));
    }

    /** {@code n} rows {@code key-<i>} with values derived from {@code i} and {@code salt}. */
    void writeRows(String branch, String table, int from, int n, String salt) throws IOException {
        Map<String, String> rows = new TreeMap<>();
        for (int i = from; i < from + n; i++) {
            rows.put(String.format("key-%08d", i), "value-" + salt + "-" + i + "-" + "x".repeat(40));
        }
        write(branch, table, rows);
    }

    Commit commit(String branch, String message) throws IOException {
        return db.branch(branch).commit(new Branch.CommitRequest(META.withMessage(message), false, Branch.Staging.ALL));
    }

    void branch(String name) throws IOException {
        db.createBranch(name, "main", "main", false);
    }

    static Map<String, String> rows(Database db, String branch, String table, boolean working) throws IOException {
        Branch br = db.branch(branch);
        Table t = (working ? br.working() : br.headRoot()).table(table);
        Map<String, String> out = new TreeMap<>();
        if (t == null) {
            return null;
        }
        ProllyIterator it = t.rows().iterator();
        while (it.hasNext()) {
            ProllyMap.Entry e = it.next();
            out.put(new String(e.key(), StandardCharsets.UTF_8), new String(e.value(), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** Every chunk under {@code root}, asserting the store has each one (and so that each passes its checks). */
    static Set<Hash> reachable(ChunkStore store, Hash root) throws IOException {
        Set<Hash> seen = new HashSet<>();
        if (root.isEmpty()) {
            return seen;
        }
        Deque<Hash> todo = new ArrayDeque<>();
        todo.add(root);
        seen.add(root);
        while (!todo.isEmpty()) {
            Hash h = todo.poll();
            Chunk c = store.get(h);
            assertThat(c).as("chunk %s under %s", h, root).isNotNull();
            for (Hash child : c.children()) {
                if (seen.add(child)) {
                    todo.add(child);
                }
            }
        }
        return seen;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        store.close();
    }
}
