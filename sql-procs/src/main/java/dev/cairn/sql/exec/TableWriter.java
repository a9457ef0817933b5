package dev.cairn.sql.exec;

import dev.cairn.chunkstore.model.RootValue;
import dev.cairn.chunkstore.model.Table;
import dev.cairn.chunkstore.prolly.ProllyMap;
import dev.cairn.chunkstore.row.Column;
import dev.cairn.chunkstore.row.EncodedRow;
import dev.cairn.chunkstore.row.KeylessRows;
import dev.cairn.chunkstore.row.RowValueException;
import dev.cairn.chunkstore.row.Schema;
import dev.cairn.sql.SqlException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Buffers one statement's row changes to one table and applies them to its prolly map in one
 * edit at the end, so a statement that fails part way changes nothing. Reads see the
 * buffered changes, which is how duplicate keys within one INSERT are caught.
 */
final class TableWriter {
    /** Stands for a NOT NULL column without a default that an INSERT left out. */
    static final Object MISSING = new Object();

    private final UserTable table;
    private final Schema schema;
    private final TreeMap<byte[], byte[]> edits = new TreeMap<>(ProllyMap.KEY_ORDER);
    private long nextAutoIncrement;

    TableWriter(UserTable table) {
        this.table = table;
        this.schema = table.schema();
        this.nextAutoIncrement = table.table().nextAutoIncrement();
    }

    Schema schema() {
        return schema;
    }

    /** Fills the AUTO_INCREMENT column if the row leaves it NULL or 0; returns the value it got, or 0. */
    long autoIncrement(Object[] row) {
        int ai = autoIncrementIndex();
        if (ai < 0) {
            return 0;
        }
        Object v = row[ai];
        if (v == null || (v instanceof Number n && n.longValue() == 0)) {
            row[ai] = nextAutoIncrement;
            return nextAutoIncrement++;
        }
        return 0;
    }

    private int autoIncrementIndex() {
        for (int i = 0; i < schema.columnCount(); i++) {
            if (schema.column(i).autoIncrement()) {
                return i;
            }
        }
        return -1;
    }

    /** Converts every value to its column's type, with MySQL's errors. */
    Object[] coerce(Object[] row) {
        Object[] out = new Object[row.length];
        for (int i = 0; i < row.length; i++) {
            Column c = schema.column(i);
            if (row[i] == MISSING) {
                throw new SqlException(1364, "HY000", "Field '" + c.name() + "' doesn't have a default value");
            }
            try {
                out[i] = c.coerce(row[i]);
            } catch (RowValueException e) {
                throw SqlErrors.of(e);
            }
        }
        int ai = autoIncrementIndex();
        if (ai >= 0 && out[ai] instanceof Long l && l >= nextAutoIncrement) {
            nextAutoIncrement = l + 1;
        }
        return out;
    }

    byte[] keyOf(Object[] row) {
        return table.codec().encodeKey(row);
    }

    /** The stored row under {@code key}, counting this statement's changes, or null. */
    Object[] existing(byte[] key) throws IOException {
        byte[] v = edits.containsKey(key) ? edits.get(key) : table.rows().get(key);
        return v == null ? null : table.codec().decode(key, v);
    }

    /** Adds a row; a keyed table must not already hold its key (see {@link #existing}). */
    void insert(Object[] row) throws IOException {
        EncodedRow e = table.codec().encode(row);
        if (schema.isKeyless()) {
            byte[] old = edits.containsKey(e.key()) ? edits.get(e.key()) : table.rows().get(e.key());
            edits.put(e.key(), old == null ? e.value() : KeylessRows.adjust(old, 1));
        } else {
            edits.put(e.key(), e.value());
        }
    }

    /** Stores {@code row} under its key, replacing what is there. */
    void put(Object[] row) {
        EncodedRow e = table.codec().encode(row);
        edits.put(e.key(), e.value());
    }

    /** Removes one copy of {@code row}. */
    void delete(Object[] row) throws IOException {
        byte[] key = table.codec().encodeKey(row);
        if (schema.isKeyless()) {
            byte[] old = edits.containsKey(key) ? edits.get(key) : table.rows().get(key);
            edits.put(key, old == null ? null : KeylessRows.adjust(old, -1));
        } else {
            edits.put(key, null);
        }
    }

    SqlException duplicate(Object[] row) {
        List<String> parts = new ArrayList<>();
        for (int i : schema.primaryKeyIndexes()) {
            parts.add(Values.toText(row[i]));
        }
        return new SqlException(SqlException.ER_DUP_ENTRY, "23000", "Duplicate entry '" + String.join("-", parts)
                + "' for key '" + table.name() + ".PRIMARY'");
    }

    /** Writes the buffered changes into the root, if there are any. */
    RootValue apply(RootValue root) throws IOException {
        if (edits.isEmpty() && nextAutoIncrement == table.table().nextAutoIncrement()) {
            return root;
        }
        ProllyMap rows = edits.isEmpty() ? table.rows() : table.rows().apply(edits);
        Table next = Table.create(root.store(), table.table().schema(), rows, nextAutoIncrement);
        return root.withTable(table.name(), next);
    }
}
