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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Step 8 benchmark, driven by {@code bench/sql-server-bench.sh} against a real
 * {@code cairn sql-server}:
 *
 * <pre>
 *   create --dir D --rows N        a database D whose table t has N rows, committed
 *   selects --url JDBC --rows N --threads T --seconds S [--warmup S]
 *                                  point selects by random primary key, one connection per thread
 *   inserts --url JDBC --threads T --seconds S
 *                                  autocommit single-row inserts into a new table, one per statement
 * </pre>
 *
 * The table is built through the model (one prolly-map build, as {@link SqlPointSelectBench}
 * does), since what is measured is the server: protocol, parse, plan, lookup, encode. Every
 * figure is a count of statements that returned what they should, over wall time.
 */
public final class SqlServerBench {
    static final Schema SCHEMA = Schema.builder().column("pk", "bigint").column("name", "varchar(40)")
            .column("score", "double").column("note", "text").primaryKey("pk").build();

    private SqlServerBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        String mode = args[0];
        Path dir = null;
        String url = null;
        long rows = 1_000_000;
        int threads = 4;
        double seconds = 20;
        double warmup = 5;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(args[++i]);
                case "--url" -> url = args[++i];
                case "--rows" -> rows = Long.parseLong(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--warmup" -> warmup = Double.parseDouble(args[++i]);
                default -> usage();
            }
        }
        switch (mode) {
            case "create" -> create(require(dir), rows);
            case "selects" -> selects(require(url), rows, threads, warmup, seconds);
            case "inserts" -> inserts(require(url), threads, seconds);
            default -> usage();
        }
    }

    private static <T> T require(T v) {
        if (v == null) {
            usage();
        }
        return v;
    }

    private static void usage() {
        System.err.println("usage: SqlServerBench create --dir D --rows N"
                + " | selects --url JDBC --rows N --threads T --seconds S [--warmup S]"
                + " | inserts --url JDBC --threads T --seconds S");
        System.exit(2);
    }

    static void create(Path dir, long rows) throws IOException {
        long t0 = System.nanoTime();
        CommitMeta meta = new CommitMeta("Bench", "bench@cairn.invalid", System.currentTimeMillis(), "bench");
        try (Repo repo = Repo.init(dir, "main", meta)) {
            RowCodec codec = RowCodec.of(SCHEMA);
            Iterator<ProllyMap.Entry> entries = new Iterator<>() {
                long i;

                @Override
                public boolean hasNext() {
                    return i < rows;
                }

                @Override
                public ProllyMap.Entry next() {
                    Object[] row = {i, "name-" + i, i * 0.5, "note for row " + i};
                    i++;
                    return new ProllyMap.Entry(codec.encodeKey(row), codec.encodeValue(row));
                }
            };
            ProllyMap map = ProllyMap.build(repo.store(), false, entries);
            Branch main = repo.db().branch("main");
            RootValue w = main.working();
            main.setWorking(w, w.withTable("t", Table.create(repo.store(), SCHEMA.encode(), map, rows)));
            main.commit(new Branch.CommitRequest(meta.withMessage("load " + rows + " rows"), false,
                    Branch.Staging.ALL));
        }
        System.err.printf(Locale.ROOT, "created %,d rows in %.1f s%n", rows, (System.nanoTime() - t0) / 1e9);
    }

    /** One connection per thread, each running its statement in a loop until told to stop. */
    private interface Worker {
        void once(PreparedStatement ps, SplittableRandom rnd, long n) throws SQLException;
    }

    private static long drive(String url, int threads, double seconds, String sql, Worker worker, long seed)
            throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong done = new AtomicLong();
        List<Throwable> errors = new ArrayList<>();
        List<Thread> ts = new ArrayList<>();
        List<Connection> conns = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            conns.add(DriverManager.getConnection(url));
        }
        for (int t = 0; t < threads; t++) {
            Connection c = conns.get(t);
            SplittableRandom rnd = new SplittableRandom(seed + t);
            int id = t;
            Thread th = new Thread(() -> {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    long n = 0;
                    while (!stop.get()) {
                        worker.once(ps, rnd, (long) id << 40 | n++);
                        done.incrementAndGet();
                    }
                } catch (Throwable e) {
                    synchronized (errors) {
                        errors.add(e);
                    }
                    stop.set(true);
                }
            }, "bench-" + t);
            ts.add(th);
        }
        long t0 = System.nanoTime();
        ts.forEach(Thread::start);
        long end = t0 + (long) (seconds * 1e9);
        while (System.nanoTime() < end && !stop.get()) {
            Thread.sleep(50);
        }
        long count = done.get();
        long elapsed = System.nanoTime() - t0;
        stop.set(true);
        for (Thread th : ts) {
            th.join();
        }
        for (Connection c : conns) {
            c.close();
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException("a worker failed", errors.get(0));
        }
        return Math.round(count / (elapsed / 1e9));
    }

    static void selects(String url, long rows, int threads, double warmup, double seconds) throws Exception {
        String sql = "SELECT * FROM t WHERE pk = ?";
        Worker w = (ps, rnd, n) -> {
            long pk = rnd.nextLong(rows);
            ps.setLong(1, pk);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getLong(1) != pk || !rs.getString(2).equals("name-" + pk)) {
                    throw new IllegalStateException("row " + pk + " not found");
                }
            }
        };
        if (warmup > 0) {
            long r = drive(url, threads, warmup, sql, w, 1);
            System.out.printf(Locale.ROOT, "  warm-up: %,d point selects/s over %d connections, %.0f s%n", r,
                    threads, warmup);
        }
        long r = drive(url, threads, seconds, sql, w, 42);
        System.out.printf(Locale.ROOT, "point selects: %,d/s over %d connections, %.0f s, %,d rows%n", r, threads,
                seconds, rows);
    }

    static void inserts(String url, int threads, double seconds) throws Exception {
        String table = "ins_" + threads;
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (pk BIGINT PRIMARY KEY, v VARCHAR(40))");
        }
        Worker w = (ps, rnd, n) -> {
            ps.setLong(1, n);
            ps.setString(2, "value " + n);
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("insert of " + n + " changed no row");
            }
        };
        long r = drive(url, threads, seconds, "INSERT INTO " + table + " VALUES (?, ?)", w, 7);
        System.out.printf(Locale.ROOT, "inserts: %,d/s over %d connection%s (autocommit, one row each), %.0f s%n",
                r, threads, threads == 1 ? "" : "s", seconds);
    }
}
