package dev.cairn.bench;

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
import dev.cairn.chunkstore.model.TableDelta;
import dev.cairn.chunkstore.prolly.ProllyIterator;
import dev.cairn.chunkstore.prolly.ProllyMap;
import dev.cairn.chunkstore.row.KeyTupleCodec;
import dev.cairn.chunkstore.row.RowCodec;
import dev.cairn.chunkstore.row.Schema;
import dev.cairn.chunkstore.tablefile.TableFileChunkStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Step 2 benchmark of the versioned model over a table-file store on local disk: bulk load
 * of 1M rows plus commit, point lookups, a full scan, a one-row update plus commit (counting
 * the new chunks it writes) and a diff of two 1M-row commits that differ in 100 rows.
 *
 * <p>Usage: {@code ModelBench [--rows N] [--dir DIR] [--keep]}.
 */
public final class ModelBench {
    static final double LOAD_TARGET_ROWS_S = 200_000;
    static final int UPDATE_TARGET_CHUNKS = 6;
    static final int UPDATE_TARGET_BYTES = 32 * 1024;
    static final double DIFF_TARGET_MS = 100;

    private ModelBench() {
    }

    public static void main(String[] args) throws Exception {
        int rows = 1_000_000;
        Path dir = Paths.get("bench", "out", "model-" + ProcessHandle.current().pid());
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> rows = Integer.parseInt(args[++i]);
                case "--dir" -> dir = Paths.get(args[++i]);
                case "--keep" -> keep = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: [--rows N] [--dir DIR] [--keep]");
            }
        }
        dir = dir.toAbsolutePath().normalize();
        System.out.printf(Locale.ROOT, "ModelBench: %d rows (id BIGINT pk, name VARCHAR(40), score DOUBLE, note TEXT)%n",
                rows);
        System.out.printf(Locale.ROOT, "  dir %s, java %s, %d cores%n", dir, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        try {
            run(dir, rows);
        } finally {
            if (!keep) {
                deleteTree(dir);
            }
        }
    }

    private static void run(Path dir, int rowCount) throws Exception {
        Schema schema = Schema.builder().column("id", "bigint").column("name", "varchar(40)")
                .column("score", "double").column("note", "text").primaryKey("id").build();
        RowCodec codec = RowCodec.of(schema);
        KeyTupleCodec keys = codec.keyCodec();
        CommitMeta meta = new CommitMeta("Bench", "bench@example.com", System.currentTimeMillis(), "");

        long t0 = System.nanoTime();
        Object[][] data = generate(rowCount, 1);
        System.out.printf(Locale.ROOT, "generated rows in %.1f s (not timed)%n", secs(t0));

        // JIT warm-up on a throwaway database.
        Object[][] warm = generate(100_000, 2);
        Path warmDir = dir.resolve("warmup");
        try (TableFileChunkStore s = TableFileChunkStore.open(new DirectoryBlobStore(warmDir))) {
            Database w = Database.init(s, "main", meta.withMessage("init"));
            load(w, schema, codec, warm, meta);
            scan(w, codec);
        }
        deleteTree(warmDir);
        warm = null;

        try (TableFileChunkStore tfs = TableFileChunkStore.open(new DirectoryBlobStore(dir.resolve("db")))) {
            CountingStore store = new CountingStore(tfs);
            Database db = Database.init(store, "main", meta.withMessage("Initialize data repository"));

            // ---- 1. bulk load + commit -----------------------------------------------------
            System.out.println();
            System.out.println("== bulk load + commit ==");
            long start = System.nanoTime();
            Commit loaded = load(db, schema, codec, data, meta);
            double loadS = secs(start);
            double rowsPerS = rowCount / loadS;
            System.out.printf(Locale.ROOT, "  %d rows loaded and committed in %.2f s: %.0f rows/s (target >= %.0f, ratio %.2f)%n",
                    rowCount, loadS, rowsPerS, LOAD_TARGET_ROWS_S, rowsPerS / LOAD_TARGET_ROWS_S);
            Table table = db.branch("main").headRoot().table("t");
            System.out.printf(Locale.ROOT, "  table: %d rows, commit %s, %d chunks written, on disk %.1f MB%n",
                    table.rows().count(), loaded.address(), store.newChunks, directoryBytes(dir.resolve("db")) / 1e6);

            // ---- 2. point lookups ------------------------------------------------------------
            System.out.println();
            System.out.println("== point lookup by primary key (one thread) ==");
            SplittableRandom rnd = new SplittableRandom(7);
            ProllyMap rows = table.rows();
            for (int i = 0; i < 100_000; i++) {
                lookup(rows, keys, codec, rnd.nextInt(rowCount));
            }
            int n = 200_000;
            long[] lat = new long[n];
            for (int i = 0; i < n; i++) {
                long id = rnd.nextInt(rowCount);
                long s = System.nanoTime();
                Object[] row = lookup(rows, keys, codec, id);
                lat[i] = System.nanoTime() - s;
                if (row == null || (Long) row[0] != id) {
                    throw new AssertionError("lookup of " + id + " returned " + Arrays.toString(row));
                }
            }
            Arrays.sort(lat);
            System.out.printf(Locale.ROOT, "  %d lookups: p50 %.1f us, p99 %.1f us, p99.9 %.1f us%n", n,
                    pct(lat, 50) / 1e3, pct(lat, 99) / 1e3, pct(lat, 99.9) / 1e3);

            // ---- 3. full scan ---------------------------------------------------------------
            System.out.println();
            System.out.println("== full scan with row decoding ==");
            double best = Double.MAX_VALUE;
            for (int r = 0; r < 3; r++) {
                long s = System.nanoTime();
                long seen = scan(db, codec);
                double sec = secs(s);
                if (seen != rowCount) {
                    throw new AssertionError("scan saw " + seen + " rows");
                }
                best = Math.min(best, sec);
                System.out.printf(Locale.ROOT, "  run %d: %.3f s, %.0f rows/s%n", r + 1, sec, seen / sec);
            }
            System.out.printf(Locale.ROOT, "  best: %.0f rows/s%n", rowCount / best);

            // ---- 4. one-row update + commit ---------------------------------------------------
            System.out.println();
            System.out.println("== update 1 row + commit ==");
            int updateChunks = 0;
            long updateBytes = 0;
            int updateDag = 0;
            for (int k = 0; k < 3; k++) {
                store.reset();
                long id = rnd.nextInt(rowCount);
                Object[] row = lookup(db.branch("main").working().table("t").rows(), keys, codec, id).clone();
                row[2] = ((Double) row[2]) + 1;
                long s = System.nanoTime();
                updateAndCommit(db, codec, row, meta.withMessage("update " + id));
                double ms = secs(s) * 1e3;
                System.out.printf(Locale.ROOT, "  update of id %d + commit: %.1f ms, %d new chunks, %d bytes (%s)%n",
                        id, ms, store.newChunks, store.newBytes, store.byKind);
                updateChunks = Math.max(updateChunks, store.newChunks);
                updateDag = Math.max(updateDag, store.commitDagChunks());
                updateBytes = Math.max(updateBytes, store.newBytes);
            }
            System.out.printf(Locale.ROOT, "  targets: <= %d chunks, <= %d bytes%n", UPDATE_TARGET_CHUNKS,
                    UPDATE_TARGET_BYTES);

            // ---- 5. diff of two commits that differ in 100 rows ------------------------------
            System.out.println();
            System.out.println("== diff of two 1M-row commits differing in 100 rows ==");
            Commit before = db.commit(db.branchHead("main"));
            RootValue working = db.branch("main").working();
            Table t = working.table("t");
            TreeMap<byte[], byte[]> edits = new TreeMap<>(ProllyMap.KEY_ORDER);
            while (edits.size() < 100) {
                Object[] row = data[rnd.nextInt(rowCount)].clone();
                row[1] = "changed " + rnd.nextInt(1000);
                edits.put(codec.encodeKey(row), codec.encodeValue(row));
            }
            Table changed = t.withRows(store, t.rows().apply(edits));
            db.branch("main").setWorking(working, working.withTable("t", changed));
            Commit after = db.branch("main").commit(new Branch.CommitRequest(meta.withMessage("100 rows"), false,
                    Branch.Staging.ALL));
            RootValue from = db.rootValue(before.rootValue());
            RootValue to = db.rootValue(after.rootValue());
            double bestDiff = Double.MAX_VALUE;
            for (int r = 0; r < 6; r++) {
                long s = System.nanoTime();
                long[] count = {0};
                for (TableDelta d : TableDelta.between(from, to)) {
                    d.rows(diff -> {
                        codec.decode(diff.key(), diff.newValue());
                        count[0]++;
                        return true;
                    });
                }
                double ms = secs(s) * 1e3;
                if (count[0] != 100) {
                    throw new AssertionError("diff reported " + count[0] + " rows");
                }
                bestDiff = Math.min(bestDiff, ms);
                System.out.printf(Locale.ROOT, "  run %d: %d row diffs in %.2f ms%s%n", r + 1, count[0], ms,
                        r == 0 ? " (first run)" : "");
            }

            System.out.println();
            System.out.println("== summary ==");
            System.out.printf(Locale.ROOT, "  bulk load 1M + commit  %.0f rows/s   target >= %.0f  ratio %.2f  %s%n", rowsPerS,
                    LOAD_TARGET_ROWS_S, rowsPerS / LOAD_TARGET_ROWS_S, rowsPerS >= LOAD_TARGET_ROWS_S ? "PASS" : "FAIL");
            System.out.printf(Locale.ROOT, "  point lookup           p50 %.1f us  p99 %.1f us%n", pct(lat, 50) / 1e3,
                    pct(lat, 99) / 1e3);
            System.out.printf(Locale.ROOT, "  full scan              %.0f rows/s%n", rowCount / best);
            System.out.printf(Locale.ROOT, "  update 1 row + commit  worst of 3: %d new chunks in the commit's DAG (target <= %d, %s),"
                    + " %d chunks in all with the working-set and ref bookkeeping of both steps; %d bytes in all (target <= %d, %s)%n",
                    updateDag, UPDATE_TARGET_CHUNKS, updateDag <= UPDATE_TARGET_CHUNKS ? "PASS" : "FAIL", updateChunks,
                    updateBytes, UPDATE_TARGET_BYTES, updateBytes <= UPDATE_TARGET_BYTES ? "PASS" : "FAIL");
            System.out.printf(Locale.ROOT, "  diff, 100 rows of 1M   %.2f ms   target <= %.0f ms  ratio %.2f  %s%n",
                    bestDiff, DIFF_TARGET_MS, bestDiff / DIFF_TARGET_MS, bestDiff <= DIFF_TARGET_MS ? "PASS" : "FAIL");
        }
    }

    /** The timed bulk load: encode, build the row map, write the table, stage all and commit. */
    private static Commit load(Database db, Schema schema, RowCodec codec, Object[][] data, CommitMeta meta)
            throws IOException {
        ChunkStore store = db.store();
        Iterator<ProllyMap.Entry> entries = new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < data.length;
            }

            @Override
            public ProllyMap.Entry next() {
                Object[] row = data[i++];
                return new ProllyMap.Entry(codec.encodeKey(row), codec.encodeValue(row));
            }
        };
        ProllyMap rows = ProllyMap.build(store, false, entries);
        Table table = Table.create(store, schema.encode(), rows, 1);
        RootValue working = db.branch("main").working();
        db.branch("main").setWorking(working, working.withTable("t", table));
        return db.branch("main").commit(new Branch.CommitRequest(meta.withMessage("load"), false, Branch.Staging.ALL));
    }

    private static void updateAndCommit(Database db, RowCodec codec, Object[] row, CommitMeta meta) throws IOException {
        Branch main = db.branch("main");
        RootValue working = main.working();
        Table t = working.table("t");
        TreeMap<byte[], byte[]> edit = new TreeMap<>(ProllyMap.KEY_ORDER);
        edit.put(codec.encodeKey(row), codec.encodeValue(row));
        main.setWorking(working, working.withTable("t", t.withRows(db.store(), t.rows().apply(edit))));
        main.commit(new Branch.CommitRequest(meta, false, Branch.Staging.ALL));
    }

    private static Object[] lookup(ProllyMap rows, KeyTupleCodec keys, RowCodec codec, long id) throws IOException {
        byte[] key = keys.encode(id);
        byte[] value = rows.get(key);
        return value == null ? null : codec.decode(key, value);
    }

    private static long scan(Database db, RowCodec codec) throws IOException {
        ProllyIterator it = db.branch("main").headRoot().table("t").rows().iterator();
        Object[] row = new Object[codec.schema().columnCount()];
        long n = 0;
        while (it.hasNext()) {
            ProllyMap.Entry e = it.next();
            codec.decode(e.key(), e.value(), row);
            n++;
        }
        return n;
    }

    private static final String[] WORDS = ("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima "
            + "mike november oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu").split(" ");

    static Object[][] generate(int count, long seed) {
        Object[][] out = new Object[count][];
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder(80);
        for (int i = 0; i < count; i++) {
            String name = WORDS[r.nextInt(WORDS.length)] + " " + WORDS[r.nextInt(WORDS.length)] + " " + i;
            sb.setLength(0);
            while (sb.length() < 60) {
                sb.append(WORDS[r.nextInt(WORDS.length)]).append(' ');
            }
            sb.setLength(60);
            out[i] = new Object[] {(long) i, name, r.nextDouble() * 1000, sb.toString()};
        }
        return out;
    }

    /** Counts the chunks a section adds to the store, by what they are. */
    static final class CountingStore implements ChunkStore {
        private final ChunkStore delegate;
        int newChunks;
        long newBytes;
        Map<String, Integer> byKind = new TreeMap<>();

        CountingStore(ChunkStore delegate) {
            this.delegate = delegate;
        }

        void reset() {
            newChunks = 0;
            newBytes = 0;
            byKind = new TreeMap<>();
        }

        @Override
        public void put(Chunk chunk) throws IOException {
            if (!delegate.has(chunk.hash())) {
                newChunks++;
                newBytes += chunk.size();
                byKind.merge(kind(chunk), 1, Integer::sum);
            }
            delegate.put(chunk);
        }

        private static String kind(Chunk c) {
            byte[] d = c.data();
            int p = c.payloadOffset();
            if (d.length > p + 2 && d[p] == 1) {
                // A prolly node: format 1, level, flags (bit 0: address values, as in the ref map).
                return (d[p + 2] & 1) != 0 ? "ref map node" : "row map node";
            }
            if (d.length > p + 1 && d[p + 1] == 1) {
                switch (d[p]) {
                    case 'C': return "commit";
                    case 'W': return "working set";
                    case 'R': return "root value";
                    case 'S': return "schema";
                    case 'T': return "tag";
                    default: break;
                }
            }
            return "other";
        }

        /** Chunks the new commit reaches that the previous one did not: row map nodes, root values, commits. */
        int commitDagChunks() {
            return byKind.getOrDefault("row map node", 0) + byKind.getOrDefault("root value", 0)
                    + byKind.getOrDefault("commit", 0) + byKind.getOrDefault("schema", 0);
        }

        @Override
        public Chunk get(Hash hash) throws IOException {
            return delegate.get(hash);
        }

        @Override
        public void getMany(Collection<Hash> hashes, Consumer<Chunk> found) throws IOException {
            delegate.getMany(hashes, found);
        }

        @Override
        public boolean has(Hash hash) throws IOException {
            return delegate.has(hash);
        }

        @Override
        public Set<Hash> hasMany(Collection<Hash> hashes) throws IOException {
            return delegate.hasMany(hashes);
        }

        @Override
        public Hash root() throws IOException {
            return delegate.root();
        }

        @Override
        public boolean commit(Hash newRoot, Hash expectedRoot) throws IOException {
            return delegate.commit(newRoot, expectedRoot);
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }
    }

    private static double pct(long[] sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static double secs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static long directoryBytes(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
