package dev.cairn.bench;

import dev.cairn.chunkstore.model.CommitMeta;
import dev.cairn.chunkstore.model.Database;
import dev.cairn.chunkstore.model.RootValue;
import dev.cairn.chunkstore.model.Table;
import dev.cairn.chunkstore.prolly.ProllyMap;
import dev.cairn.chunkstore.row.RowCodec;
import dev.cairn.chunkstore.row.Schema;
import dev.cairn.repo.Repo;
import dev.cairn.repo.Workspace;
import dev.cairn.sql.ResultSet;
import dev.cairn.sql.SqlSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Step 3 benchmark: {@code SELECT * FROM t WHERE pk = ?} through {@link SqlSession#execute}
 * on a 1M-row table in a database on local disk, after warm-up; prints p50/p99 against the
 * 5 ms target. The table is bulk-built through the model (one prolly-map build), since the
 * figure of interest is the statement path: parse, plan, key lookup, decode, result.
 *
 * <p>Usage: {@code SqlPointSelectBench --dir DIR [--rows N] [--queries N] [--keep]}
 */
public final class SqlPointSelectBench {
    private static final double TARGET_MS = 5.0;

    private SqlPointSelectBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = null;
        int rows = 1_000_000;
        int queries = 20_000;
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(args[++i]);
                case "--rows" -> rows = Integer.parseInt(args[++i]);
                case "--queries" -> queries = Integer.parseInt(args[++i]);
                case "--keep" -> keep = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (dir == null) {
            dir = Files.createTempDirectory("cairn-sql-bench");
        }
        try {
            run(dir.resolve("db"), rows, queries);
        } finally {
            if (!keep) {
                deleteTree(dir);
            }
        }
    }

    private static void run(Path dbDir, int rows, int queries) throws IOException {
        CommitMeta meta = new CommitMeta("bench", "bench@example.com", System.currentTimeMillis(), "init");
        long t0 = System.nanoTime();
        try (Repo repo = Repo.init(dbDir, "main", meta)) {
            load(repo.db(), rows);
        }
        System.out.printf(Locale.ROOT, "SqlPointSelectBench: %,d rows loaded in %.1f s%n", rows,
                (System.nanoTime() - t0) / 1e9);
        try (Workspace ws = Workspace.open(dbDir)) {
            SqlSession session = new SqlSession(ws);
            SplittableRandom rnd = new SplittableRandom(42);
            int warmup = Math.max(5_000, queries / 2);
            for (int i = 0; i < warmup; i++) {
                query(session, rnd.nextInt(rows));
            }
            long[] nanos = new long[queries];
            for (int i = 0; i < queries; i++) {
                int pk = rnd.nextInt(rows);
                long start = System.nanoTime();
                query(session, pk);
                nanos[i] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            double p50 = nanos[queries / 2] / 1e6;
            double p99 = nanos[(int) (queries * 0.99)] / 1e6;
            double max = nanos[queries - 1] / 1e6;
            System.out.printf(Locale.ROOT, "  point select, %,d queries  p50 %.3f ms  p99 %.3f ms  max %.3f ms"
                    + "  target < %.0f ms  %s%n", queries, p50, p99, max, TARGET_MS, p99 < TARGET_MS ? "PASS" : "FAIL");
        }
    }

    private static void query(SqlSession session, int pk) throws IOException {
        List<ResultSet> rs = session.execute("SELECT * FROM t WHERE pk = " + pk);
        if (rs.get(0).rows().size() != 1) {
            throw new IllegalStateException("row " + pk + " not found");
        }
    }

    private static void load(Database db, int n) throws IOException {
        Schema schema = Schema.builder().column("pk", "bigint").column("name", "varchar(40)")
                .column("score", "double").column("note", "text").primaryKey("pk").build();
        RowCodec codec = RowCodec.of(schema);
        Iterator<ProllyMap.Entry> entries = new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < n;
            }

            @Override
            public ProllyMap.Entry next() {
                Object[] row = {(long) i, "name-" + i, i * 0.5, "note for row " + i};
                i++;
                return new ProllyMap.Entry(codec.encodeKey(row), codec.encodeValue(row));
            }
        };
        ProllyMap map = ProllyMap.build(db.store(), false, entries);
        Table table = Table.create(db.store(), schema.encode(), map, 1);
        RootValue working = db.branch("main").working();
        db.branch("main").setWorking(working, working.withTable("t", table));
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
