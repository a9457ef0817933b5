package dev.cairn.chunkstore.model;

import dev.cairn.chunkstore.Chunk;
import dev.cairn.chunkstore.ChunkStore;
import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.prolly.ProllyMap;
import java.io.IOException;

/**
 * A table as of one root value: its encoded schema, its rows (a prolly map from encoded
 * primary key to encoded row values) and the next auto-increment value. Immutable; every
 * change gives a new table with a new address.
 */
public final class Table {
    private final Hash address;
    private final byte[] schema;
    private final ProllyMap rows;
    private final long nextAutoIncrement;

    private Table(Hash address, byte[] schema, ProllyMap rows, long nextAutoIncrement) {
        this.address = address;
        this.schema = schema;
        this.rows = rows;
        this.nextAutoIncrement = nextAutoIncrement;
    }

    /** Writes a table chunk for these parts (not committed until the store is). */
    public static Table create(ChunkStore store, byte[] schema, ProllyMap rows, long nextAutoIncrement)
            throws IOException {
        Chunk c = ModelCodec.encodeTable(schema, rows.root(), nextAutoIncrement);
        store.put(c);
        return new Table(c.hash(), schema.clone(), rows, nextAutoIncrement);
    }

    /** A new, empty table with this schema. */
    public static Table empty(ChunkStore store, byte[] schema) throws IOException {
        return create(store, schema, ProllyMap.empty(store, false), 1);
    }

    public static Table load(ChunkStore store, Hash address) throws IOException {
        ModelCodec.TableRecord r = ModelCodec.decodeTable(ChunkLoader.require(store, address, "table"));
        return new Table(address, r.schema(), ProllyMap.load(store, r.rows()), r.nextAutoIncrement());
    }

    public Hash address() {
        return address;
    }

    /** The encoded schema (a copy). */
    public byte[] schema() {
        return schema.clone();
    }

    public ProllyMap rows() {
        return rows;
    }

    public long nextAutoIncrement() {
        return nextAutoIncrement;
    }

    public Table withRows(ChunkStore store, ProllyMap newRows) throws IOException {
        return create(store, schema, newRows, nextAutoIncrement);
    }

    public Table withSchema(ChunkStore store, byte[] newSchema) throws IOException {
        return create(store, newSchema, rows, nextAutoIncrement);
    }

    public Table withNextAutoIncrement(ChunkStore store, long next) throws IOException {
        return create(store, schema, rows, next);
    }

    /** True if the two tables have the same schema bytes. */
    public boolean sameSchema(Table other) {
        return java.util.Arrays.equals(schema, other.schema);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Table t && t.address.equals(address);
    }

    @Override
    public int hashCode() {
        return address.hashCode();
    }

    @Override
    public String toString() {
        return "Table[" + address + ", " + rows.count() + " rows]";
    }
}
