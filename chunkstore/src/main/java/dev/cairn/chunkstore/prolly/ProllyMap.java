package dev.cairn.chunkstore.prolly;

import dev.cairn.chunkstore.ChunkStore;
import dev.cairn.chunkstore.Hash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An ordered map from byte-string keys to byte-string values, stored as a
 * prolly tree: a B-tree of chunks whose node boundaries are chosen from the
 * keys (see {@link NodeSplitter}), so that the same entries give the same root
 * hash however they were inserted, and an edit rewrites only the nodes on its
 * path. Keys are ordered by {@link #KEY_ORDER}.
 *
 * <p>In <em>address-values</em> mode every value is the address of another
 * chunk and the leaves list those addresses as chunk children, so a generic
 * walk from a map reaches what it refers to (the store's ref map, a root
 * value's tables). The mode is recorded in every node.
 *
 * <p>An immutable value, safe to share between threads. Edits return a new
 * map and write its new nodes to the store with {@link ChunkStore#put}; they
 * never commit the store. Node formats: {@link ProllyNodeCodec}.
 */
public final class ProllyMap {
    /** Unsigned lexicographic order: a key sorts before every longer key it is a prefix of. */
    public static final Comparator<byte[]> KEY_ORDER = (a, b) -> Arrays.compareUnsigned(a, b);

    /** The longest key a map takes. Keys are repeated in the internal nodes, so they are kept well under a node's size. */
    public static final int MAX_KEY_BYTES = NodeSplitter.MAX_KEY_BYTES;

    /** A key and its value. Equality compares contents. */
    public record Entry(byte[] key, byte[] value) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e && Arrays.equals(key, e.key) && Arrays.equals(value, e.value);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(key) + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            HexFormat hex = HexFormat.of();
            return hex.formatHex(key) + "=" + hex.formatHex(value);
        }
    }

    private final NodeStore store;
    private final ProllyNode root;

    private ProllyMap(NodeStore store, ProllyNode root) {
        this.store = store;
        this.root = root;
    }

    /** A new empty map. Its root, an empty leaf, is written to {@code store}. */
    public static ProllyMap empty(ChunkStore store, boolean addressValues) {
        NodeStore nodes = new NodeStore(store);
        try {
            return new ProllyMap(nodes, nodes.writeCached(ProllyNodeCodec.emptyLeaf(addressValues)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the empty map's root to " + store, e);
        }
    }

    /**
     * The map whose root node is {@code root}; its mode is read from the node.
     *
     * @throws MissingNodeException if the store does not have {@code root}
     * @throws CorruptNodeException if {@code root} is not a prolly-tree node
     */
    public static ProllyMap load(ChunkStore store, Hash root) throws IOException {
        NodeStore nodes = new NodeStore(store);
        return new ProllyMap(nodes, nodes.read(root));
    }

    /**
     * Builds a map from entries in strictly ascending key order, streaming:
     * memory is one open node per level. The entries' arrays are kept until
     * their node is written, so they must not be reused by the iterator.
     *
     * @throws IllegalArgumentException if keys are not strictly ascending or
     *     longer than {@link #MAX_KEY_BYTES}, a value is null, or (in
     *     address-values mode) a value is not 20 bytes
     */
    public static ProllyMap build(ChunkStore store, boolean addressValues, Iterator<Entry> sortedEntries)
            throws IOException {
        NodeStore nodes = new NodeStore(store);
        TreeBuilder builder = new TreeBuilder(nodes, addressValues, 0);
        byte[] previous = null;
        while (sortedEntries.hasNext()) {
            Entry e = sortedEntries.next();
            byte[] key = e.key();
            byte[] value = e.value();
            checkKey(key);
            if (value == null) {
                throw new IllegalArgumentException("null value");
            }
            if (previous != null && KEY_ORDER.compare(previous, key) >= 0) {
                throw new IllegalArgumentException("keys are not strictly ascending: " + HexFormat.of().formatHex(key)
                        + " follows " + HexFormat.of().formatHex(previous));
            }
            if (addressValues && value.length != Hash.BYTE_LENGTH) {
                throw new IllegalArgumentException("an address-values map takes " + Hash.BYTE_LENGTH
                        + "-byte addresses as values, not " + value.length + " bytes");
            }
            builder.add(key, value, 1);
            previous = key;
        }
        return new ProllyMap(nodes, builder.finish());
    }

    static void checkKey(byte[] key) {
        if (key == null) {
            throw new IllegalArgumentException("null key");
        }
        if (key.length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("a key of " + key.length + " bytes is longer than the "
                    + MAX_KEY_BYTES + "-byte maximum");
        }
    }

    /** The address of the root node. Every map, even an empty one, has a stored root. */
    public Hash root() {
        return root.hash();
    }

    /** Whether values are chunk addresses listed as children of the leaves. */
    public boolean addressValues() {
        return root.addressValues();
    }

    /** The number of entries, without reading anything. */
    public long count() {
        return root.count();
    }

    public boolean isEmpty() {
        return root.count() == 0;
    }

    /** The number of levels of nodes: 1 when the root is a leaf. */
    public int depth() {
        return root.level() + 1;
    }

    /** The value of {@code key}, or null if it is absent. Reads one node per level. */
    public byte[] get(byte[] key) throws IOException {
        ProllyNode node = root;
        while (!node.isLeaf()) {
            int i = node.ceiling(key);
            if (i == node.size()) {
                return null;
            }
            node = store.read(node.child(i));
        }
        int i = node.ceiling(key);
        return i < node.size() && node.compareKey(i, key) == 0 ? node.value(i) : null;
    }

    public boolean containsKey(byte[] key) throws IOException {
        return get(key) != null;
    }

    /** The entry at position {@code index} in key order, in one step per level. */
    public Entry entryAt(long index) throws IOException {
        if (index < 0 || index >= count()) {
            throw new IndexOutOfBoundsException("index " + index + " of a map of " + count() + " entries");
        }
        ProllyNode node = root;
        long pos = index;
        while (!node.isLeaf()) {
            int i = node.childAt(pos);
            pos -= node.countBefore(i);
            node = store.read(node.child(i));
        }
        int i = (int) pos;
        return new Entry(node.key(i), node.value(i));
    }

    /** The number of keys less than {@code key}: its position if present, else where it would go. */
    public long rank(byte[] key) throws IOException {
        ProllyNode node = root;
        long before = 0;
        while (!node.isLeaf()) {
            int i = node.ceiling(key);
            if (i == node.size()) {
                return before + node.count();
            }
            before += node.countBefore(i);
            node = store.read(node.child(i));
        }
        return before + node.ceiling(key);
    }

    /** Entries with {@code fromInclusive <= key < toExclusive} in key order; a null bound is unbounded. */
    public ProllyIterator range(byte[] fromInclusive, byte[] toExclusive) throws IOException {
        return new ProllyIterator(store, root, fromInclusive, toExclusive);
    }

    public ProllyIterator iterator() throws IOException {
        return range(null, null);
    }

    /** A buffer of edits to this map. */
    public Editor editor() {
        return new Editor();
    }

    /**
     * This map with {@code edits} applied: a null value deletes its key. Only
     * nodes that change are written; the rest are shared with this map.
     *
     * @param edits ordered by {@link #KEY_ORDER}
     * @throws IllegalArgumentException if the edits are not in {@link #KEY_ORDER},
     *     a key is longer than {@link #MAX_KEY_BYTES}, or (in address-values
     *     mode) a value is not 20 bytes
     */
    public ProllyMap apply(NavigableMap<byte[], byte[]> edits) throws IOException {
        if (edits.isEmpty()) {
            return this;
        }
        LevelEdits leafEdits = LevelEdits.ofLeaves(edits.entrySet(), edits.size(), addressValues());
        ProllyNode newRoot = new TreeEditor(store, addressValues()).apply(root, leafEdits);
        return newRoot.hash().equals(root.hash()) ? this : new ProllyMap(store, newRoot);
    }

    /**
     * Reports the changes that turn {@code from} into this map, in key order,
     * reading only the nodes the two do not share.
     */
    public void diff(ProllyMap from, DiffConsumer out) throws IOException {
        TreeDiffer.diff(from.store, from.root, store, root, out);
    }

    /** Maps are equal when their roots are: the same entries and mode. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ProllyMap m && m.root.hash().equals(root.hash());
    }

    @Override
    public int hashCode() {
        return root.hash().hashCode();
    }

    @Override
    public String toString() {
        return "ProllyMap(" + root.hash() + ", " + count() + " entries, depth " + depth()
                + (addressValues() ? ", address values)" : ")");
    }

    /**
     * Buffers puts and deletes, sorted, the last write to a key winning, and
     * applies them in one pass on {@link #commit()}. Copies what it is given.
     * Not thread-safe.
     */
    public final class Editor {
        private final TreeMap<byte[], byte[]> edits = new TreeMap<>(KEY_ORDER);

        private Editor() {
        }

        public Editor put(byte[] key, byte[] value) {
            checkKey(key);
            Objects.requireNonNull(value, "value");
            if (addressValues() && value.length != Hash.BYTE_LENGTH) {
                throw new IllegalArgumentException("an address-values map takes " + Hash.BYTE_LENGTH
                        + "-byte addresses as values, not " + value.length + " bytes");
            }
            edits.put(key.clone(), value.clone());
            return this;
        }

        public Editor delete(byte[] key) {
            checkKey(key);
            edits.put(key.clone(), null);
            return this;
        }

        /** The number of keys with a buffered edit. */
        public int size() {
            return edits.size();
        }

        /** The map this editor came from with the buffered edits applied. The editor keeps its edits. */
        public ProllyMap commit() throws IOException {
            return apply(edits);
        }
    }
}
