package dev.cairn.chunkstore.prolly;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.MemoryChunkStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same entries give the same root hash however the map was made: bulk
 * built, inserted one by one in random order, in random batches, with extra
 * keys inserted and deleted again, or edited from an unrelated map.
 */
class ProllyCanonicalTest {

    /** How a test map's entries look; sizes chosen to hit every kind of boundary. */
    enum Profile {
        /** Many small rows: deep trees, boundaries from the key hash. */
        SMALL_ROWS(12_000, 4, 24, 0, 120, false),
        /** Values of several KiB: nodes often end early so as not to overflow the maximum. */
        BIG_ROWS(500, 8, 16, 2_000, 12_000, false),
        /** A few values larger than a node's maximum among small ones: single-entry nodes. */
        HUGE_VALUES(400, 8, 16, 0, 40_000, false),
        /** Address values: refs and tables. */
        ADDRESSES(8_000, 10, 40, 20, 20, true);

        final int entries;
        final int minKey;
        final int maxKey;
        final int minValue;
        final int maxValue;
        final boolean addressValues;

        Profile(int entries, int minKey, int maxKey, int minValue, int maxValue, boolean addressValues) {
            this.entries = entries;
            this.minKey = minKey;
            this.maxKey = maxKey;
            this.minValue = minValue;
            this.maxValue = maxValue;
            this.addressValues = addressValues;
        }

        NavigableMap<byte[], byte[]> entries(Random random, int n) {
            NavigableMap<byte[], byte[]> out = TestEntries.sortedMap();
            while (out.size() < n) {
                out.put(TestEntries.randomValue(random, minKey, maxKey), value(random));
            }
            return out;
        }

        byte[] value(Random random) {
            if (addressValues) {
                return TestEntries.randomAddress(random);
            }
            if (this == HUGE_VALUES && random.nextInt(20) != 0) {
                return TestEntries.randomValue(random, 0, 100);
            }
            return TestEntries.randomValue(random, minValue, maxValue);
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(Profile.values()).flatMap(p -> Stream.of(1L, 2L).map(seed -> Arguments.of(p, seed)));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void sameEntriesGiveTheSameRootHowEverTheyAreInserted(Profile profile, long seed) throws IOException {
        Random random = new Random(seed);
        MemoryChunkStore store = new MemoryChunkStore();
        NavigableMap<byte[], byte[]> target = profile.entries(random, profile.entries);
        ProllyMap built = TestEntries.build(store, profile.addressValues, target);
        Hash expected = built.root();
        assertThat(built.count()).isEqualTo(target.size());
        assertThat(built.depth()).as("the test needs a tree with internal levels").isGreaterThanOrEqualTo(2);

        List<Map.Entry<byte[], byte[]>> shuffled = new ArrayList<>(target.entrySet());
        Collections.shuffle(shuffled, random);

        // One entry per edit, in random order.
        ProllyMap oneByOne = ProllyMap.empty(store, profile.addressValues);
        for (Map.Entry<byte[], byte[]> e : shuffled) {
            oneByOne = oneByOne.editor().put(e.getKey(), e.getValue()).commit();
        }
        assertThat(oneByOne.root()).as("one by one").isEqualTo(expected);

        // Random batches.
        ProllyMap batched = ProllyMap.empty(store, profile.addressValues);
        Collections.shuffle(shuffled, random);
        for (int i = 0; i < shuffled.size(); ) {
            int n = 1 + random.nextInt(Math.max(1, shuffled.size() / 5));
            NavigableMap<byte[], byte[]> batch = TestEntries.sortedMap();
            for (Map.Entry<byte[], byte[]> e : shuffled.subList(i, Math.min(shuffled.size(), i + n))) {
                batch.put(e.getKey(), e.getValue());
            }
            batched = batched.apply(batch);
            i += n;
        }
        assertThat(batched.root()).as("random batches").isEqualTo(expected);

        // Extra keys and wrong values first, then their deletes and fixes, interleaved in batches.
        NavigableMap<byte[], byte[]> extras = profile.entries(random, profile.entries / 3);
        extras.keySet().removeAll(target.keySet());
        ProllyMap withExtras = TestEntries.build(store, profile.addressValues, extras);
        List<byte[]> targetKeys = new ArrayList<>(target.keySet());
        Collections.shuffle(targetKeys, random);
        for (byte[] k : targetKeys) {
            NavigableMap<byte[], byte[]> batch = TestEntries.sortedMap();
            batch.put(k, random.nextInt(4) == 0 ? profile.value(random) : target.get(k));
            withExtras = withExtras.apply(batch);
            if (random.nextInt(8) == 0) {
                break;
            }
        }
        NavigableMap<byte[], byte[]> rest = TestEntries.sortedMap();
        rest.putAll(target);
        List<byte[]> extraKeys = new ArrayList<>(extras.keySet());
        Collections.shuffle(extraKeys, random);
        while (!rest.isEmpty() || !extraKeys.isEmpty()) {
            NavigableMap<byte[], byte[]> batch = TestEntries.sortedMap();
            for (int i = random.nextInt(200); i >= 0 && !rest.isEmpty(); i--) {
                Map.Entry<byte[], byte[]> e = random.nextBoolean() ? rest.pollFirstEntry() : rest.pollLastEntry();
                batch.put(e.getKey(), e.getValue());
            }
            for (int i = random.nextInt(100); i >= 0 && !extraKeys.isEmpty(); i--) {
                batch.put(extraKeys.remove(extraKeys.size() - 1), null);
            }
            withExtras = withExtras.apply(batch);
        }
        assertThat(withExtras.root()).as("with extra keys deleted").isEqualTo(expected);

        // Everything deleted again gives the empty map.
        NavigableMap<byte[], byte[]> deleteAll = TestEntries.sortedMap();
        target.keySet().forEach(k -> deleteAll.put(k, null));
        assertThat(built.apply(deleteAll).root()).isEqualTo(ProllyMap.empty(store, profile.addressValues).root());
    }
}
