package dev.cairn.cli.demo;

import dev.cairn.chunkstore.model.Branch;
import dev.cairn.chunkstore.model.CommitMeta;
import dev.cairn.chunkstore.model.RootValue;
import dev.cairn.chunkstore.model.Table;
import dev.cairn.chunkstore.prolly.ProllyMap;
import dev.cairn.chunkstore.row.Column;
import dev.cairn.chunkstore.row.EncodedRow;
import dev.cairn.chunkstore.row.RowCodec;
import dev.cairn.chunkstore.row.Schema;
import dev.cairn.chunkstore.row.SqlType;
import dev.cairn.repo.Repo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small database with everything a backup must carry, built through the model APIs (one
 * JVM, no SQL): tables {@code customers}, {@code orders} and {@code notes}; branch
 * {@code main} with two commits, a staged change and an unstaged one; branch {@code feature}
 * one commit ahead; tag {@code v1}; remote-tracking ref {@code origin/main}. The demo and the
 * end-to-end tests share it, so what the demo shows is what the tests check.
 */
public final class SampleDatabase {
    public static final Schema CUSTOMERS = Schema.of(List.of(Column.of("id", SqlType.BIGINT),
            Column.of("name", SqlType.varchar(64)), Column.of("balance", SqlType.BIGINT)), List.of("id"));
    public static final Schema ORDERS = Schema.of(List.of(Column.of("id", SqlType.BIGINT),
            Column.of("customer", SqlType.BIGINT), Column.of("amount", SqlType.BIGINT),
            Column.of("note", SqlType.TEXT)), List.of("id"));
    public static final Schema NOTES = Schema.of(List.of(Column.of("id", SqlType.BIGINT),
            Column.of("body", SqlType.TEXT)), List.of("id"));

    private SampleDatabase() {
    }

    /**
     * Creates the sample in {@code dir} (a new directory) with about {@code rows} rows in
     * {@code orders} and a tenth of that in {@code customers}.
     */
    public static Repo create(Path dir, int rows, CommitMeta meta) throws IOException {
        Repo repo = Repo.init(dir, "main", meta);
        try {
            Branch main = repo.db().branch("main");
            int customers = Math.max(1, rows / 10);
            RootValue w = main.working();
            w = w.withTable("customers", fill(repo, CUSTOMERS, customers, i -> new Object[] {i, "customer-" + i,
                i * 37 % 10_000}));
            w = w.withTable("orders", fill(repo, ORDERS, rows, i -> new Object[] {i, i % customers, i * 7919 % 100_003,
                "order " + i + " of customer " + (i % customers)}));
            main.setWorking(main.working(), w);
            main.commit(new Branch.CommitRequest(meta.withMessage("load customers and orders"), false,
                    Branch.Staging.ALL));
            repo.db().createTag("v1", "main", "main", meta.withMessage("first load"));
            repo.db().createBranch("feature", "main", "main", false);
            Branch feature = repo.db().branch("feature");
            RootValue fw = feature.working();
            feature.setWorking(fw, fw.withTable("notes", fill(repo, NOTES, 50, i -> new Object[] {i, "note " + i})));
            feature.commit(new Branch.CommitRequest(meta.withMessage("add notes"), false, Branch.Staging.ALL));
            repo.db().setRemoteRefs("origin", Map.of("main", repo.db().branchHead("main")));
            update(repo, "customers", CUSTOMERS, 0, 3, i -> new Object[] {i, "staged-" + i, -1L});
            main.stage(List.of("customers"));
            update(repo, "orders", ORDERS, 0, 5, i -> new Object[] {i, 0L, 0L, "unstaged edit " + i});
            return repo;
        } catch (IOException | RuntimeException e) {
            repo.close();
            throw e;
        }
    }

    /** Makes a row from its index. */
    @FunctionalInterface
    public interface RowMaker {
        Object[] row(long i);
    }

    private static Table fill(Repo repo, Schema schema, long count, RowMaker maker) throws IOException {
        Table t = Table.empty(repo.store(), schema.encode());
        return t.withRows(repo.store(), t.rows().apply(edits(schema, 0, count, maker)));
    }

    /**
     * Upserts rows {@code from} (inclusive) to {@code to} (exclusive) of {@code table} in the
     * checked-out branch's working set, leaving them unstaged.
     */
    public static void update(Repo repo, String table, Schema schema, long from, long to, RowMaker maker)
            throws IOException {
        Branch b = repo.db().branch(repo.state().currentBranch());
        RootValue w = b.working();
        Table t = w.table(table);
        b.setWorking(w, w.withTable(table, t.withRows(repo.store(), t.rows().apply(edits(schema, from, to, maker)))));
    }

    private static TreeMap<byte[], byte[]> edits(Schema schema, long from, long to, RowMaker maker) {
        RowCodec codec = RowCodec.of(schema);
        TreeMap<byte[], byte[]> edits = new TreeMap<>(ProllyMap.KEY_ORDER);
        for (long i = from; i < to; i++) {
            EncodedRow e = codec.encode(maker.row(i));
            edits.put(e.key(), e.value());
        }
        return edits;
    }
}
