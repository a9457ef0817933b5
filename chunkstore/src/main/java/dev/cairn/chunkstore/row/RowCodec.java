package dev.cairn.chunkstore.row;

import java.util.Arrays;

/**
 * Turns a table's rows into prolly-map entries and back. A row is an
 * {@code Object[]} with one value per column in schema order, each in its
 * type's Java form ({@link SqlType}); use {@link Column#coerce} on user input
 * first.
 *
 * <ul>
 *   <li>Keyed table: key = {@link KeyTupleCodec} tuple of the primary-key
 *       columns; value = {@link ValueTupleCodec} tuple of the other columns.</li>
 *   <li>Keyless table: key = hash of the value tuple of all columns; value =
 *       count and that tuple ({@link KeylessRows}). A fresh row has count 1.</li>
 * </ul>
 * Encoding measures each output exactly and writes into an array of that
 * size: no intermediate buffers, and no state, so one codec serves every
 * thread.
 */
public final class RowCodec {
    private final Schema schema;
    private final int columnCount;
    private final int[] keyColumns;
    private final KeyTupleCodec keyCodec;
    private final ValueTupleCodec valueCodec;

    private RowCodec(Schema schema) {
        this.schema = schema;
        this.columnCount = schema.columnCount();
        this.keyColumns = schema.primaryKeyIndexes();
        this.keyCodec = new KeyTupleCodec(Arrays.stream(keyColumns).mapToObj(i -> schema.column(i).type()).toList());
        int[] stored = schema.isKeyless() ? allColumns(columnCount) : schema.valueIndexes();
        this.valueCodec = new ValueTupleCodec(schema.columns(), stored);
    }

    public static RowCodec of(Schema schema) {
        return new RowCodec(schema);
    }

    private static int[] allColumns(int n) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        return all;
    }

    public Schema schema() {
        return schema;
    }

    /**
     * The codec of this table's primary key, to build lookup keys and range
     * bounds from key values alone.
     *
     * @throws IllegalStateException for a keyless table, whose keys are hashes
     */
    public KeyTupleCodec keyCodec() {
        if (schema.isKeyless()) {
            throw new IllegalStateException("a keyless table has no key columns");
        }
        return keyCodec;
    }

    /** Key and value of {@code row}. */
    public EncodedRow encode(Object[] row) {
        checkWidth(row);
        if (schema.isKeyless()) {
            byte[] value = keylessValue(row);
            return new EncodedRow(KeylessRows.key(value, 1, value.length - 1), value);
        }
        return new EncodedRow(keyOf(row), valueOf(row));
    }

    /** The map key of {@code row}: its primary key tuple, or for a keyless table its hidden key. */
    public byte[] encodeKey(Object[] row) {
        checkWidth(row);
        if (schema.isKeyless()) {
            byte[] value = keylessValue(row);
            return KeylessRows.key(value, 1, value.length - 1);
        }
        return keyOf(row);
    }

    /** The map value of {@code row}; for a keyless table, with count 1. */
    public byte[] encodeValue(Object[] row) {
        checkWidth(row);
        return schema.isKeyless() ? keylessValue(row) : valueOf(row);
    }

    private byte[] keyOf(Object[] row) {
        byte[] key = new byte[keyCodec.length(row, keyColumns)];
        keyCodec.write(row, keyColumns, key, 0);
        return key;
    }

    private byte[] valueOf(Object[] row) {
        byte[] value = new byte[valueCodec.length(row)];
        valueCodec.write(row, value, 0);
        return value;
    }

    private byte[] keylessValue(Object[] row) {
        // Count 1 is one varint byte; the tuple follows it.
        byte[] value = new byte[1 + valueCodec.length(row)];
        value[0] = 1;
        valueCodec.write(row, value, 1);
        return value;
    }

    private void checkWidth(Object[] row) {
        if (row.length != columnCount) {
            throw new IllegalArgumentException("table has " + columnCount + " columns, row has " + row.length);
        }
    }

    /** The row stored under {@code key} and {@code value}. */
    public Object[] decode(byte[] key, byte[] value) {
        Object[] row = new Object[columnCount];
        decode(key, value, row);
        return row;
    }

    /** Decodes into {@code row}, overwriting every column, so a scan can reuse one array. */
    public void decode(byte[] key, byte[] value, Object[] row) {
        checkWidth(row);
        if (schema.isKeyless()) {
            TupleReader r = new TupleReader(value, 0);
            r.varlong();
            valueCodec.read(value, r.pos, row);
        } else {
            keyCodec.decodeInto(key, row, keyColumns);
            valueCodec.read(value, 0, row);
        }
    }

    /** The primary-key values of a key, in key order. */
    public Object[] decodeKey(byte[] key) {
        return keyCodec().decode(key);
    }

    /** How many rows an entry stands for: 1 in a keyed table, the stored count in a keyless one. */
    public long cardinality(byte[] value) {
        return schema.isKeyless() ? KeylessRows.cardinality(value) : 1;
    }
}
