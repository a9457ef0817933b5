package dev.cairn.chunkstore.prolly;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.chunkstore.MemoryChunkStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random batches of puts and deletes, checked after every batch against a
 * {@link TreeMap}: lookups, count, positions, full iteration, ranges, the diff
 * against the previous version, and that the root equals a fresh bulk build.
 */
class ProllyRandomizedTest {
    private static final int BATCHES = 25;

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 50);
    }

    /**
     * Key {@code i} of the key space: its decimal digits, so "1" is a prefix of
     * "10" and "100", some with a long tail to vary key sizes.
     */
    private static byte[] key(int i) {
        String s = Integer.toString(i);
        if (i % 7 == 0) {
            s += "/" + "x".repeat(i % 61);
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void matchesATreeMapThroughRandomBatchedEdits(long seed) throws IOException {
        Random random = new Random(seed);
        MemoryChunkStore store = new MemoryChunkStore();
        boolean addressValues = seed % 5 == 0;
        int maxValue = switch ((int) (seed % 4)) {
            case 0 -> 16;
            case 1 -> 200;
            case 2 -> 600;
            default -> 3_000;
        };
        // Big enough for internal levels, small enough that 50 seeds stay quick.
        int keySpace = 200 + random.nextInt(maxValue > 1_000 ? 1_500 : 4_000);
        NavigableMap<byte[], byte[]> model = new TreeMap<>(ProllyMap.KEY_ORDER);
        ProllyMap map = ProllyMap.empty(store, addressValues);
        int maxDepth = 1;

        for (int b = 0; b < BATCHES; b++) {
            String at = "seed " + seed + ", batch " + b;
            NavigableMap<byte[], byte[]> before = new TreeMap<>(model);
            NavigableMap<byte[], byte[]> edits = TestEntries.sortedMap();
            int kind = random.nextInt(10);
            if (kind == 0 && !model.isEmpty()) {
                // Clear a key range: shrinks the tree, often by whole levels.
                List<byte[]> keys = new ArrayList<>(model.keySet());
                int from = random.nextInt(keys.size());
                int to = Math.min(keys.size(), from + random.nextInt(keys.size() + 1));
                keys.subList(from, to).forEach(k -> edits.put(k, null));
            } else {
                int n = kind <= 3 ? 1 + random.nextInt(3) : 1 + random.nextInt(keySpace / 4 + 1);
                for (int i = 0; i < n; i++) {
                    byte[] k = key(random.nextInt(keySpace));
                    if (random.nextInt(4) == 0) {
                        edits.put(k, null);
                    } else {
                        edits.put(k, addressValues ? TestEntries.randomAddress(random)
                                : random.nextInt(50) == 0 ? TestEntries.randomValue(random, 5_000, 20_000)
                                : TestEntries.randomValue(random, 0, maxValue));
                    }
                }
            }
            for (Map.Entry<byte[], byte[]> e : edits.entrySet()) {
                if (e.getValue() == null) {
                    model.remove(e.getKey());
                } else {
                    model.put(e.getKey(), e.getValue());
                }
            }
            ProllyMap previous = map;
            map = map.apply(edits);
            maxDepth = Math.max(maxDepth, map.depth());

            assertThat(map.count()).as(at).isEqualTo(model.size());
            assertThat(map.root()).as("%s: same root as a bulk build", at)
                    .isEqualTo(TestEntries.build(store, addressValues, model).root());
            assertThat(TestEntries.diff(previous, map)).as(at).isEqualTo(TestEntries.modelDiff(before, model));
            for (int i = 0; i < 50; i++) {
                byte[] k = key(random.nextInt(keySpace));
                assertThat(map.get(k)).as(at).isEqualTo(model.get(k));
            }
            if (b % 5 == 4 || b == BATCHES - 1) {
                assertThat(TestEntries.toList(map.iterator())).as(at).isEqualTo(TestEntries.toList(model));
            }
            byte[] lo = key(random.nextInt(keySpace));
            byte[] hi = key(random.nextInt(keySpace));
            assertThat(TestEntries.toList(map.range(lo, hi))).as("%s: range", at)
                    .isEqualTo(TestEntries.toList(ProllyMap.KEY_ORDER.compare(lo, hi) < 0
                            ? model.subMap(lo, true, hi, false) : new TreeMap<>()));
            if (!model.isEmpty()) {
                int pos = random.nextInt(model.size());
                ProllyMap.Entry e = map.entryAt(pos);
                assertThat(map.rank(e.key())).as(at).isEqualTo(pos);
                assertThat(model.headMap(e.key(), false)).as(at).hasSize(pos);
            }
        }
        // A new map of the last version, from the store, agrees too.
        ProllyMap loaded = ProllyMap.load(store, map.root());
        assertThat(loaded.addressValues()).isEqualTo(addressValues);
        assertThat(TestEntries.toList(loaded.iterator())).isEqualTo(TestEntries.toList(model));
        assertThat(maxDepth).as("seed %s reached a tree with internal levels", seed)
                .isGreaterThanOrEqualTo(keySpace > 1_500 && maxValue >= 200 ? 2 : 1);
    }
}
