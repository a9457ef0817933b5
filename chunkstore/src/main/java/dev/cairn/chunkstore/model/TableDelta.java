package dev.cairn.chunkstore.model;

import dev.cairn.chunkstore.ChunkStore;
import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.prolly.DiffConsumer;
import dev.cairn.chunkstore.prolly.ProllyMap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How one table differs between two root values. {@code from} is null for an added table,
 * {@code to} for a dropped one.
 */
public record TableDelta(String name, Table from, Table to, ChunkStore store) {

    public enum Kind { ADDED, DROPPED, MODIFIED }

    public Kind kind() {
        return from == null ? Kind.ADDED : to == null ? Kind.DROPPED : Kind.MODIFIED;
    }

    public Table fromTable() {
        return from;
    }

    public Table toTable() {
        return to;
    }

    public boolean schemaChanged() {
        Table a = fromTable();
        Table b = toTable();
        return a == null || b == null || !a.sameSchema(b);
    }

    /**
     * Streams the row differences in key order: every row of an added table as added, every
     * row of a dropped one as removed. Shared subtrees are skipped, so the cost follows the
     * size of the change, not of the table.
     */
    public void rows(DiffConsumer out) throws IOException {
        ProllyMap empty = ProllyMap.empty(store, false);
        Table a = fromTable();
        Table b = toTable();
        ProllyMap before = a == null ? empty : a.rows();
        ProllyMap after = b == null ? empty : b.rows();
        after.diff(before, out);
    }

    /** The tables that differ between two root values, in name order. */
    public static List<TableDelta> between(RootValue from, RootValue to) throws IOException {
        List<TableDelta> out = new ArrayList<>();
        if (from.address().equals(to.address())) {
            return out;
        }
        Map<String, Hash> a = from.tableAddresses();
        Map<String, Hash> b = to.tableAddresses();
        Set<String> names = new java.util.TreeSet<>(a.keySet());
        names.addAll(b.keySet());
        for (String n : names) {
            Hash x = a.get(n);
            Hash y = b.get(n);
            if (x == null || !x.equals(y)) {
                out.add(new TableDelta(n, from.table(n), to.table(n), to.store()));
            }
        }
        return out;
    }

    /** Names of the tables that differ, in name order. */
    public static Set<String> changedNames(RootValue from, RootValue to) throws IOException {
        Set<String> out = new LinkedHashSet<>();
        for (TableDelta d : between(from, to)) {
            out.add(d.name());
        }
        return out;
    }
}
