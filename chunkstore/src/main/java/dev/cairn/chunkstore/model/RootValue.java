package dev.cairn.chunkstore.model;

import dev.cairn.chunkstore.Chunk;
import dev.cairn.chunkstore.ChunkStore;
import dev.cairn.chunkstore.Hash;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The state of a whole database at one moment: table name to table. A commit points at one;
 * a working set points at two (working and staged). Immutable; stored as one chunk that
 * holds every table's entry (see {@link ModelCodec}).
 *
 * <p>Table names keep the case they were created with; lookups ignore case, as MySQL's do
 * on case-insensitive systems and Dolt's always do, so {@code T} and {@code t} cannot both exist.
 */
public final class RootValue {
    private final ChunkStore store;
    private final Hash address;
    private final TreeMap<String, ModelCodec.TableEntry> tables;

    private RootValue(ChunkStore store, Hash address, TreeMap<String, ModelCodec.TableEntry> tables) {
        this.store = store;
        this.address = address;
        this.tables = tables;
    }

    /** Writes a root value with no tables. */
    public static RootValue empty(ChunkStore store) throws IOException {
        return of(store, new TreeMap<>());
    }

    public static RootValue load(ChunkStore store, Hash address) throws IOException {
        List<ModelCodec.TableEntry> entries =
                ModelCodec.decodeRootValue(ChunkLoader.require(store, address, "root value"));
        TreeMap<String, ModelCodec.TableEntry> m = new TreeMap<>();
        for (ModelCodec.TableEntry e : entries) {
            m.put(e.name(), e);
        }
        return new RootValue(store, address, m);
    }

    private static RootValue of(ChunkStore store, TreeMap<String, ModelCodec.TableEntry> tables) throws IOException {
        Chunk c = ModelCodec.encodeRootValue(new ArrayList<>(tables.values()));
        store.put(c);
        return new RootValue(store, c.hash(), tables);
    }

    public Hash address() {
        return address;
    }

    public ChunkStore store() {
        return store;
    }

    /** Table names with each table's identity ({@link Table#address()}), in name order. */
    public Map<String, Hash> tableAddresses() {
        Map<String, Hash> out = new LinkedHashMap<>();
        tables.forEach((n, e) -> out.put(n, Table.identity(e.schema(), e.rows(), e.nextAutoIncrement())));
        return out;
    }

    public List<String> tableNames() {
        return new ArrayList<>(tables.keySet());
    }

    /** The stored name of the table called {@code name} in any case, or null. */
    public String resolveName(String name) {
        if (tables.containsKey(name)) {
            return name;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (String n : tables.keySet()) {
            if (n.toLowerCase(Locale.ROOT).equals(lower)) {
                return n;
            }
        }
        return null;
    }

    public boolean hasTable(String name) {
        return resolveName(name) != null;
    }

    /** The table's identity, or null if there is no such table. */
    public Hash tableAddress(String name) {
        String stored = resolveName(name);
        if (stored == null) {
            return null;
        }
        ModelCodec.TableEntry e = tables.get(stored);
        return Table.identity(e.schema(), e.rows(), e.nextAutoIncrement());
    }

    /** The table, or null if there is no such table. */
    public Table table(String name) throws IOException {
        String stored = resolveName(name);
        return stored == null ? null : Table.of(store, tables.get(stored));
    }

    /** A new root value with the table put under {@code name} (keeping the stored case of an existing name). */
    public RootValue withTable(String name, Table table) throws IOException {
        if (table == null) {
            return withoutTable(name);
        }
        String stored = resolveName(name);
        String key = stored == null ? name : stored;
        TreeMap<String, ModelCodec.TableEntry> m = new TreeMap<>(tables);
        m.put(key, table.entry(key));
        return of(store, m);
    }

    /**
     * A new root value with table {@code name} as it is in {@code source} (removed if
     * {@code source} lacks it), as staging and merging do. Reads nothing.
     */
    public RootValue withTableOf(String name, RootValue source) throws IOException {
        String inSource = source.resolveName(name);
        if (inSource == null) {
            return withoutTable(name);
        }
        String stored = resolveName(name);
        TreeMap<String, ModelCodec.TableEntry> m = new TreeMap<>(tables);
        if (stored != null && !stored.equals(inSource)) {
            m.remove(stored);
        }
        m.put(inSource, source.tables.get(inSource));
        return of(store, m);
    }

    public RootValue withoutTable(String name) throws IOException {
        String stored = resolveName(name);
        if (stored == null) {
            return this;
        }
        TreeMap<String, ModelCodec.TableEntry> m = new TreeMap<>(tables);
        m.remove(stored);
        return of(store, m);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RootValue r && r.address.equals(address);
    }

    @Override
    public int hashCode() {
        return address.hashCode();
    }

    @Override
    public String toString() {
        return "RootValue[" + address + ", " + tables.size() + " tables]";
    }
}
