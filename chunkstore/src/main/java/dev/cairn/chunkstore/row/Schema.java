package dev.cairn.chunkstore.row;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A table's columns in display order and its primary key, validated as MySQL
 * validates CREATE TABLE. Column names are matched case-insensitively.
 *
 * <p>Primary-key columns are NOT NULL whether or not they were declared so,
 * as in MySQL. A table without a primary key is <em>keyless</em>: its rows are
 * keyed by a hidden key, the hash of the row's values, and carry a count of
 * identical rows; see {@link KeylessRows}.
 *
 * <p>Every column has a tag (see {@link ValueTupleCodec} for why); the schema
 * keeps the next unused tag so that a column added after a drop never takes
 * the dropped column's tag and its old values.
 *
 * <p>Immutable; {@code with} methods return the schema after an ALTER TABLE.
 * {@link #encode} is deterministic, so equal schemas are equal chunks.
 */
public final class Schema {
    private final List<Column> columns;
    private final List<String> primaryKey;
    private final int[] primaryKeyIndexes;
    private final int nextTag;
    private final Map<String, Integer> byName;

    private Schema(List<Column> columns, List<String> primaryKey, int nextTag) {
        if (columns.isEmpty()) {
            throw new SchemaException("A table must have at least 1 column");
        }
        byName = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            if (byName.put(fold(columns.get(i).name()), i) != null) {
                throw new SchemaException("Duplicate column name '" + columns.get(i).name() + "'");
            }
        }
        primaryKeyIndexes = new int[primaryKey.size()];
        List<Column> cols = new ArrayList<>(columns);
        List<String> pkNames = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (int k = 0; k < primaryKey.size(); k++) {
            Integer i = byName.get(fold(primaryKey.get(k)));
            if (i == null) {
                throw new SchemaException("Key column '" + primaryKey.get(k) + "' doesn't exist in table");
            }
            if (!seen.add(i)) {
                throw new SchemaException("Duplicate column name '" + primaryKey.get(k) + "'");
            }
            Column c = cols.get(i);
            checkKeyType(c);
            cols.set(i, c.withNullable(false));
            primaryKeyIndexes[k] = i;
            pkNames.add(c.name());
        }
        this.columns = Collections.unmodifiableList(cols);
        this.primaryKey = Collections.unmodifiableList(pkNames);
        this.nextTag = nextTag;
        checkAutoIncrement();
        checkTags();
    }

    /**
     * A schema for CREATE TABLE: {@code columns} in order, {@code primaryKey}
     * naming key columns in key order (empty for a keyless table). Columns
     * without a tag are numbered after the highest given tag, in order.
     */
    public static Schema of(List<Column> columns, List<String> primaryKey) {
        int max = -1;
        for (Column c : columns) {
            max = Math.max(max, c.tag());
        }
        List<Column> tagged = new ArrayList<>(columns.size());
        for (Column c : columns) {
            tagged.add(c.tag() == Column.NO_TAG ? c.withTag(++max) : c);
        }
        return new Schema(tagged, primaryKey, max + 1);
    }

    /** Rebuilds a stored schema; every column must have its tag. */
    static Schema restore(List<Column> columns, List<String> primaryKey, int nextTag) {
        return new Schema(columns, primaryKey, nextTag);
    }

    public static SchemaBuilder builder() {
        return new SchemaBuilder();
    }

    private static String fold(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static void checkKeyType(Column c) {
        switch (c.type().kind()) {
            case JSON -> throw new SchemaException("JSON column '" + c.name()
                    + "' supports indexing only via generated columns on a specified JSON path.");
            case TEXT, BLOB -> throw new SchemaException("BLOB/TEXT column '" + c.name()
                    + "' used in key specification without a key length");
            default -> {
            }
        }
    }

    private void checkAutoIncrement() {
        int count = 0;
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            if (!c.autoIncrement()) {
                continue;
            }
            if (!c.type().isInteger()) {
                throw new SchemaException("Incorrect column specifier for column '" + c.name() + "'");
            }
            if (c.defaultValue() != null || c.defaultExpression() != null) {
                throw new SchemaException("Invalid default value for '" + c.name() + "'");
            }
            // InnoDB's rule: the counter is found by reading the first column of an index, here the key.
            if (++count > 1 || primaryKeyIndexes.length == 0 || primaryKeyIndexes[0] != i) {
                throw new SchemaException(
                        "Incorrect table definition; there can be only one auto column and it must be defined as a key");
            }
        }
    }

    private void checkTags() {
        Set<Integer> tags = new HashSet<>();
        for (Column c : columns) {
            if (c.tag() < 0 || c.tag() >= nextTag || !tags.add(c.tag())) {
                throw new IllegalArgumentException("column '" + c.name() + "' has tag " + c.tag()
                        + ", which is negative, repeated, or not below the next tag " + nextTag);
            }
        }
    }

    public List<Column> columns() {
        return columns;
    }

    public int columnCount() {
        return columns.size();
    }

    public Column column(int index) {
        return columns.get(index);
    }

    /** Position of the named column, ignoring case, or -1. */
    public int indexOf(String name) {
        Integer i = byName.get(fold(name));
        return i == null ? -1 : i;
    }

    /** The named column, ignoring case. */
    public Optional<Column> findColumn(String name) {
        int i = indexOf(name);
        return i < 0 ? Optional.empty() : Optional.of(columns.get(i));
    }

    /** The named column, ignoring case; fails with MySQL's message if there is none. */
    public Column column(String name) {
        int i = indexOf(name);
        if (i < 0) {
            throw new SchemaException("Unknown column '" + name + "'");
        }
        return columns.get(i);
    }

    /** Key column names in key order, spelled as the columns are; empty if keyless. */
    public List<String> primaryKey() {
        return primaryKey;
    }

    /** Column positions of the key columns, in key order. */
    public int[] primaryKeyIndexes() {
        return primaryKeyIndexes.clone();
    }

    public boolean isKeyless() {
        return primaryKeyIndexes.length == 0;
    }

    public boolean isPrimaryKey(int columnIndex) {
        for (int i : primaryKeyIndexes) {
            if (i == columnIndex) {
                return true;
            }
        }
        return false;
    }

    /** Column positions of the columns stored in the value tuple, in column order. */
    public int[] valueIndexes() {
        int[] out = new int[columns.size() - primaryKeyIndexes.length];
        int n = 0;
        for (int i = 0; i < columns.size(); i++) {
            if (!isPrimaryKey(i)) {
                out[n++] = i;
            }
        }
        return out;
    }

    public Optional<Column> autoIncrementColumn() {
        return columns.stream().filter(Column::autoIncrement).findFirst();
    }

    /** The tag the next added column will get. */
    public int nextTag() {
        return nextTag;
    }

    /** ALTER TABLE ADD COLUMN at the end; see {@link #withColumnAdded(Column, int, Object)}. */
    public Schema withColumnAdded(Column column) {
        return withColumnAdded(column, columns.size());
    }

    /**
     * ALTER TABLE ADD COLUMN at {@code position} (0 is FIRST), existing rows
     * reading the column's {@linkplain Column#impliedBackfill implied backfill}.
     */
    public Schema withColumnAdded(Column column, int position) {
        return withColumnAdded(column, position, column.impliedBackfill());
    }

    /**
     * ALTER TABLE ADD COLUMN at {@code position}, existing rows reading
     * {@code backfill}: what the SQL layer evaluated an expression default to, or
     * a value for a NOT NULL date column, which has no implicit default. Rows are
     * not rewritten. The column gets a new tag and is not a key column.
     */
    public Schema withColumnAdded(Column column, int position, Object backfill) {
        if (position < 0 || position > columns.size()) {
            throw new IndexOutOfBoundsException("position " + position + " of " + columns.size() + " columns");
        }
        Object fill = column.withNullable(true).coerce(backfill);
        List<Column> cols = new ArrayList<>(columns);
        cols.add(position, column.withTag(nextTag).withBackfill(fill));
        return new Schema(cols, primaryKey, nextTag + 1);
    }

    /**
     * ALTER TABLE DROP COLUMN. Stored values of the column stay in old rows and
     * are skipped on read. Key columns cannot be dropped this way: that changes
     * every row's key and so is a table rewrite.
     */
    public Schema withColumnDropped(String name) {
        int i = indexOf(name);
        if (i < 0) {
            throw new SchemaException("Can't DROP '" + name + "'; check that column/key exists");
        }
        if (isPrimaryKey(i)) {
            throw new SchemaException("Can't DROP '" + columns.get(i).name()
                    + "'; it is part of the primary key, and changing the key rewrites the table");
        }
        if (columns.size() == 1) {
            throw new SchemaException("You can't delete all columns with ALTER TABLE; use DROP TABLE instead");
        }
        List<Column> cols = new ArrayList<>(columns);
        cols.remove(i);
        return new Schema(cols, primaryKey, nextTag);
    }

    /** ALTER TABLE RENAME COLUMN; the tag, and so the stored data, stays with the column. */
    public Schema withColumnRenamed(String from, String to) {
        int i = indexOf(from);
        if (i < 0) {
            throw new SchemaException("Unknown column '" + from + "'");
        }
        int clash = indexOf(to);
        if (clash >= 0 && clash != i) {
            throw new SchemaException("Duplicate column name '" + to + "'");
        }
        List<Column> cols = new ArrayList<>(columns);
        cols.set(i, cols.get(i).withName(to));
        List<String> pk = new ArrayList<>(primaryKey);
        for (int k = 0; k < pk.size(); k++) {
            if (primaryKeyIndexes[k] == i) {
                pk.set(k, to);
            }
        }
        return new Schema(cols, pk, nextTag);
    }

    /** The stored form; see {@link SchemaCodec}. */
    public byte[] encode() {
        return SchemaCodec.encode(this);
    }

    public static Schema decode(byte[] bytes) {
        return SchemaCodec.decode(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schema s && s.columns.equals(columns) && s.primaryKey.equals(primaryKey)
                && s.nextTag == nextTag;
    }

    @Override
    public int hashCode() {
        return columns.hashCode() * 31 + Arrays.hashCode(primaryKeyIndexes) + nextTag;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("(");
        for (Column c : columns) {
            sb.append(sb.length() > 1 ? ", " : "").append(c.toSql());
        }
        if (!primaryKey.isEmpty()) {
            sb.append(", PRIMARY KEY (`").append(String.join("`,`", primaryKey)).append("`)");
        }
        return sb.append(')').toString();
    }
}
