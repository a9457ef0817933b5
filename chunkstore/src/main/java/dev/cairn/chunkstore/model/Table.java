package dev.cairn.chunkstore.model;

import dev.cairn.chunkstore.Chunk;
import dev.cairn.chunkstore.ChunkStore;
import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.prolly.ProllyMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * A table as of one root value: its schema (encoded, kept in a chunk of its own that every
 * version with that schema shares), its rows (a prolly map from encoded primary key to
 * encoded row values) and the next auto-increment value. Immutable; every change gives a
 * new table. A table is stored inside its {@link RootValue}, not as a chunk of its own.
 */
public final class Table {
    private final ChunkStore store;
    private final Hash schemaAddress;
    private volatile byte[] schema;
    private final ProllyMap rows;
    private final long nextAutoIncrement;
    private final Hash address;

    private Table(ChunkStore store, Hash schemaAddress, byte[] schema, ProllyMap rows, long nextAutoIncrement) {
        this.store = store;
        this.schemaAddress = schemaAddress;
        this.schema = schema;
        this.rows = rows;
        this.nextAutoIncrement = nextAutoIncrement;
        this.address = identity(schemaAddress, rows.root(), nextAutoIncrement);
    }

    /** Writes the schema chunk (if new) and returns a table of these parts (not committed until the store is). */
    public static Table create(ChunkStore store, byte[] schema, ProllyMap rows, long nextAutoIncrement)
            throws IOException {
        Chunk c = ModelCodec.encodeSchema(schema);
        if (!store.has(c.hash())) {
            store.put(c);
        }
        return new Table(store, c.hash(), schema.clone(), rows, nextAutoIncrement);
    }

    /** A new, empty table with this schema. */
    public static Table empty(ChunkStore store, byte[] schema) throws IOException {
        return create(store, schema, ProllyMap.empty(store, false), 1);
    }

    /** The table a root value's entry describes; the schema is read when first asked for. */
    static Table of(ChunkStore store, ModelCodec.TableEntry entry) throws IOException {
        return new Table(store, entry.schema(), null, ProllyMap.load(store, entry.rows()), entry.nextAutoIncrement());
    }

    /** What identifies this version of the table: equal for equal schema, rows and auto-increment state. */
    static Hash identity(Hash schemaAddress, Hash rowsRoot, long nextAutoIncrement) {
        ByteBuffer b = ByteBuffer.allocate(2 * Hash.BYTE_LENGTH + Long.BYTES);
        schemaAddress.writeTo(b);
        rowsRoot.writeTo(b);
        b.putLong(nextAutoIncrement);
        return Hash.of(b.array());
    }

    /** This version's identity (see {@link #identity}); not the address of a stored chunk. */
    public Hash address() {
        return address;
    }

    /** The encoded schema (a copy); decode with {@code dev.cairn.chunkstore.row.Schema.decode}. */
    public byte[] schema() {
        byte[] s = schema;
        if (s == null) {
            try {
                s = ModelCodec.decodeSchema(ChunkLoader.require(store, schemaAddress, "schema"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            schema = s;
        }
        return s.clone();
    }

    /** The address of the schema chunk. Two tables have the same schema exactly when these are equal. */
    public Hash schemaAddress() {
        return schemaAddress;
    }

    public ProllyMap rows() {
        return rows;
    }

    public long nextAutoIncrement() {
        return nextAutoIncrement;
    }

    public Table withRows(ChunkStore ignored, ProllyMap newRows) {
        return new Table(store, schemaAddress, schema, newRows, nextAutoIncrement);
    }

    public Table withSchema(ChunkStore target, byte[] newSchema) throws IOException {
        return create(target, newSchema, rows, nextAutoIncrement);
    }

    public Table withNextAutoIncrement(ChunkStore ignored, long next) {
        return new Table(store, schemaAddress, schema, rows, next);
    }

    /** True if the two tables have the same schema. */
    public boolean sameSchema(Table other) {
        return schemaAddress.equals(other.schemaAddress);
    }

    ModelCodec.TableEntry entry(String name) {
        return new ModelCodec.TableEntry(name, schemaAddress, rows.root(), nextAutoIncrement);
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
        return "Table[" + rows.count() + " rows, schema " + schemaAddress + "]";
    }
}
