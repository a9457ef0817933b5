package dev.cairn.testdata;

import static dev.cairn.testdata.TestChunks.bytes;
import static dev.cairn.testdata.TestChunks.hashes;
import static dev.cairn.testdata.TestChunks.payloadGraph;
import static dev.cairn.testdata.TestChunks.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.cairn.chunkstore.Chunk;
import dev.cairn.chunkstore.ChunkStore;
import dev.cairn.chunkstore.GarbageCollectingChunkStore;
import dev.cairn.chunkstore.GcResult;
import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.MissingChunkException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour every {@link GarbageCollectingChunkStore} must show: a
 * collection keeps what the root and the uncommitted puts reach, removes the
 * rest, and never lets a commit publish a root whose chunks it removed. A
 * subclass supplies {@link #newStore()} and, if it can, {@link #reopen},
 * {@link #openSecondInstance} and {@link #footprint}; tests that need those
 * are skipped or do less when they return {@code null}.
 */
public abstract class GarbageCollectingChunkStoreContract {
    /** What a store's backing storage holds. */
    public record Footprint(int files, long bytes) {
    }

    private final List<ChunkStore> opened = new ArrayList<>();

    /** A fresh, empty store. The contract closes it after the test. */
    protected abstract GarbageCollectingChunkStore newStore() throws IOException;

    /** Closes {@code store} and opens it again, or returns {@code null} if it is not persistent. */
    protected GarbageCollectingChunkStore reopen(GarbageCollectingChunkStore store) throws IOException {
        return null;
    }

    /** Opens a second instance over the same storage, as another process would; {@code null} if impossible. */
    protected GarbageCollectingChunkStore openSecondInstance(GarbageCollectingChunkStore store) throws IOException {
        return null;
    }

    /** The files and bytes the store's storage holds, or {@code null} if it has none to count. */
    protected Footprint footprint(GarbageCollectingChunkStore store) throws IOException {
        return null;
    }

    @AfterEach
    void closeStores() throws IOException {
        for (ChunkStore s : opened) {
            s.close();
        }
        opened.clear();
    }

    private GarbageCollectingChunkStore store() throws IOException {
        return track(newStore());
    }

    private GarbageCollectingChunkStore reopened(GarbageCollectingChunkStore store) throws IOException {
        GarbageCollectingChunkStore s = reopen(store);
        return s == null ? null : track(s);
    }

    private GarbageCollectingChunkStore second(GarbageCollectingChunkStore store) throws IOException {
        GarbageCollectingChunkStore s = openSecondInstance(store);
        assumeThat(s).as("store can be shared by two instances").isNotNull();
        return track(s);
    }

    private <T extends ChunkStore> T track(T s) {
        opened.add(s);
        return s;
    }

    private interface StoreCheck {
        void check(ChunkStore store) throws IOException;
    }

    /** Runs {@code check} on {@code s}, then on it reopened if it can be; returns the reopened store or s. */
    private GarbageCollectingChunkStore checkNowAndReopened(GarbageCollectingChunkStore s, StoreCheck check)
            throws IOException {
        check.check(s);
        GarbageCollectingChunkStore r = reopened(s);
        if (r == null) {
            return s;
        }
        check.check(r);
        return r;
    }

    /**
     * Two commits sharing a subtree: root A reaches {shared, onlyA}, then root B
     * reaches {shared, onlyB}, so what only A reached is garbage.
     *
     * <pre>
     *   rootA -> sharedNode -> s1 s2 s3        rootB -> sharedNode
     *         -> aNode -> a1 a2                      -> bNode -> b1 s3
     * </pre>
     */
    private static final class History {
        final Chunk s1 = Chunk.leaf(bytes("s1"));
        final Chunk s2 = Chunk.leaf(bytes("s2"));
        final Chunk s3 = Chunk.leaf(bytes("s3"));
        final Chunk sharedNode = Chunk.create(hashes(List.of(s1, s2, s3)), bytes("shared"));
        final Chunk a1 = Chunk.leaf(randomBytes(30_000, 1));
        final Chunk a2 = Chunk.leaf(randomBytes(30_000, 2));
        final Chunk aNode = Chunk.create(hashes(List.of(a1, a2)), bytes("aNode"));
        final Chunk rootA = Chunk.create(hashes(List.of(sharedNode, aNode)), bytes("rootA"));
        final Chunk b1 = Chunk.leaf(bytes("b1"));
        final Chunk bNode = Chunk.create(hashes(List.of(b1, s3)), bytes("bNode"));
        final Chunk rootB = Chunk.create(hashes(List.of(sharedNode, bNode)), bytes("rootB"));

        final List<Chunk> reachableFromB = List.of(rootB, sharedNode, s1, s2, s3, bNode, b1);
        final List<Chunk> onlyA = List.of(rootA, aNode, a1, a2);
        final Map<String, List<String>> graphOfB = Map.of(
                "rootB", List.of("shared", "bNode"),
                "shared", List.of("s1", "s2", "s3"),
                "bNode", List.of("b1", "s3"),
                "s1", List.of(),
                "s2", List.of(),
                "s3", List.of(),
                "b1", List.of());

        /** Commits A, then B on top of it. */
        void commit(ChunkStore s) throws IOException {
            for (Chunk c : List.of(s1, s2, s3, sharedNode, a1, a2, aNode, rootA)) {
                s.put(c);
            }
            assertThat(s.commit(rootA.hash(), Hash.EMPTY)).isTrue();
            for (Chunk c : List.of(b1, bNode, rootB)) {
                s.put(c);
            }
            assertThat(s.commit(rootB.hash(), rootA.hash())).isTrue();
        }

        void assertCollected(ChunkStore s, String when) throws IOException {
            assertThat(s.root()).as(when).isEqualTo(rootB.hash());
            assertThat(payloadGraph(s, rootB.hash())).as(when).isEqualTo(graphOfB);
            assertAllReadable(s, reachableFromB, when);
            assertAllGone(s, onlyA, when);
        }
    }

    private static void assertAllReadable(ChunkStore s, List<Chunk> chunks, String when) throws IOException {
        for (Chunk c : chunks) {
            Chunk got = s.get(c.hash());
            assertThat(got).as("%s: chunk %s", when, c).isNotNull();
            assertThat(got.data()).as("%s: chunk %s", when, c).isEqualTo(c.data());
            assertThat(s.has(c.hash())).as("%s: has %s", when, c).isTrue();
        }
        assertThat(s.hasMany(hashes(chunks))).as(when).isEmpty();
    }

    private static void assertAllGone(ChunkStore s, List<Chunk> chunks, String when) throws IOException {
        for (Chunk c : chunks) {
            assertThat(s.has(c.hash())).as("%s: has %s", when, c).isFalse();
            assertThat(s.get(c.hash())).as("%s: get %s", when, c).isNull();
        }
        assertThat(s.hasMany(hashes(chunks))).as(when).containsExactlyInAnyOrderElementsOf(hashes(chunks));
    }

    // --- what is kept and what goes ---

    @Test
    void collectionKeepsWhatTheRootReachesAndRemovesTheRest() throws IOException {
        GarbageCollectingChunkStore s = store();
        History h = new History();
        h.commit(s);
        Footprint before = footprint(s);

        GcResult r = s.collectGarbage();

        assertThat(r.chunksKept()).isEqualTo(h.reachableFromB.size());
        assertThat(r.chunksDropped()).isEqualTo(h.onlyA.size());
        assertThat(r.bytesAfter()).isLessThan(r.bytesBefore());
        h.assertCollected(s, "after collection");
        Footprint after = footprint(s);
        if (before != null) {
            assertThat(after.bytes()).as("bytes stored").isLessThan(before.bytes());
            assertThat(after.files()).as("files stored").isLessThanOrEqualTo(before.files());
        }
        GarbageCollectingChunkStore r2 = reopened(s);
        if (r2 != null) {
            h.assertCollected(r2, "after reopening");
            assertThat(footprint(r2)).isEqualTo(after);
        }
    }

    @Test
    void collectingTwiceRemovesNothingTheSecondTime() throws IOException {
        GarbageCollectingChunkStore s = store();
        History h = new History();
        h.commit(s);
        s.collectGarbage();
        Footprint once = footprint(s);

        GcResult again = s.collectGarbage();

        assertThat(again.chunksKept()).isEqualTo(h.reachableFromB.size());
        assertThat(again.chunksDropped()).isZero();
        assertThat(footprint(s)).isEqualTo(once);
        h.assertCollected(s, "after the second collection");
    }

    @Test
    void collectingAnEmptyStoreChangesNothing() throws IOException {
        GarbageCollectingChunkStore s = store();
        assertThat(s.collectGarbage()).isEqualTo(GcResult.NOTHING);
        assertThat(s.root()).isEqualTo(Hash.EMPTY);
        Footprint empty = footprint(s);
        if (empty != null) {
            assertThat(empty.files()).isZero();
        }
        Chunk c = Chunk.leaf(bytes("first"));
        s.put(c);
        assertThat(s.commit(c.hash(), Hash.EMPTY)).isTrue();
        assertThat(s.get(c.hash())).isNotNull();
    }

    @Test
    void collectionWithAnEmptyRootRemovesEverythingCommitted() throws IOException {
        GarbageCollectingChunkStore s = store();
        History h = new History();
        h.commit(s);
        assertThat(s.commit(Hash.EMPTY, h.rootB.hash())).isTrue();

        GcResult r = s.collectGarbage();

        assertThat(r.chunksKept()).isZero();
        assertAllGone(s, h.reachableFromB, "after collection");
        assertAllGone(s, h.onlyA, "after collection");
        Footprint after = footprint(s);
        if (after != null) {
            assertThat(after.files()).isZero();
        }
    }

    // --- uncommitted puts ---

    @Test
    void uncommittedPutsAndWhatTheyReachSurviveCollection() throws IOException {
        GarbageCollectingChunkStore s = store();
        History h = new History();
        h.commit(s);
        // Not committed yet: a chunk relinking part of A, and one naming a child nobody has put yet.
        Chunk fresh = Chunk.leaf(bytes("fresh"));
        Chunk relink = Chunk.create(hashes(List.of(h.aNode, fresh)), bytes("relink"));
        Chunk notYet = Chunk.leaf(bytes("not yet put"));
        Chunk early = Chunk.create(List.of(notYet.hash()), bytes("early parent"));
        for (Chunk c : List.of(fresh, relink, early)) {
            s.put(c);
        }

        s.collectGarbage();

        assertAllReadable(s, List.of(fresh, relink, early, h.aNode, h.a1, h.a2), "uncommitted, after collection");
        assertAllGone(s, List.of(h.rootA), "after collection");
        s.put(notYet);
        Chunk rootC = Chunk.create(hashes(List.of(h.rootB, relink, early)), bytes("rootC"));
        s.put(rootC);
        assertThat(s.commit(rootC.hash(), h.rootB.hash())).isTrue();
        checkNowAndReopened(s, x -> {
            assertThat(x.root()).isEqualTo(rootC.hash());
            assertThat(payloadGraph(x, rootC.hash())).hasSize(h.reachableFromB.size() + 8);
            assertThat(x.has(h.rootA.hash())).isFalse();
        });
    }

    // --- a missing chunk ---

    @Test
    void missingChunkFailsCollectionAndChangesNothing() throws IOException {
        GarbageCollectingChunkStore s = store();
        History h = new History();
        h.commit(s);
        // Commit checks only that the root itself is there, so a damaged DAG can be committed.
        Chunk absent = Chunk.leaf(bytes("never stored"));
        Chunk damaged = Chunk.create(hashes(List.of(h.rootB, absent)), bytes("damaged"));
        s.put(damaged);
        assertThat(s.commit(damaged.hash(), h.rootB.hash())).isTrue();
        Footprint before = footprint(s);

        assertThatThrownBy(s::collectGarbage)
                .isInstanceOf(MissingChunkException.class)
                .hasMessageContaining(absent.hash().toString())
                .satisfies(e -> {
                    assertThat(((MissingChunkException) e).chunk()).isEqualTo(absent.hash());
                    assertThat(((MissingChunkException) e).referencedBy()).isEqualTo(damaged.hash());
                });

        GarbageCollectingChunkStore r = checkNowAndReopened(s, x -> {
            assertThat(x.root()).isEqualTo(damaged.hash());
            assertAllReadable(x, h.reachableFromB, "after the failed collection");
            assertAllReadable(x, h.onlyA, "garbage after the failed collection");
        });
        assertThat(footprint(r)).isEqualTo(before);
    }

    // --- commits after a collection ---

    @Test
    void commitLinkingToACollectedChunkFailsAndChangesNothing() throws IOException {
        GarbageCollectingChunkStore s = store();
        History h = new History();
        h.commit(s);
        s.collectGarbage();

        Chunk stale = Chunk.create(hashes(List.of(h.rootB, h.aNode)), bytes("links to collected aNode"));
        s.put(stale);
        assertThatThrownBy(() -> s.commit(stale.hash(), h.rootB.hash()))
                .isInstanceOf(MissingChunkException.class)
                .satisfies(e -> assertThat(((MissingChunkException) e).chunk()).isEqualTo(h.aNode.hash()));
        assertThat(s.root()).isEqualTo(h.rootB.hash());

        Chunk good = Chunk.create(List.of(h.rootB.hash()), bytes("links to what B reaches"));
        s.put(good);
        assertThat(s.commit(good.hash(), h.rootB.hash())).isTrue();
        GarbageCollectingChunkStore r = reopened(s);
        if (r != null) {
            assertThat(r.root()).isEqualTo(good.hash());
            assertThat(payloadGraph(r, good.hash())).hasSize(h.reachableFromB.size() + 1);
        }
    }

    @Test
    void otherInstanceCannotCommitALinkToAChunkCollectedUnderIt() throws IOException {
        GarbageCollectingChunkStore s = store();
        History h = new History();
        h.commit(s);
        GarbageCollectingChunkStore other = second(s);
        // Before the collection, the other writer relies on aNode being stored: its put finds it there.
        other.put(h.aNode);
        Chunk stale = Chunk.create(hashes(List.of(h.rootB, h.aNode)), bytes("other links to aNode"));
        other.put(stale);

        s.collectGarbage();

        assertThatThrownBy(() -> other.commit(stale.hash(), h.rootB.hash()))
                .isInstanceOf(MissingChunkException.class)
                .satisfies(e -> assertThat(((MissingChunkException) e).chunk()).isEqualTo(h.aNode.hash()));
        assertThat(other.root()).isEqualTo(h.rootB.hash());
        h.assertCollected(s, "after the refused commit");
    }

    @Test
    void otherInstanceKeepsItsUncommittedWorkAcrossACollection() throws IOException {
        GarbageCollectingChunkStore s = store();
        History h = new History();
        h.commit(s);
        GarbageCollectingChunkStore other = second(s);
        List<Chunk> work = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            work.add(Chunk.leaf(randomBytes(4096, 100 + i))); // enough to fill small in-memory tables
        }
        for (Chunk c : work) {
            other.put(c);
        }

        s.collectGarbage();

        Chunk rootC = Chunk.create(hashes(List.of(h.rootB, h.sharedNode)), bytes("rootC"));
        List<Hash> children = new ArrayList<>(hashes(work));
        children.add(h.rootB.hash());
        Chunk rootD = Chunk.create(children, bytes("rootD"));
        other.put(rootC);
        other.put(rootD);
        assertThat(other.commit(rootD.hash(), h.rootB.hash())).isTrue();
        assertAllReadable(other, work, "other's work after its commit");
        GarbageCollectingChunkStore r = reopened(other);
        if (r != null) {
            assertThat(payloadGraph(r, rootD.hash())).hasSize(h.reachableFromB.size() + work.size() + 1);
        }
    }

    @Test
    void otherInstanceStillReadsWhatTheRootReachesAfterCollection() throws IOException {
        GarbageCollectingChunkStore s = store();
        History h = new History();
        h.commit(s);
        GarbageCollectingChunkStore other = second(s);
        assertAllReadable(other, h.reachableFromB, "before collection");

        s.collectGarbage();

        assertAllReadable(other, h.reachableFromB, "after another instance collected");
        assertThat(payloadGraph(other, h.rootB.hash())).isEqualTo(h.graphOfB);
        Chunk next = Chunk.create(List.of(h.rootB.hash()), bytes("next"));
        other.put(next);
        assertThat(other.commit(next.hash(), h.rootB.hash())).isTrue();
        Chunk loser = Chunk.create(List.of(h.rootB.hash()), bytes("loser"));
        s.put(loser);
        assertThat(s.commit(loser.hash(), h.rootB.hash())).isFalse();
        assertThat(s.root()).isEqualTo(next.hash());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void collectionsRacingCommitsLoseNothingTheRootReaches() throws Exception {
        GarbageCollectingChunkStore s = store();
        raceCollectionsAndCommits(s, s);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void collectionsRacingAnotherInstancesCommitsLoseNothingTheRootReaches() throws Exception {
        GarbageCollectingChunkStore s = store();
        raceCollectionsAndCommits(s, second(s));
    }

    /**
     * Collects on {@code collector} every few milliseconds while {@code writer}
     * commits a chain, each link preceded by a detour commit that the link then
     * leaves behind. (Collections back to back with no pause at all would
     * starve the writer's compare-and-swap, as any writer that never pauses
     * would; that is not what this checks.)
     */
    private void raceCollectionsAndCommits(GarbageCollectingChunkStore collector, GarbageCollectingChunkStore writer)
            throws Exception {
        Chunk first = Chunk.leaf(bytes("commit 0"));
        writer.put(first);
        assertThat(writer.commit(first.hash(), Hash.EMPTY)).isTrue();
        List<Chunk> chain = new ArrayList<>(List.of(first));
        List<Chunk> detours = new ArrayList<>();
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger collections = new AtomicInteger();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> collecting = pool.submit(() -> {
                while (!done.get()) {
                    collector.collectGarbage();
                    collections.incrementAndGet();
                    Thread.sleep(2);
                }
                return null;
            });
            Hash root = first.hash();
            // At least 30 links, and on until a few collections have overlapped them.
            for (int i = 1; i <= 30 || (collections.get() < 5 && i <= 5000); i++) {
                Chunk detour = Chunk.create(List.of(root), randomBytes(2048, i));
                writer.put(detour);
                assertThat(writer.commit(detour.hash(), root)).as("detour %d", i).isTrue();
                Chunk leaf = Chunk.leaf(randomBytes(1024, 1000 + i));
                Chunk next = Chunk.create(List.of(root, leaf.hash()), bytes("commit " + i));
                writer.put(leaf);
                writer.put(next);
                assertThat(writer.commit(next.hash(), detour.hash())).as("commit %d", i).isTrue();
                chain.add(leaf);
                chain.add(next);
                detours.add(detour);
                root = next.hash();
            }
            done.set(true);
            collecting.get();
            assertThat(collections.get()).isGreaterThanOrEqualTo(5);
        } finally {
            done.set(true);
            pool.shutdownNow();
        }
        collector.collectGarbage();
        Hash last = chain.get(chain.size() - 1).hash();
        StoreCheck intact = x -> {
            assertThat(x.root()).isEqualTo(last);
            assertThat(payloadGraph(x, last)).hasSize(chain.size());
            assertAllReadable(x, chain, "the chain");
        };
        intact.check(writer);
        GarbageCollectingChunkStore r = checkNowAndReopened(collector, intact);
        assertAllGone(r, detours, "the detours");
    }
}
