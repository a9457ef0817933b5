package dev.cairn.chunkstore.prolly;

import static dev.cairn.chunkstore.prolly.TestEntries.key;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.chunkstore.MemoryChunkStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A map of a million ~100-byte entries: what one edit writes, what a diff
 * reads, and how fast lookups, scans and bulk builds are. Built once for the class.
 */
class ProllyLargeMapTest {
    private static final int ENTRIES = 1_000_000;
    private static final int VALUE_BYTES = 92;

    private static MemoryChunkStore store;
    private static ProllyMap big;

    /** Entry i: an even key, so odd keys are free for inserts, and a value derived from i. */
    private static byte[] value(long i, int salt) {
        byte[] v = new byte[VALUE_BYTES];
        SplittableRandom r = new SplittableRandom(i * 31 + salt);
        for (int j = 0; j < v.length; j += 8) {
            long x = r.nextLong();
            for (int b = 0; b < 8 && j + b < v.length; b++) {
                v[j + b] = (byte) (x >>> (8 * b));
            }
        }
        return v;
    }

    @BeforeAll
    static void buildMillionEntryMap() throws IOException {
        store = new MemoryChunkStore();
        ProllyMap.Entry[] entries = new ProllyMap.Entry[ENTRIES];
        for (int i = 0; i < ENTRIES; i++) {
            entries[i] = new ProllyMap.Entry(key(i * 2L), value(i, 0));
        }
        long t0 = System.nanoTime();
        big = ProllyMap.build(store, false, Arrays.asList(entries).iterator());
        long nanos = System.nanoTime() - t0;
        System.out.printf("prolly: bulk build of %,d entries of %d bytes (cold JIT): %.2f s (%,.0f entries/s), "
                + "depth %d%n", ENTRIES, 8 + VALUE_BYTES, nanos / 1e9, ENTRIES / (nanos / 1e9), big.depth());
        assertThat(big.count()).isEqualTo(ENTRIES);
    }

    /**
     * Overwriting a value with one of the same length never moves a boundary
     * (only keys are hashed), so it writes exactly one node per level. Edits
     * that change sizes can move a boundary in the node they land in, and the
     * new chunking may take a node or two to fall back into step, so for
     * them the bound holds on average and in nearly all cases, not always.
     */
    @Test
    void changingOneEntryWritesOneNodePerLevel() throws IOException {
        CountingChunkStore counting = new CountingChunkStore(store);
        ProllyMap m = ProllyMap.load(counting, big.root());
        int depth = m.depth();
        Random random = new Random(1);
        String[] names = {"same-length update", "resizing update", "insert", "delete"};
        int trials = 150;
        int[] worst = new int[names.length];
        long[] total = new long[names.length];
        int[] withinDepthPlusOne = new int[names.length];
        for (int t = 0; t < trials; t++) {
            long i = random.nextInt(ENTRIES);
            byte[] sameLength = value(i, 1 + t);
            for (int kind = 0; kind < names.length; kind++) {
                NavigableMap<byte[], byte[]> edit = TestEntries.sortedMap();
                switch (kind) {
                    case 0 -> edit.put(key(i * 2), sameLength);
                    case 1 -> edit.put(key(i * 2), Arrays.copyOf(sameLength, random.nextInt(2 * VALUE_BYTES)));
                    case 2 -> edit.put(key(i * 2 + 1), sameLength);
                    default -> edit.put(key(i * 2), null);
                }
                counting.reset();
                ProllyMap edited = m.apply(edit);
                int puts = (int) counting.puts.get();
                worst[kind] = Math.max(worst[kind], puts);
                total[kind] += puts;
                withinDepthPlusOne[kind] += puts <= depth + 1 ? 1 : 0;
                assertThat(edited.depth()).isEqualTo(depth);
                assertThat(edited.count()).isEqualTo(ENTRIES + (kind == 2 ? 1 : kind == 3 ? -1 : 0));
            }
        }
        for (int kind = 0; kind < names.length; kind++) {
            System.out.printf("prolly: %s on a depth-%d map of %,d: %.2f chunks written on average, %d at most, "
                    + "%d%% within depth + 1%n", names[kind], depth, ENTRIES, total[kind] / (double) trials,
                    worst[kind], 100 * withinDepthPlusOne[kind] / trials);
            assertThat(total[kind] / (double) trials).as(names[kind]).isLessThanOrEqualTo(depth + 1);
            assertThat(withinDepthPlusOne[kind]).as(names[kind]).isGreaterThanOrEqualTo(trials * 85 / 100);
        }
        assertThat(worst[0]).as(names[0]).isEqualTo(depth);
    }

    @Test
    void diffReadsOnlyThePathsToChangedEntries() throws IOException {
        Random random = new Random(2);
        for (int k : new int[] {1, 10, 100, 1_000}) {
            NavigableMap<byte[], byte[]> edits = TestEntries.sortedMap();
            while (edits.size() < k) {
                long i = random.nextInt(ENTRIES);
                switch (random.nextInt(3)) {
                    case 0 -> edits.put(key(i * 2), value(i, 7));
                    case 1 -> edits.put(key(i * 2 + 1), value(i, 8));
                    default -> edits.put(key(i * 2), null);
                }
            }
            ProllyMap changed = big.apply(edits);
            List<Diff> expected = new ArrayList<>();
            for (Map.Entry<byte[], byte[]> e : edits.entrySet()) {
                byte[] old = big.get(e.getKey());
                if (old == null) {
                    expected.add(Diff.added(e.getKey(), e.getValue()));
                } else if (e.getValue() == null) {
                    expected.add(Diff.removed(e.getKey(), old));
                } else {
                    expected.add(Diff.modified(e.getKey(), old, e.getValue()));
                }
            }

            CountingChunkStore counting = new CountingChunkStore(store);
            ProllyMap from = ProllyMap.load(counting, big.root());
            ProllyMap to = ProllyMap.load(counting, changed.root());
            counting.reset();
            List<Diff> forward = TestEntries.diff(from, to);
            long reads = counting.gets.get();
            int depth = Math.max(from.depth(), to.depth());
            System.out.printf("prolly: diff of %,d changes in a map of %,d (depth %d): %,d chunks read%n",
                    k, ENTRIES, depth, reads);
            assertThat(forward).isEqualTo(expected);
            assertThat(reads).as("chunks read to diff %d changes", k).isLessThanOrEqualTo(3L * k * (depth + 1));

            // Backwards is the mirror image, and stopping early stops reading.
            List<Diff> backward = TestEntries.diff(to, from);
            assertThat(backward).hasSameSizeAs(expected);
            assertThat(backward.get(0).key()).isEqualTo(expected.get(0).key());
            List<Diff> firstOnly = new ArrayList<>();
            to.diff(from, d -> firstOnly.add(d) && false);
            assertThat(firstOnly).containsExactly(expected.get(0));
        }
    }

    @Test
    void pointLookupsTakeMicroseconds() throws IOException {
        Random random = new Random(3);
        for (int i = 0; i < 50_000; i++) {
            big.get(key(random.nextInt(2 * ENTRIES)));
        }
        int lookups = 200_000;
        int found = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < lookups; i++) {
            if (big.get(key(random.nextInt(2 * ENTRIES))) != null) {
                found++;
            }
        }
        double micros = (System.nanoTime() - t0) / 1e3 / lookups;
        System.out.printf("prolly: random point lookup in a map of %,d: %.2f us%n", ENTRIES, micros);
        assertThat(found).isBetween(lookups / 2 - lookups / 50, lookups / 2 + lookups / 50);
        assertThat(micros).as("microseconds per lookup").isLessThan(200);
    }

    @Test
    void fullScanRunsAtMillionsOfEntriesPerSecond() throws IOException {
        double best = 0;
        for (int round = 0; round < 2; round++) {
            long t0 = System.nanoTime();
            ProllyIterator it = big.iterator();
            long n = 0;
            long checksum = 0;
            while (it.hasNext()) {
                ProllyMap.Entry e = it.next();
                checksum += e.value()[0];
                n++;
            }
            double rate = n / ((System.nanoTime() - t0) / 1e9);
            best = Math.max(best, rate);
            assertThat(n).isEqualTo(ENTRIES);
            assertThat(checksum).isNotZero();
        }
        System.out.printf("prolly: full scan of %,d entries: %,.0f entries/s%n", ENTRIES, best);
        assertThat(best).isGreaterThan(500_000);
    }
}
