package dev.cairn.chunkstore.prolly;

import static dev.cairn.chunkstore.prolly.TestEntries.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.chunkstore.Chunk;
import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.MemoryChunkStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ProllyMapTest {
    private final MemoryChunkStore store = new MemoryChunkStore();

    private static byte[] s(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void emptyMapHasAStoredRootAndNoEntries() throws IOException {
        ProllyMap empty = ProllyMap.empty(store, false);

        assertThat(store.has(empty.root())).isTrue();
        assertThat(empty.count()).isZero();
        assertThat(empty.isEmpty()).isTrue();
        assertThat(empty.depth()).isEqualTo(1);
        assertThat(empty.get(s("a"))).isNull();
        assertThat(empty.iterator().hasNext()).isFalse();
        assertThatThrownBy(() -> empty.iterator().next()).isInstanceOf(NoSuchElementException.class);
        assertThat(empty.rank(s("a"))).isZero();
        assertThat(ProllyMap.load(store, empty.root())).isEqualTo(empty);
        assertThat(ProllyMap.build(store, false, Collections.emptyIterator()).root()).isEqualTo(empty.root());
        assertThat(TestEntries.diff(empty, empty)).isEmpty();
        // The two modes are different maps even when empty.
        assertThat(ProllyMap.empty(store, true).root()).isNotEqualTo(empty.root());
    }

    @Test
    void putsGetsAndDeletesThroughTheEditor() throws IOException {
        ProllyMap m = ProllyMap.empty(store, false);
        ProllyMap.Editor ed = m.editor();
        ed.put(s("b"), s("2")).put(s("a"), s("1")).put(s("c"), s("3")).delete(s("b")).put(s("b"), s("22"));
        ed.delete(s("zzz"));
        assertThat(ed.size()).isEqualTo(4);
        ProllyMap m2 = ed.commit();

        assertThat(m.count()).as("the original is unchanged").isZero();
        assertThat(m2.count()).isEqualTo(3);
        assertThat(m2.get(s("b"))).isEqualTo(s("22"));
        assertThat(m2.containsKey(s("a"))).isTrue();
        assertThat(m2.containsKey(s("zzz"))).isFalse();
        assertThat(TestEntries.toList(m2.iterator())).containsExactly(
                new ProllyMap.Entry(s("a"), s("1")), new ProllyMap.Entry(s("b"), s("22")),
                new ProllyMap.Entry(s("c"), s("3")));

        ProllyMap m3 = m2.editor().delete(s("a")).delete(s("b")).delete(s("c")).commit();
        assertThat(m3.root()).isEqualTo(m.root());
    }

    @Test
    void editorCopiesWhatItIsGiven() throws IOException {
        byte[] k = s("key");
        byte[] v = s("value");
        ProllyMap.Editor ed = ProllyMap.empty(store, false).editor();
        ed.put(k, v);
        k[0] = 'X';
        v[0] = 'X';
        assertThat(ed.commit().get(s("key"))).isEqualTo(s("value"));
    }

    @Test
    void keysThatArePrefixesOfEachOtherSortUnsigned() throws IOException {
        byte[][] keys = {
            {}, {0}, {0, 0}, {0, 1}, {1}, {1, 0}, {1, 0, 0}, {(byte) 0x7f}, {(byte) 0x80}, {(byte) 0x80, 0},
            {(byte) 0xff}, {(byte) 0xff, (byte) 0xff},
        };
        List<byte[]> shuffled = new ArrayList<>(List.of(keys));
        Collections.shuffle(shuffled, new Random(7));
        ProllyMap.Editor ed = ProllyMap.empty(store, false).editor();
        for (byte[] k : shuffled) {
            ed.put(k, new byte[] {(byte) k.length});
        }
        ProllyMap m = ed.commit();

        List<ProllyMap.Entry> all = TestEntries.toList(m.iterator());
        assertThat(all).hasSize(keys.length);
        for (int i = 0; i < keys.length; i++) {
            assertThat(all.get(i).key()).isEqualTo(keys[i]);
            assertThat(m.get(keys[i])).isEqualTo(new byte[] {(byte) keys[i].length});
        }
        assertThat(m.get(new byte[] {0, 0, 0})).isNull();
        assertThat(TestEntries.toList(m.range(new byte[] {0}, new byte[] {1}))).extracting(ProllyMap.Entry::key)
                .containsExactly(new byte[] {0}, new byte[] {0, 0}, new byte[] {0, 1});
    }

    @Test
    void hugeValuesGetNodesOfTheirOwn() throws IOException {
        Random random = new Random(3);
        NavigableMap<byte[], byte[]> model = TestEntries.sortedMap();
        for (int i = 0; i < 300; i++) {
            int len = i % 10 == 0 ? 100_000 + random.nextInt(900_000) : random.nextInt(200);
            model.put(key(i), TestEntries.randomBytes(random, len));
        }
        ProllyMap m = TestEntries.build(store, false, model);

        assertThat(TestEntries.toList(m.iterator())).isEqualTo(TestEntries.toList(model));
        for (var e : model.entrySet()) {
            assertThat(m.get(e.getKey())).isEqualTo(e.getValue());
        }
        for (ProllyNode leaf : TestEntries.levels(store, m.root()).get(m.depth() - 1)) {
            if (leaf.data().length > NodeSplitter.MAX_NODE_BYTES + 16) {
                assertThat(leaf.size()).as("an oversized node holds one entry").isEqualTo(1);
            }
        }
        // Edited one at a time, the same entries give the same tree.
        ProllyMap edited = ProllyMap.empty(store, false);
        List<byte[]> keys = new ArrayList<>(model.keySet());
        Collections.shuffle(keys, random);
        for (byte[] k : keys) {
            edited = edited.editor().put(k, model.get(k)).commit();
        }
        assertThat(edited.root()).isEqualTo(m.root());
    }

    @Test
    void deletingAroundOneNodeLeavesThatNodeAsTheRoot() throws IOException {
        NavigableMap<byte[], byte[]> model = TestEntries.sortedMap();
        for (int i = 0; i < 30_000; i++) {
            model.put(key(i), new byte[30]);
        }
        ProllyMap m = TestEntries.build(store, false, model);
        List<ProllyNode> leaves = TestEntries.levels(store, m.root()).get(m.depth() - 1);
        ProllyNode keep = leaves.get(leaves.size() / 2);

        // Two separate deleted ranges, so the survivor is never re-chunked: the levels above must fold away.
        NavigableMap<byte[], byte[]> edits = TestEntries.sortedMap();
        model.headMap(keep.key(0), false).keySet().forEach(k -> edits.put(k, null));
        model.tailMap(keep.key(keep.size() - 1), false).keySet().forEach(k -> edits.put(k, null));
        ProllyMap shrunk = m.apply(edits);

        assertThat(shrunk.root()).isEqualTo(keep.hash());
        assertThat(shrunk.depth()).isEqualTo(1);
        assertThat(shrunk.count()).isEqualTo(keep.size());
    }

    @Test
    void keysUpToTheMaximumLengthStillMakeATreeThatTopsOut() throws IOException {
        Random random = new Random(13);
        NavigableMap<byte[], byte[]> model = TestEntries.sortedMap();
        while (model.size() < 600) {
            model.put(TestEntries.randomBytes(random, ProllyMap.MAX_KEY_BYTES - random.nextInt(3)), new byte[] {1});
        }
        ProllyMap m = TestEntries.build(store, false, model);
        List<List<ProllyNode>> levels = TestEntries.levels(store, m.root());
        for (int l = 0; l + 1 < levels.size(); l++) {
            // Each level above the leaves is at most half as wide as the one below it.
            assertThat(levels.get(l).size()).isLessThanOrEqualTo((levels.get(l + 1).size() + 1) / 2);
        }
        List<byte[]> keys = new ArrayList<>(model.keySet());
        Collections.shuffle(keys, random);
        ProllyMap edited = ProllyMap.empty(store, false);
        for (byte[] k : keys) {
            edited = edited.editor().put(k, model.get(k)).commit();
        }
        assertThat(edited.root()).isEqualTo(m.root());

        byte[] tooLong = new byte[ProllyMap.MAX_KEY_BYTES + 1];
        assertThatThrownBy(() -> m.editor().put(tooLong, new byte[1])).isInstanceOf(IllegalArgumentException.class);
        NavigableMap<byte[], byte[]> edits = TestEntries.sortedMap();
        edits.put(tooLong, null);
        assertThatThrownBy(() -> m.apply(edits)).isInstanceOf(IllegalArgumentException.class);
        List<ProllyMap.Entry> entries = List.of(new ProllyMap.Entry(tooLong, new byte[1]));
        assertThatThrownBy(() -> ProllyMap.build(store, false, entries.iterator()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void oneMapServesManyThreadsWhileItIsEdited() throws Exception {
        NavigableMap<byte[], byte[]> model = TestEntries.sortedMap();
        for (int i = 0; i < 40_000; i++) {
            model.put(key(i), key(-i));
        }
        ProllyMap m = TestEntries.build(store, false, model);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> readers = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                int seed = t;
                readers.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    int found = 0;
                    for (int i = 0; i < 20_000; i++) {
                        int k = random.nextInt(40_000);
                        assertThat(m.get(key(k))).isEqualTo(key(-k));
                        found++;
                    }
                    assertThat(TestEntries.toList(m.range(key(100), key(200)))).hasSize(100);
                    return found;
                }));
            }
            Future<ProllyMap> writer = pool.submit(() -> {
                ProllyMap edited = m;
                for (int i = 0; i < 500; i++) {
                    edited = edited.editor().put(key(i * 80L), new byte[] {1}).delete(key(i * 80L + 1)).commit();
                }
                return edited;
            });
            for (Future<Integer> r : readers) {
                assertThat(r.get()).isEqualTo(20_000);
            }
            ProllyMap edited = writer.get();
            assertThat(edited.count()).isEqualTo(40_000 - 500);
            assertThat(m.count()).isEqualTo(40_000);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rangesAndSeek() throws IOException {
        NavigableMap<byte[], byte[]> model = TestEntries.sortedMap();
        for (int i = 0; i < 20_000; i += 2) {
            model.put(key(i), key(i * 7));
        }
        ProllyMap m = TestEntries.build(store, false, model);
        assertThat(m.depth()).isGreaterThan(1);

        assertThat(TestEntries.toList(m.range(key(100), key(111)))).extracting(e -> e.key()[7])
                .containsExactly((byte) 100, (byte) 102, (byte) 104, (byte) 106, (byte) 108, (byte) 110);
        assertThat(TestEntries.toList(m.range(key(101), key(102)))).isEmpty();
        assertThat(TestEntries.toList(m.range(null, key(4)))).hasSize(2);
        assertThat(TestEntries.toList(m.range(key(19_990), null))).hasSize(5);
        assertThat(TestEntries.toList(m.range(key(30_000), null))).isEmpty();
        assertThat(TestEntries.toList(m.range(key(500), key(400)))).isEmpty();

        ProllyIterator it = m.range(key(1000), key(15_000));
        assertThat(it.next().key()).isEqualTo(key(1000));
        it.seek(key(9_001));
        assertThat(it.peekKey()).isEqualTo(key(9_002));
        assertThat(it.next().value()).isEqualTo(key(9_002 * 7));
        it.seek(key(0));
        assertThat(it.next().key()).as("seek stays inside the range").isEqualTo(key(1000));
        it.seek(key(14_998));
        assertThat(it.next().key()).isEqualTo(key(14_998));
        assertThat(it.hasNext()).isFalse();
    }

    @Test
    void positionsAreFoundByCount() throws IOException {
        NavigableMap<byte[], byte[]> model = TestEntries.sortedMap();
        for (int i = 0; i < 50_000; i++) {
            model.put(key(i * 3L), new byte[40]);
        }
        ProllyMap m = TestEntries.build(store, false, model);
        assertThat(m.count()).isEqualTo(50_000);
        for (int i : new int[] {0, 1, 777, 25_000, 49_999}) {
            assertThat(m.entryAt(i).key()).isEqualTo(key(i * 3L));
            assertThat(m.rank(key(i * 3L))).isEqualTo(i);
            assertThat(m.rank(key(i * 3L + 1))).isEqualTo(i + 1);
        }
        assertThat(m.rank(key(Long.MAX_VALUE))).isEqualTo(50_000);
        assertThatThrownBy(() -> m.entryAt(50_000)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void buildRejectsKeysOutOfOrder() {
        List<ProllyMap.Entry> unsorted = List.of(new ProllyMap.Entry(s("b"), s("1")),
                new ProllyMap.Entry(s("a"), s("2")));
        List<ProllyMap.Entry> duplicate = List.of(new ProllyMap.Entry(s("a"), s("1")),
                new ProllyMap.Entry(s("a"), s("2")));
        assertThatThrownBy(() -> ProllyMap.build(store, false, unsorted.iterator()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProllyMap.build(store, false, duplicate.iterator()))
                .isInstanceOf(IllegalArgumentException.class);
        // Signed byte order would put 0x80 first; ours does not.
        List<ProllyMap.Entry> signed = List.of(new ProllyMap.Entry(new byte[] {(byte) 0x80}, s("1")),
                new ProllyMap.Entry(new byte[] {1}, s("2")));
        assertThatThrownBy(() -> ProllyMap.build(store, false, signed.iterator()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void applyRejectsEditsInAnotherOrder() {
        NavigableMap<byte[], byte[]> reversed = new TreeMap<>(ProllyMap.KEY_ORDER.reversed());
        reversed.put(s("a"), s("1"));
        reversed.put(s("b"), s("2"));
        assertThatThrownBy(() -> ProllyMap.empty(store, false).apply(reversed))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void addressValuesModeListsValuesAsChunkChildren() throws IOException {
        Random random = new Random(11);
        NavigableMap<byte[], byte[]> model = TestEntries.sortedMap();
        List<Hash> targets = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            Chunk target = Chunk.leaf(TestEntries.randomBytes(random, 50));
            store.put(target);
            targets.add(target.hash());
            model.put(s("refs/heads/branch-" + i), target.hash().toBytes());
        }
        ProllyMap m = TestEntries.build(store, true, model);
        assertThat(m.addressValues()).isTrue();
        assertThat(m.depth()).isGreaterThan(1);

        ProllyMap loaded = ProllyMap.load(store, m.root());
        assertThat(loaded.addressValues()).as("the mode is read from the root node").isTrue();
        assertThat(loaded.get(s("refs/heads/branch-7"))).isEqualTo(targets.get(7).toBytes());

        // A walk that knows nothing of prolly trees reaches every value through chunk headers.
        List<Hash> reached = new ArrayList<>();
        List<Hash> frontier = List.of(m.root());
        while (!frontier.isEmpty()) {
            List<Hash> next = new ArrayList<>();
            for (Hash h : frontier) {
                reached.add(h);
                next.addAll(store.get(h).children());
            }
            frontier = next;
        }
        assertThat(reached).containsAll(targets);

        for (ProllyNode leaf : TestEntries.levels(store, m.root()).get(m.depth() - 1)) {
            List<Hash> children = store.get(leaf.hash()).children();
            assertThat(children).hasSize(leaf.size());
            for (int i = 0; i < leaf.size(); i++) {
                assertThat(children.get(i).toBytes()).isEqualTo(leaf.value(i));
            }
        }

        // Edits keep the mode and the children.
        Chunk extra = Chunk.leaf(s("extra"));
        ProllyMap edited = loaded.editor().put(s("refs/tags/v1"), extra.hash().toBytes()).commit();
        assertThat(edited.addressValues()).isTrue();
        assertThat(store.get(edited.root()).children()).isNotEmpty();
        boolean found = false;
        for (ProllyNode leaf : TestEntries.levels(store, edited.root()).get(edited.depth() - 1)) {
            found |= store.get(leaf.hash()).children().contains(extra.hash());
        }
        assertThat(found).isTrue();
    }

    @Test
    void addressValuesModeTakesOnlyAddresses() {
        ProllyMap m = ProllyMap.empty(store, true);
        assertThatThrownBy(() -> m.editor().put(s("k"), s("not an address")))
                .isInstanceOf(IllegalArgumentException.class);
        NavigableMap<byte[], byte[]> edits = TestEntries.sortedMap();
        edits.put(s("k"), new byte[19]);
        assertThatThrownBy(() -> m.apply(edits)).isInstanceOf(IllegalArgumentException.class);
        List<ProllyMap.Entry> entries = List.of(new ProllyMap.Entry(s("k"), new byte[21]));
        assertThatThrownBy(() -> ProllyMap.build(store, true, entries.iterator()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void loadingSomethingElseFailsWithTheAddress() throws IOException {
        Chunk notANode = Chunk.leaf(s("hello"));
        store.put(notANode);
        assertThatThrownBy(() -> ProllyMap.load(store, notANode.hash()))
                .isInstanceOfSatisfying(CorruptNodeException.class, e -> assertThat(e.node()).isEqualTo(notANode.hash()));
        Hash absent = Hash.of(s("absent"));
        assertThatThrownBy(() -> ProllyMap.load(store, absent))
                .isInstanceOfSatisfying(MissingNodeException.class, e -> assertThat(e.node()).isEqualTo(absent));
    }
}
