package dev.cairn.chunkstore.model;

import dev.cairn.chunkstore.Chunk;
import dev.cairn.chunkstore.ChunkStore;
import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.prolly.ProllyIterator;
import dev.cairn.chunkstore.prolly.ProllyMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The state of a whole database at one moment: table name to table. A commit points at one;
 * a working set points at two (working and staged). Immutable.
 *
 * <p>Table names keep the case they were created with; lookups ignore case, as MySQL's do
 * on case-insensitive systems and Dolt's always do, so {@code T} and {@code t} cannot both exist.
 */
public final class RootValue {
    private final ChunkStore store;
    private final Hash address;
    private final ProllyMap tables;

    private RootValue(ChunkStore store, Hash address, ProllyMap tables) {
        this.store = store;
        this.address = address;
        this.tables = tables;
    }

    /** Writes a root value with no tables. */
    public static RootValue empty(ChunkStore store) throws IOException {
        return of(store, ProllyMap.empty(store, true));
    }

    public static RootValue load(ChunkStore store, Hash address) throws IOException {
        Hash map = ModelCodec.decodeRootValue(ChunkLoader.require(store, address, "root value"));
        return new RootValue(store, address, ProllyMap.load(store, map));
    }

    private static RootValue of(ChunkStore store, ProllyMap tables) throws IOException {
        Chunk c = ModelCodec.encodeRootValue(tables.root());
        store.put(c);
        return new RootValue(store, c.hash(), tables);
    }

    public Hash address() {
        return address;
    }

    public ChunkStore store() {
        return store;
    }

    /** Table names with their table addresses, in name order. */
    public Map<String, Hash> tableAddresses() throws IOException {
        Map<String, Hash> out = new LinkedHashMap<>();
        ProllyIterator it = tables.iterator();
        while (it.hasNext()) {
            ProllyMap.Entry e = it.next();
            out.put(new String(e.key(), StandardCharsets.UTF_8), Hash.fromBytes(e.value(), 0));
        }
        return out;
    }

    public List<String> tableNames() throws IOException {
        return new ArrayList<>(tableAddresses().keySet());
    }

    /** The stored name of the table called {@code name} in any case, or null. */
    public String resolveName(String name) throws IOException {
        if (tables.containsKey(key(name))) {
            return name;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (String n : tableAddresses().keySet()) {
            if (n.toLowerCase(Locale.ROOT).equals(lower)) {
                return n;
            }
        }
        return null;
    }

    public boolean hasTable(String name) throws IOException {
        return resolveName(name) != null;
    }

    /** The table's address, or null if there is no such table. */
    public Hash tableAddress(String name) throws IOException {
        String stored = resolveName(name);
        if (stored == null) {
            return null;
        }
        return Hash.fromBytes(tables.get(key(stored)), 0);
    }

    /** The table, or null if there is no such table. */
    public Table table(String name) throws IOException {
        Hash a = tableAddress(name);
        return a == null ? null : Table.load(store, a);
    }

    /** A new root value with the table put under {@code name} (keeping the stored case of an existing name). */
    public RootValue withTable(String name, Table table) throws IOException {
        String stored = resolveName(name);
        return edit(stored == null ? name : stored, table.address());
    }

    /** A new root value with the table's address set directly (null removes it), as staging does. */
    public RootValue withTableAddress(String name, Hash address) throws IOException {
        String stored = resolveName(name);
        return edit(stored == null ? name : stored, address);
    }

    public RootValue withoutTable(String name) throws IOException {
        String stored = resolveName(name);
        if (stored == null) {
            return this;
        }
        return edit(stored, null);
    }

    private RootValue edit(String name, Hash address) throws IOException {
        TreeMap<byte[], byte[]> e = new TreeMap<>(ProllyMap.KEY_ORDER);
        e.put(key(name), address == null ? null : address.toBytes());
        return of(store, tables.apply(e));
    }

    private static byte[] key(String name) {
        return name.getBytes(StandardCharsets.UTF_8);
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
        return "RootValue[" + address + "]";
    }
}
