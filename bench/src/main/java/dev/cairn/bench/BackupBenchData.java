package dev.cairn.bench;

import dev.cairn.chunkstore.model.Branch;
import dev.cairn.chunkstore.model.CommitMeta;
import dev.cairn.chunkstore.model.RootValue;
import dev.cairn.chunkstore.model.Table;
import dev.cairn.chunkstore.prolly.ProllyMap;
import dev.cairn.chunkstore.row.RowCodec;
import dev.cairn.chunkstore.row.Schema;
import dev.cairn.repo.Repo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Builds and changes the database {@code bench/backup-bench.sh} backs up, through the model
 * APIs so that a gigabyte loads in about a minute rather than through SQL:
 *
 * <pre>
 *   create --dir D --mb N      a new database D with about N MB of rows in table t, committed
 *   update --dir D --rows K    changes K random rows of t in the working set (uncommitted)
 * </pre>
 *
 * Rows are {@code (id BIGINT, a BIGINT, b DOUBLE, payload VARCHAR(160))} with payloads that
 * lz4 compresses a little, as real text does, and a fixed seed so runs compare.
 */
public final class BackupBenchData {
    static final Schema SCHEMA = Schema.builder().column("id", "bigint").column("a", "bigint")
            .column("b", "double").column("payload", "varchar(160)").primaryKey("id").build();
    /** Encoded bytes of a row, near enough to turn a size into a row count. */
    static final int ROW_BYTES = 150;
    private static final String WORDS = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima "
            + "mike november oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu";

    private BackupBenchData() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 5 || !args[1].equals("--dir")) {
            usage();
        }
        Path dir = Path.of(args[2]);
        long n = Long.parseLong(args[4]);
        switch (args[0] + " " + args[3]) {
            case "create --mb" -> create(dir, n * 1_000_000 / ROW_BYTES);
            case "update --rows" -> update(dir, n);
            default -> usage();
        }
    }

    private static void usage() {
        System.err.println("usage: BackupBenchData create --dir D --mb N | update --dir D --rows K");
        System.exit(2);
    }

    static Object[] row(long id, long version, SplittableRandom rnd) {
        StringBuilder sb = new StringBuilder(160);
        sb.append(id).append(':').append(version);
        while (sb.length() < 140) {
            int from = rnd.nextInt(WORDS.length() - 12);
            sb.append(' ').append(WORDS, from, from + 6).append(Long.toString(rnd.nextLong() & 0xffffff, 36));
        }
        return new Object[] {id, id * 31 + version, rnd.nextDouble(), sb.substring(0, Math.min(sb.length(), 160))};
    }

    static void create(Path dir, long rows) throws IOException {
        long t0 = System.nanoTime();
        CommitMeta meta = new CommitMeta("Bench", "bench@cairn.invalid", System.currentTimeMillis(), "bench");
        try (Repo repo = Repo.init(dir, "main", meta)) {
            RowCodec codec = RowCodec.of(SCHEMA);
            SplittableRandom rnd = new SplittableRandom(42);
            Iterator<ProllyMap.Entry> entries = new Iterator<>() {
                long i;

                @Override
                public boolean hasNext() {
                    return i < rows;
                }

                @Override
                public ProllyMap.Entry next() {
                    Object[] r = row(i++, 0, rnd);
                    return new ProllyMap.Entry(codec.encodeKey(r), codec.encodeValue(r));
                }
            };
            ProllyMap map = ProllyMap.build(repo.store(), false, entries);
            Branch main = repo.db().branch("main");
            RootValue w = main.working();
            main.setWorking(w, w.withTable("t", Table.create(repo.store(), SCHEMA.encode(), map, rows)));
            main.commit(new Branch.CommitRequest(meta.withMessage("load " + rows + " rows"), false,
                    Branch.Staging.ALL));
        }
        System.err.printf(Locale.ROOT, "created %d rows in %.1f s%n", rows, (System.nanoTime() - t0) / 1e9);
    }

    static void update(Path dir, long count) throws IOException {
        try (Repo repo = Repo.open(dir)) {
            Branch main = repo.db().branch("main");
            RootValue w = main.working();
            Table t = w.table("t");
            long rows = t.rows().count();
            RowCodec codec = RowCodec.of(SCHEMA);
            SplittableRandom rnd = new SplittableRandom(System.nanoTime());
            TreeMap<byte[], byte[]> edits = new TreeMap<>(ProllyMap.KEY_ORDER);
            long version = 1 + rnd.nextInt(1_000_000);
            while (edits.size() < Math.min(count, rows)) {
                Object[] r = row(rnd.nextLong(rows), version, rnd);
                edits.put(codec.encodeKey(r), codec.encodeValue(r));
            }
            main.setWorking(w, w.withTable("t", t.withRows(repo.store(), t.rows().apply(edits))));
        }
    }
}
