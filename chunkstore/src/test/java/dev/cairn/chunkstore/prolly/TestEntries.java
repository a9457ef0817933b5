package dev.cairn.chunkstore.prolly;

import dev.cairn.chunkstore.ChunkStore;
import dev.cairn.chunkstore.Hash;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;

/** Entry generators and whole-map helpers shared by the prolly tests. */
final class TestEntries {
    private TestEntries() {
    }

    /** An 8-byte big-endian key, so numeric order is key order. */
    static byte[] key(long i) {
        return ByteBuffer.allocate(8).putLong(i).array();
    }

    static byte[] randomBytes(Random random, int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }

    /** A value of a random length in [min, max]. */
    static byte[] randomValue(Random random, int min, int max) {
        return randomBytes(random, min + random.nextInt(max - min + 1));
    }

    static NavigableMap<byte[], byte[]> sortedMap() {
        return new TreeMap<>(ProllyMap.KEY_ORDER);
    }

    static ProllyMap build(ChunkStore store, boolean addressValues, NavigableMap<byte[], byte[]> entries)
            throws IOException {
        Iterator<Map.Entry<byte[], byte[]>> it = entries.entrySet().iterator();
        return ProllyMap.build(store, addressValues, new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public ProllyMap.Entry next() {
                Map.Entry<byte[], byte[]> e = it.next();
                return new ProllyMap.Entry(e.getKey(), e.getValue());
            }
        });
    }

    static List<ProllyMap.Entry> toList(ProllyIterator it) throws IOException {
        List<ProllyMap.Entry> out = new ArrayList<>();
        while (it.hasNext()) {
            out.add(it.next());
        }
        return out;
    }

    static List<ProllyMap.Entry> toList(Map<byte[], byte[]> model) {
        List<ProllyMap.Entry> out = new ArrayList<>();
        model.forEach((k, v) -> out.add(new ProllyMap.Entry(k, v)));
        return out;
    }

    /** The differences from {@code from} to {@code to} computed the slow way, for comparison. */
    static List<Diff> modelDiff(NavigableMap<byte[], byte[]> from, NavigableMap<byte[], byte[]> to) {
        NavigableMap<byte[], Boolean> keys = new TreeMap<>(ProllyMap.KEY_ORDER);
        from.keySet().forEach(k -> keys.put(k, true));
        to.keySet().forEach(k -> keys.put(k, true));
        List<Diff> out = new ArrayList<>();
        for (byte[] k : keys.keySet()) {
            byte[] a = from.get(k);
            byte[] b = to.get(k);
            if (a == null) {
                out.add(Diff.added(k, b));
            } else if (b == null) {
                out.add(Diff.removed(k, a));
            } else if (!java.util.Arrays.equals(a, b)) {
                out.add(Diff.modified(k, a, b));
            }
        }
        return out;
    }

    static List<Diff> diff(ProllyMap from, ProllyMap to) throws IOException {
        List<Diff> out = new ArrayList<>();
        to.diff(from, d -> out.add(d));
        return out;
    }

    /** Every node of the tree, level by level from the root, each level in key order. */
    static List<List<ProllyNode>> levels(ChunkStore store, Hash root) throws IOException {
        List<List<ProllyNode>> out = new ArrayList<>();
        List<ProllyNode> level = List.of(ProllyNodeCodec.decode(store.get(root)));
        while (true) {
            out.add(level);
            if (level.get(0).isLeaf()) {
                return out;
            }
            List<ProllyNode> below = new ArrayList<>();
            for (ProllyNode node : level) {
                for (int i = 0; i < node.size(); i++) {
                    below.add(ProllyNodeCodec.decode(store.get(node.child(i))));
                }
            }
            level = below;
        }
    }

    /** A random 20-byte address. */
    static byte[] randomAddress(Random random) {
        return Hash.of(randomBytes(random, 16)).toBytes();
    }
}
