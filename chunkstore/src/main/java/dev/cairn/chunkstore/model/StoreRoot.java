package dev.cairn.chunkstore.model;

import dev.cairn.chunkstore.ChunkStore;
import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.prolly.ProllyMap;
import dev.cairn.chunkstore.prolly.ProllyIterator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One immutable snapshot of the store root: the map from dataset name ({@code refs/heads/main},
 * {@code workingSets/heads/main}, ...) to the address of a commit, tag or working set. Its
 * hash is the chunk store's root, so moving any ref is one compare-and-swap of that root.
 */
public final class StoreRoot {
    private final ProllyMap refs;

    private StoreRoot(ProllyMap refs) {
        this.refs = refs;
    }

    /**
     * The snapshot whose address is {@code root} ({@link Hash#EMPTY}: a store with no refs yet),
     * for code that edits another store's refs, such as a push into a remote.
     */
    public static StoreRoot at(ChunkStore store, Hash root) throws IOException {
        return root.isEmpty() ? empty(store) : load(store, root);
    }

    static StoreRoot empty(ChunkStore store) {
        return new StoreRoot(ProllyMap.empty(store, true));
    }

    static StoreRoot load(ChunkStore store, Hash root) throws IOException {
        return new StoreRoot(ProllyMap.load(store, root));
    }

    /** The address of this snapshot's ref map: what the chunk store's root must equal. */
    public Hash address() {
        return refs.root();
    }

    /** The address a dataset points at, or null. */
    public Hash get(String dataset) throws IOException {
        byte[] v = refs.get(key(dataset));
        return v == null ? null : Hash.fromBytes(v, 0);
    }

    /** Every dataset whose name starts with {@code prefix}, the prefix removed, in name order. */
    public Map<String, Hash> list(String prefix) throws IOException {
        byte[] from = key(prefix);
        byte[] to = upperBound(from);
        Map<String, Hash> out = new LinkedHashMap<>();
        ProllyIterator it = refs.range(from, to);
        while (it.hasNext()) {
            ProllyMap.Entry e = it.next();
            String name = new String(e.key(), StandardCharsets.UTF_8);
            out.put(name.substring(prefix.length()), Hash.fromBytes(e.value(), 0));
        }
        return out;
    }

    /** All datasets, in name order. */
    public Map<String, Hash> all() throws IOException {
        return list("");
    }

    /** A new snapshot with these datasets set (a null address removes one). Writes only new nodes. */
    public StoreRoot with(Map<String, Hash> changes) throws IOException {
        TreeMap<byte[], byte[]> edits = new TreeMap<>(ProllyMap.KEY_ORDER);
        changes.forEach((name, address) -> edits.put(key(name), address == null ? null : address.toBytes()));
        return new StoreRoot(refs.apply(edits));
    }

    public StoreRoot with(String dataset, Hash address) throws IOException {
        Map<String, Hash> one = new LinkedHashMap<>();
        one.put(dataset, address);
        return with(one);
    }

    private static byte[] key(String dataset) {
        return dataset.getBytes(StandardCharsets.UTF_8);
    }

    /** The smallest key greater than every key starting with {@code prefix}; null if there is none. */
    private static byte[] upperBound(byte[] prefix) {
        for (int i = prefix.length - 1; i >= 0; i--) {
            if (prefix[i] != (byte) 0xFF) {
                byte[] b = java.util.Arrays.copyOf(prefix, i + 1);
                b[i]++;
                return b;
            }
        }
        return null;
    }
}
