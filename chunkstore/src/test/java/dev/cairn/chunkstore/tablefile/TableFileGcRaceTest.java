package dev.cairn.chunkstore.tablefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.chunkstore.Chunk;
import dev.cairn.chunkstore.GcResult;
import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.blob.BlobInfo;
import dev.cairn.chunkstore.blob.MemoryBlobStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Garbage collection racing other writers on the same store, each race made
 * to happen at one chosen manifest read or write: a commit that lands while
 * the collection walks, a conjoin that deletes the files it is reading,
 * another collection that wins, and a writer that never stops. Afterwards the
 * store must open, everything its root reaches must read back, and no file
 * may be left that the manifest does not name.
 */
class TableFileGcRaceTest {
    /** Conjoin once more than four small files are live. */
    private static final TableFileChunkStore.Options SMALL =
            new TableFileChunkStore.Options(64L << 20, 4, 256L << 20, 16);

    private static Chunk leaf(String payload) {
        return Chunk.leaf(payload.getBytes(StandardCharsets.UTF_8));
    }

    private static Chunk node(String payload, Chunk... children) {
        List<Hash> hashes = new ArrayList<>();
        for (Chunk c : children) {
            hashes.add(c.hash());
        }
        return Chunk.create(hashes, payload.getBytes(StandardCharsets.UTF_8));
    }

    private static void commit(TableFileChunkStore s, Chunk root, Hash expected, Chunk... chunks) throws IOException {
        for (Chunk c : chunks) {
            s.put(c);
        }
        s.put(root);
        assertThat(s.commit(root.hash(), expected)).as("commit of %s", root).isTrue();
    }

    /** Reads the DAG under {@code root}, asserting every chunk is there; returns its addresses. */
    private static Set<Hash> reachable(TableFileChunkStore s, Hash root) throws IOException {
        Set<Hash> seen = new HashSet<>();
        Deque<Hash> todo = new ArrayDeque<>();
        if (!root.isEmpty()) {
            todo.add(root);
            seen.add(root);
        }
        while (!todo.isEmpty()) {
            Hash h = todo.poll();
            Chunk c = s.get(h);
            assertThat(c).as("chunk %s under root %s", h, root).isNotNull();
            for (Hash child : c.children()) {
                if (seen.add(child)) {
                    todo.add(child);
                }
            }
        }
        return seen;
    }

    /** Opens the store afresh and checks it: root, what it reaches, and no file the manifest does not name. */
    private static TableFileChunkStore assertIntact(MemoryBlobStore shared, Hash root, List<Chunk> reached,
            List<Chunk> gone) throws IOException {
        TableFileChunkStore s = TableFileChunkStore.open(shared, SMALL);
        try {
            assertThat(s.root()).isEqualTo(root);
            Set<Hash> all = reachable(s, root);
            for (Chunk c : reached) {
                assertThat(all).as("reachable from the root").contains(c.hash());
            }
            for (Chunk c : gone) {
                assertThat(s.has(c.hash())).as("collected %s", c).isFalse();
            }
            Set<String> named = s.manifest().tables().stream().map(TableFileSummary::name).collect(Collectors.toSet());
            assertThat(shared.list("").stream().map(BlobInfo::key)).as("files in the store")
                    .containsExactlyInAnyOrderElementsOf(named);
            return s;
        } catch (AssertionError | IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** rootA -> {shared, onlyA -> a1}; then rootB -> {shared, b1}: onlyA and a1 become garbage. */
    private static final class History {
        final Chunk shared = leaf("shared");
        final Chunk a1 = leaf("a1");
        final Chunk onlyA = node("onlyA", a1);
        final Chunk rootA = node("rootA", shared, onlyA);
        final Chunk b1 = leaf("b1");
        final Chunk rootB = node("rootB", shared, b1);

        void commit(TableFileChunkStore s) throws IOException {
            TableFileGcRaceTest.commit(s, rootA, Hash.EMPTY, shared, a1, onlyA);
            TableFileGcRaceTest.commit(s, rootB, rootA.hash(), b1);
        }
    }

    @Test
    void commitLandingMidCollectionIsKeptWithWhatItLinksBackTo() throws IOException {
        MemoryBlobStore shared = new MemoryBlobStore();
        InterposedBlobStore viaGc = new InterposedBlobStore(shared);
        History h = new History();
        Chunk rootC = node("rootC", h.rootB, h.onlyA); // relinks what only A reached
        try (TableFileChunkStore gc = TableFileChunkStore.open(viaGc, SMALL);
                TableFileChunkStore other = TableFileChunkStore.open(shared, SMALL)) {
            h.commit(gc);
            other.refresh();
            // Just before the collection swaps the manifest, the other writer commits rootC. The first
            // walk saw onlyA as garbage; the swap must fail, and the retry must copy onlyA and a1.
            viaGc.beforeWrite.arm(0, () -> commit(other, rootC, h.rootB.hash()));

            GcResult r = gc.collectGarbage();

            assertThat(gc.root()).isEqualTo(rootC.hash());
            assertThat(r.chunksKept()).isEqualTo(reachable(gc, rootC.hash()).size()).isEqualTo(6);
            assertThat(gc.has(h.rootA.hash())).isFalse();
            Chunk rootD = node("rootD", rootC);
            commit(other, rootD, rootC.hash());
        }
        try (TableFileChunkStore s = assertIntact(shared, node("rootD", rootC).hash(),
                List.of(rootC, h.onlyA, h.a1, h.rootB, h.shared, h.b1), List.of(h.rootA))) {
            assertThat(s.manifest().gcGeneration()).isNotEmpty();
        }
    }

    @Test
    void conjoinDeletingFilesUnderTheWalkIsSurvived() throws IOException {
        MemoryBlobStore shared = new MemoryBlobStore();
        InterposedBlobStore viaGc = new InterposedBlobStore(shared);
        List<Chunk> chain = new ArrayList<>();
        Hash[] root = {Hash.EMPTY};
        TableFileChunkStore.Options neverConjoins = new TableFileChunkStore.Options(64L << 20, 100, 256L << 20, 16);
        try (TableFileChunkStore gc = TableFileChunkStore.open(viaGc, neverConjoins);
                TableFileChunkStore other = TableFileChunkStore.open(shared, SMALL)) {
            for (int i = 0; i < SMALL.maxTables(); i++) {
                Chunk c = root[0].isEmpty() ? leaf("link 0") : Chunk.create(List.of(root[0]),
                        ("link " + i).getBytes(StandardCharsets.UTF_8));
                commit(gc, c, root[0]);
                chain.add(c);
                root[0] = c.hash();
            }
            Chunk garbage = leaf("garbage");
            commit(gc, garbage, root[0]);
            Chunk back = Chunk.create(List.of(root[0]), "back".getBytes(StandardCharsets.UTF_8));
            commit(gc, back, garbage.hash());
            chain.add(back);
            root[0] = back.hash();
            assertThat(gc.manifest().tables()).hasSize(SMALL.maxTables() + 2);
            other.refresh();
            // Once the collection has read the manifest, the other writer commits and conjoins the
            // files the collection is about to read away.
            viaGc.afterRead.arm(0, () -> {
                for (int i = 0; i < 2; i++) {
                    Chunk c = Chunk.create(List.of(root[0]), ("more " + i).getBytes(StandardCharsets.UTF_8));
                    commit(other, c, root[0]);
                    chain.add(c);
                    root[0] = c.hash();
                }
                int stillThere = 0;
                for (TableFileSummary t : gc.manifest().tables()) {
                    stillThere += shared.exists(t.name()) ? 1 : 0;
                }
                assertThat(stillThere).as("files the collection read about and the conjoin deleted")
                        .isLessThan(gc.manifest().tables().size());
            });

            gc.collectGarbage();

            assertThat(gc.root()).isEqualTo(root[0]);
            // A file conjoined while the collection ran is kept whole, garbage and all; the next one takes it.
            assertIntact(shared, root[0], chain, List.of()).close();
            gc.collectGarbage();
            assertThat(gc.has(garbage.hash())).isFalse();
            try (TableFileChunkStore s = assertIntact(shared, root[0], chain, List.of(garbage))) {
                assertThat(reachable(s, root[0])).hasSize(chain.size());
            }
        }
    }

    @Test
    void collectionLosingToAnotherCollectionChangesNothingAndFails() throws IOException {
        MemoryBlobStore shared = new MemoryBlobStore();
        InterposedBlobStore viaFirst = new InterposedBlobStore(shared);
        History h = new History();
        try (TableFileChunkStore first = TableFileChunkStore.open(viaFirst, SMALL);
                TableFileChunkStore second = TableFileChunkStore.open(shared, SMALL)) {
            h.commit(first);
            second.refresh();
            viaFirst.beforeWrite.arm(0, () -> second.collectGarbage());

            assertThatThrownBy(first::collectGarbage)
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("another garbage collection");

            // The first one's output is gone; the store is as the second one left it.
            assertIntact(shared, h.rootB.hash(), List.of(h.rootB, h.shared, h.b1), List.of(h.rootA, h.onlyA)).close();
            Chunk next = node("next", h.rootB);
            first.refresh();
            commit(first, next, h.rootB.hash());
        }
        assertIntact(shared, node("next", h.rootB).hash(), List.of(h.rootB), List.of()).close();
    }

    @Test
    void collectionThatKeepsLosingTheSwapGivesUpAndLeavesNoFiles() throws IOException {
        TableFileChunkStore.Options threeTries = new TableFileChunkStore.Options(64L << 20, 100, 256L << 20, 3);
        MemoryBlobStore shared = new MemoryBlobStore();
        InterposedBlobStore viaGc = new InterposedBlobStore(shared);
        History h = new History();
        Hash[] root = {Hash.EMPTY};
        int[] links = {0};
        try (TableFileChunkStore gc = TableFileChunkStore.open(viaGc, threeTries);
                TableFileChunkStore other = TableFileChunkStore.open(shared, threeTries)) {
            h.commit(gc);
            other.refresh();
            root[0] = h.rootB.hash();
            viaGc.beforeWrite.armEvery(() -> {
                Chunk c = Chunk.create(List.of(root[0]), ("link " + links[0]++).getBytes(StandardCharsets.UTF_8));
                commit(other, c, root[0]);
                root[0] = c.hash();
            });

            assertThatThrownBy(gc::collectGarbage).isInstanceOf(IOException.class).hasMessageContaining("gave up");

            viaGc.beforeWrite.disarm();
            assertThat(links[0]).isEqualTo(3);
            assertIntact(shared, root[0], List.of(h.rootB), List.of()).close();
            assertThat(gc.has(h.rootA.hash())).as("nothing was collected").isTrue();
            GcResult r = gc.collectGarbage();
            assertThat(r.chunksDropped()).isEqualTo(3);
        }
        assertIntact(shared, root[0], List.of(h.rootB, h.shared, h.b1), List.of(h.rootA, h.onlyA, h.a1)).close();
    }

    @Test
    void uncommittedFileIdenticalToACollectedOneIsNotCommittedDangling() throws Exception {
        TableFileChunkStore.Options tinyMemTables = new TableFileChunkStore.Options(16, 100, 256L << 20, 16);
        MemoryBlobStore shared = new MemoryBlobStore();
        Chunk x = leaf("x: written by two writers into identical files");
        try (TableFileChunkStore writer = TableFileChunkStore.open(shared, tinyMemTables);
                TableFileChunkStore main = TableFileChunkStore.open(shared, tinyMemTables)) {
            writer.put(x); // fills the memtable: written out in the background, not committed
            for (int i = 0; i < 500 && shared.list("").isEmpty(); i++) {
                Thread.sleep(10);
            }
            assertThat(shared.list("")).as("the writer's uncommitted file").hasSize(1);
            // The other writer commits the same chunk alone: the same file, by name and content.
            commit(main, x, Hash.EMPTY);
            assertThat(shared.list("")).hasSize(1);
            Chunk y = leaf("y");
            commit(main, y, x.hash());
            main.collectGarbage(); // deletes the file x was in, which is also the writer's

            writer.refresh();
            Chunk linksX = node("links x", y, x);
            writer.put(linksX);
            assertThatThrownBy(() -> writer.commit(linksX.hash(), y.hash()))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("was deleted by a garbage collection");
            assertThat(writer.root()).isEqualTo(y.hash());
        }
        try (TableFileChunkStore s = TableFileChunkStore.open(shared, tinyMemTables)) {
            assertThat(s.root()).isEqualTo(leaf("y").hash());
            assertThat(s.has(x.hash())).isFalse();
        }
    }
}
