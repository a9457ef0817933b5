package dev.cairn.cli;

import dev.cairn.chunkstore.model.Branch;
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
import java.util.TreeMap;

/**
 * Writes rows into a database's working set through the Java API, standing in for
 * {@code cairn sql} until it exists. Tables are {@code (pk INT PRIMARY KEY, c1 INT)}.
 * TODO(sql): once {@code cairn sql -q} lands, the end-to-end tests should use it instead.
 */
public final class TestTables {
    public static final Schema SCHEMA = Schema.of(
            List.of(Column.of("pk", SqlType.INT), Column.of("c1", SqlType.INT)), List.of("pk"));

    private TestTables() {
    }

    /** Upserts {@code (pk, c1)} pairs into {@code table} (created if missing) on the checked-out branch. */
    public static void put(Path dir, String table, long... pkAndC1) throws IOException {
        edit(dir, table, pkAndC1, false);
    }

    /** Deletes rows by primary key. */
    public static void delete(Path dir, String table, long... pks) throws IOException {
        long[] pairs = new long[pks.length * 2];
        for (int i = 0; i < pks.length; i++) {
            pairs[2 * i] = pks[i];
        }
        edit(dir, table, pairs, true);
    }

    /** Drops a table from the working set. */
    public static void drop(Path dir, String table) throws IOException {
        try (Repo r = Repo.open(dir)) {
            Branch b = r.db().branch(r.state().currentBranch());
            RootValue w = b.working();
            b.setWorking(w, w.withoutTable(table));
        }
    }

    private static void edit(Path dir, String name, long[] pairs, boolean delete) throws IOException {
        try (Repo r = Repo.open(dir)) {
            Branch b = r.db().branch(r.state().currentBranch());
            RootValue w = b.working();
            Table t = w.table(name);
            if (t == null) {
                t = Table.empty(r.store(), SCHEMA.encode());
            }
            RowCodec codec = RowCodec.of(SCHEMA);
            TreeMap<byte[], byte[]> edits = new TreeMap<>(ProllyMap.KEY_ORDER);
            for (int i = 0; i < pairs.length; i += 2) {
                EncodedRow e = codec.encode(new Object[] {pairs[i], pairs[i + 1]});
                edits.put(e.key(), delete ? null : e.value());
            }
            t = t.withRows(r.store(), t.rows().apply(edits));
            b.setWorking(w, w.withTable(name, t));
        }
    }
}
