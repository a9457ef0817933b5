package dev.cairn.testdata;

import static dev.cairn.testdata.TestChunks.bytes;
import static dev.cairn.testdata.TestChunks.hashes;
import static dev.cairn.testdata.TestChunks.payloadGraph;
import static dev.cairn.testdata.TestChunks.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.cairn.chunkstore.Chunk;
import dev.cairn.chunkstore.ChunkStore;
import dev.cairn.chunkstore.Hash;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour every {@link ChunkStore} must show. A subclass supplies
 * {@link #newStore()} and, if the store is persistent, {@link #reopen} and
 * {@link #openSecondInstance}; the tests that need those are skipped when
 * they return {@code null}.
 */
public abstract class ChunkStoreContract {
    private final List<ChunkStore> opened = new ArrayList<>();
    private int nextPayload;

    /** A fresh, empty store. The contract closes it after the test. */
    protected abstract ChunkStore newStore() throws IOException;

    /**
     * Closes {@code store} and opens a new instance over the same backing
     * storage, or returns {@code null} if the store is not persistent.
     */
    protected ChunkStore reopen(ChunkStore store) throws IOException {
        return null;
    }

    /**
     * Opens a second instance over the same backing storage while
     * {@code store} stays open, as a second process would; {@code null} if
     * the store cannot be shared.
     */
    protected ChunkStore openSecondInstance(ChunkStore store) throws IOException {
        return null;
    }

    @AfterEach
    void closeStores() throws IOException {
        for (ChunkStore s : opened) {
            s.close();
        }
        opened.clear();
    }

    private ChunkStore store() throws IOException {
        return track(newStore());
    }

    private ChunkStore reopened(ChunkStore store) throws IOException {
        ChunkStore s = reopen(store);
        assumeThat(s).as("store is persistent").isNotNull();
        return track(s);
    }

    private ChunkStore second(ChunkStore store) throws IOException {
        ChunkStore s = openSecondInstance(store);
        assumeThat(s).as("store can be shared by two instances").isNotNull();
        return track(s);
    }

    private ChunkStore track(ChunkStore s) {
        opened.add(s);
        return s;
    }

    /** A leaf chunk with a payload no other chunk in this test has. */
    private Chunk leaf() {
        return Chunk.leaf(bytes("chunk-" + getClass().getSimpleName() + "-" + nextPayload++));
    }

    private List<Chunk> leaves(int n) {
        List<Chunk> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(leaf());
        }
        return out;
    }

    private static void putAll(ChunkStore store, List<Chunk> chunks) throws IOException {
        for (Chunk c : chunks) {
            store.put(c);
        }
    }

    private static void assertReadable(ChunkStore store, Chunk c) throws IOException {
        Chunk got = store.get(c.hash());
        assertThat(got).as("chunk %s", c.hash()).isNotNull();
        assertThat(got.hash()).isEqualTo(c.hash());
        assertThat(got.data()).isEqualTo(c.data());
        assertThat(store.has(c.hash())).isTrue();
    }

    // --- reads of missing and freshly put chunks ---

    @Test
    void getOfMissingChunkReturnsNull() throws IOException {
        ChunkStore s = store();
        assertThat(s.get(leaf().hash())).isNull();
        assertThat(s.get(Hash.EMPTY)).isNull();
    }

    @Test
    void hasOfMissingChunkIsFalse() throws IOException {
        ChunkStore s = store();
        assertThat(s.has(leaf().hash())).isFalse();
    }

    @Test
    void putChunkIsReadableBeforeCommit() throws IOException {
        ChunkStore s = store();
        Chunk c = leaf();
        s.put(c);
        assertReadable(s, c);
        assertThat(s.get(c.hash()).payload()).isEqualTo(c.payload());
    }

    @Test
    void putOfSameChunkTwiceKeepsItReadable() throws IOException {
        ChunkStore s = store();
        Chunk c = leaf();
        s.put(c);
        s.put(c);
        assertReadable(s, c);
        assertThat(s.commit(c.hash(), Hash.EMPTY)).isTrue();
        s.put(c);
        assertReadable(s, c);
    }

    // --- hasMany / getMany ---

    @Test
    void hasManyReturnsExactlyTheAbsentSubset() throws IOException {
        ChunkStore s = store();
        List<Chunk> present = leaves(5);
        List<Chunk> absent = leaves(5);
        putAll(s, present);
        List<Hash> query = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            query.add(present.get(i).hash());
            query.add(absent.get(i).hash());
        }
        assertThat(s.hasMany(query)).containsExactlyInAnyOrderElementsOf(hashes(absent));
    }

    @Test
    void hasManyReturnsExactlyTheAbsentSubsetAfterCommit() throws IOException {
        ChunkStore s = store();
        List<Chunk> committed = leaves(5);
        List<Chunk> uncommitted = leaves(5);
        List<Chunk> absent = leaves(5);
        putAll(s, committed);
        assertThat(s.commit(committed.get(0).hash(), Hash.EMPTY)).isTrue();
        putAll(s, uncommitted);
        List<Hash> query = new ArrayList<>();
        query.addAll(hashes(absent));
        query.addAll(hashes(committed));
        query.addAll(hashes(uncommitted));
        assertThat(s.hasMany(query)).containsExactlyInAnyOrderElementsOf(hashes(absent));
    }

    @Test
    void hasManyWithDuplicatesInInputReturnsEachAbsentHashOnce() throws IOException {
        ChunkStore s = store();
        Chunk present = leaf();
        Chunk absent = leaf();
        s.put(present);
        List<Hash> query = List.of(absent.hash(), present.hash(), absent.hash(), present.hash(), absent.hash());
        assertThat(s.hasMany(query)).containsExactly(absent.hash());
    }

    @Test
    void hasManyOfEmptyInputReturnsEmptySet() throws IOException {
        ChunkStore s = store();
        assertThat(s.hasMany(List.of())).isEmpty();
        s.put(leaf());
        assertThat(s.hasMany(List.of())).isEmpty();
    }

    @Test
    void hasManyOfLargeBatchReturnsExactlyTheAbsentHalf() throws IOException {
        ChunkStore s = store();
        int n = 20_000;
        List<Chunk> all = leaves(n);
        Set<Hash> expectedAbsent = new HashSet<>();
        List<Hash> query = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Chunk c = all.get(i);
            query.add(c.hash());
            if (i % 2 == 0) {
                s.put(c);
            } else {
                expectedAbsent.add(c.hash());
            }
        }
        Collections.shuffle(query, new Random(7));
        assertThat(s.hasMany(query)).as("before commit").isEqualTo(expectedAbsent);
        assertThat(s.commit(all.get(0).hash(), Hash.EMPTY)).isTrue();
        assertThat(s.hasMany(query)).as("after commit").isEqualTo(expectedAbsent);
    }

    @Test
    void getManyCallsBackOnlyForPresentChunks() throws IOException {
        ChunkStore s = store();
        List<Chunk> committed = leaves(3);
        putAll(s, committed);
        assertThat(s.commit(committed.get(0).hash(), Hash.EMPTY)).isTrue();
        List<Chunk> uncommitted = leaves(3);
        putAll(s, uncommitted);
        List<Chunk> absent = leaves(3);
        List<Hash> query = new ArrayList<>();
        query.addAll(hashes(absent));
        query.addAll(hashes(committed));
        query.addAll(hashes(uncommitted));

        Map<Hash, byte[]> found = new LinkedHashMap<>();
        List<Hash> calls = Collections.synchronizedList(new ArrayList<>());
        s.getMany(query, c -> {
            calls.add(c.hash());
            found.put(c.hash(), c.data());
        });

        List<Chunk> present = new ArrayList<>(committed);
        present.addAll(uncommitted);
        assertThat(calls).containsExactlyInAnyOrderElementsOf(hashes(present));
        for (Chunk c : present) {
            assertThat(found.get(c.hash())).isEqualTo(c.data());
        }
    }

    @Test
    void getManyOfEmptyInputNeverCallsBack() throws IOException {
        ChunkStore s = store();
        s.put(leaf());
        List<Chunk> seen = new ArrayList<>();
        s.getMany(List.of(), seen::add);
        assertThat(seen).isEmpty();
    }

    // --- root and commit ---

    @Test
    void rootOfNewStoreIsEmptyHash() throws IOException {
        ChunkStore s = store();
        assertThat(s.root()).isEqualTo(Hash.EMPTY);
    }

    @Test
    void commitWithCurrentExpectedRootSucceedsAndMovesRoot() throws IOException {
        ChunkStore s = store();
        Chunk a = leaf();
        s.put(a);
        assertThat(s.commit(a.hash(), Hash.EMPTY)).isTrue();
        assertThat(s.root()).isEqualTo(a.hash());

        Chunk b = Chunk.create(List.of(a.hash()), bytes("b"));
        s.put(b);
        assertThat(s.commit(b.hash(), a.hash())).isTrue();
        assertThat(s.root()).isEqualTo(b.hash());
        assertReadable(s, a);
        assertReadable(s, b);
    }

    @Test
    void commitWithWrongExpectedRootReturnsFalseAndRootReportsWinner() throws IOException {
        ChunkStore s = store();
        Chunk winner = leaf();
        Chunk loser = leaf();
        s.put(winner);
        assertThat(s.commit(winner.hash(), Hash.EMPTY)).isTrue();

        s.put(loser);
        assertThat(s.commit(loser.hash(), Hash.EMPTY)).isFalse();
        assertThat(s.root()).isEqualTo(winner.hash());
        // The loser's chunks are still there to rebuild on top of the winner.
        assertReadable(s, loser);
        assertThat(s.commit(loser.hash(), s.root())).isTrue();
        assertThat(s.root()).isEqualTo(loser.hash());
    }

    @Test
    void commitOfRootChunkNotInStoreThrowsIllegalArgumentException() throws IOException {
        ChunkStore s = store();
        Chunk missing = leaf();
        assertThatThrownBy(() -> s.commit(missing.hash(), Hash.EMPTY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(s.root()).isEqualTo(Hash.EMPTY);

        Chunk present = leaf();
        s.put(present);
        assertThat(s.commit(present.hash(), Hash.EMPTY)).isTrue();
        assertThatThrownBy(() -> s.commit(missing.hash(), present.hash()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(s.root()).isEqualTo(present.hash());
    }

    @Test
    void commitLostToAnotherInstanceReturnsFalseAndRootReportsWinner() throws IOException {
        ChunkStore first = store();
        Chunk base = leaf();
        first.put(base);
        assertThat(first.commit(base.hash(), Hash.EMPTY)).isTrue();
        ChunkStore other = second(first);
        assertThat(other.root()).isEqualTo(base.hash());

        Chunk winner = Chunk.create(List.of(base.hash()), bytes("winner"));
        other.put(winner);
        assertThat(other.commit(winner.hash(), base.hash())).isTrue();

        Chunk loser = Chunk.create(List.of(base.hash()), bytes("loser"));
        first.put(loser);
        assertThat(first.commit(loser.hash(), base.hash())).isFalse();
        assertThat(first.root()).isEqualTo(winner.hash());
        assertReadable(first, winner);
        assertReadable(first, loser);

        Chunk merged = Chunk.create(List.of(winner.hash(), loser.hash()), bytes("merge"));
        first.put(merged);
        assertThat(first.commit(merged.hash(), first.root())).isTrue();
        assertThat(other.commit(winner.hash(), winner.hash())).isFalse();
        assertThat(other.root()).isEqualTo(merged.hash());
        assertReadable(other, merged);
        assertReadable(other, loser);
    }

    // --- persistence ---

    @Test
    void committedChunksAndRootSurviveReopen() throws IOException {
        ChunkStore s = store();
        List<Chunk> chunks = leaves(50);
        putAll(s, chunks);
        Chunk root = Chunk.create(hashes(chunks), bytes("root"));
        s.put(root);
        assertThat(s.commit(root.hash(), Hash.EMPTY)).isTrue();

        ChunkStore r = reopened(s);
        assertThat(r.root()).isEqualTo(root.hash());
        assertReadable(r, root);
        for (Chunk c : chunks) {
            assertReadable(r, c);
        }
    }

    @Test
    void uncommittedPutsDoNotSurviveReopen() throws IOException {
        ChunkStore s = store();
        Chunk committed = leaf();
        s.put(committed);
        assertThat(s.commit(committed.hash(), Hash.EMPTY)).isTrue();
        // Enough to fill small in-memory tables, so some may have been written out already.
        List<Chunk> uncommitted = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            uncommitted.add(Chunk.leaf(randomBytes(4096, i)));
        }
        putAll(s, uncommitted);

        ChunkStore r = reopened(s);
        assertThat(r.root()).isEqualTo(committed.hash());
        assertReadable(r, committed);
        assertThat(r.hasMany(hashes(uncommitted))).containsExactlyInAnyOrderElementsOf(hashes(uncommitted));
        for (Chunk c : uncommitted) {
            assertThat(r.get(c.hash())).isNull();
        }
    }

    @Test
    void rootLostInRaceIsNotPersisted() throws IOException {
        ChunkStore s = store();
        Chunk winner = leaf();
        s.put(winner);
        assertThat(s.commit(winner.hash(), Hash.EMPTY)).isTrue();
        Chunk loser = leaf();
        s.put(loser);
        assertThat(s.commit(loser.hash(), Hash.EMPTY)).isFalse();

        ChunkStore r = reopened(s);
        assertThat(r.root()).isEqualTo(winner.hash());
    }

    // --- the DAG ---

    @Test
    void childrenDeclaredInHeaderAreWalkableFromRoot() throws IOException {
        ChunkStore s = store();
        // A diamond with a shared leaf: root -> {left, right}, left -> {x, shared}, right -> {shared, y}.
        Chunk x = Chunk.leaf(bytes("x"));
        Chunk y = Chunk.leaf(bytes("y"));
        Chunk shared = Chunk.leaf(bytes("shared"));
        Chunk left = Chunk.create(List.of(x.hash(), shared.hash()), bytes("left"));
        Chunk right = Chunk.create(List.of(shared.hash(), y.hash()), bytes("right"));
        Chunk root = Chunk.create(List.of(left.hash(), right.hash()), bytes("root"));
        for (Chunk c : List.of(x, y, shared, left, right, root)) {
            s.put(c);
        }
        Map<String, List<String>> expected = Map.of(
                "root", List.of("left", "right"),
                "left", List.of("x", "shared"),
                "right", List.of("shared", "y"),
                "x", List.of(),
                "y", List.of(),
                "shared", List.of());

        assertThat(payloadGraph(s, root.hash())).as("before commit").isEqualTo(expected);
        assertThat(s.commit(root.hash(), Hash.EMPTY)).isTrue();
        assertThat(payloadGraph(s, s.root())).as("after commit").isEqualTo(expected);
        ChunkStore r = reopen(s);
        if (r != null) {
            track(r);
            assertThat(payloadGraph(r, r.root())).as("after reopen").isEqualTo(expected);
        }
    }

    // --- many commits, sizes ---

    @Test
    void manySmallCommitsStayReadable() throws IOException {
        ChunkStore s = store();
        List<Chunk> all = new ArrayList<>();
        Hash root = Hash.EMPTY;
        for (int i = 0; i < 40; i++) {
            List<Chunk> batch = leaves(3);
            putAll(s, batch);
            all.addAll(batch);
            List<Hash> children = new ArrayList<>(hashes(batch));
            if (!root.isEmpty()) {
                children.add(root);
            }
            Chunk commitChunk = Chunk.create(children, bytes("commit-" + i));
            s.put(commitChunk);
            all.add(commitChunk);
            assertThat(s.commit(commitChunk.hash(), root)).as("commit %d", i).isTrue();
            root = commitChunk.hash();
            assertThat(s.root()).isEqualTo(root);
            for (Chunk c : all) {
                assertReadable(s, c);
            }
        }
        assertThat(s.hasMany(hashes(all))).isEmpty();
        assertThat(payloadGraph(s, root)).hasSize(all.size());

        ChunkStore r = reopen(s);
        if (r != null) {
            track(r);
            assertThat(r.root()).isEqualTo(root);
            for (Chunk c : all) {
                assertReadable(r, c);
            }
            assertThat(payloadGraph(r, root)).hasSize(all.size());
        }
    }

    @Test
    void chunkWithEmptyPayloadRoundTrips() throws IOException {
        ChunkStore s = store();
        Chunk empty = Chunk.leaf(new byte[0]);
        s.put(empty);
        assertReadable(s, empty);
        assertThat(s.get(empty.hash()).payload()).isEmpty();
        assertThat(s.commit(empty.hash(), Hash.EMPTY)).isTrue();
        assertReadable(s, empty);
        ChunkStore r = reopen(s);
        if (r != null) {
            track(r);
            assertReadable(r, empty);
            assertThat(r.get(empty.hash()).payload()).isEmpty();
        }
    }

    @Test
    void chunkWithOneMebibytePayloadRoundTrips() throws IOException {
        ChunkStore s = store();
        Chunk random = Chunk.leaf(randomBytes(1 << 20, 42));
        Chunk zeros = Chunk.leaf(new byte[1 << 20]); // compresses well
        s.put(random);
        s.put(zeros);
        assertReadable(s, random);
        assertReadable(s, zeros);
        Chunk root = Chunk.create(List.of(random.hash(), zeros.hash()), new byte[0]);
        s.put(root);
        assertThat(s.commit(root.hash(), Hash.EMPTY)).isTrue();
        assertReadable(s, random);
        assertReadable(s, zeros);
        ChunkStore r = reopen(s);
        if (r != null) {
            track(r);
            assertReadable(r, random);
            assertReadable(r, zeros);
        }
    }

    // --- concurrency ---

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void twoThreadsRacingCommitOnSameExpectedRootHaveExactlyOneWinner() throws Exception {
        ChunkStore s = store();
        raceCommits(s, s);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void twoInstancesRacingCommitOnSameExpectedRootHaveExactlyOneWinner() throws Exception {
        ChunkStore first = store();
        raceCommits(first, second(first));
    }

    /** Twenty rounds of commit(a) on {@code sa} against commit(b) on {@code sb}, both expecting the same root. */
    private void raceCommits(ChunkStore sa, ChunkStore sb) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Hash expected = Hash.EMPTY;
            for (int round = 0; round < 20; round++) {
                Chunk a = leaf();
                Chunk b = leaf();
                sa.put(a);
                sb.put(b);
                CyclicBarrier start = new CyclicBarrier(2);
                Hash root = expected;
                Callable<Boolean> commitA = () -> {
                    start.await();
                    return sa.commit(a.hash(), root);
                };
                Callable<Boolean> commitB = () -> {
                    start.await();
                    return sb.commit(b.hash(), root);
                };
                Future<Boolean> fa = pool.submit(commitA);
                Future<Boolean> fb = pool.submit(commitB);
                boolean wonA = fa.get();
                boolean wonB = fb.get();
                assertThat(wonA ^ wonB).as("round %d: exactly one winner (a=%s, b=%s)", round, wonA, wonB).isTrue();
                expected = wonA ? a.hash() : b.hash();
                assertThat(sa.root()).as("round %d: root seen by a", round).isEqualTo(expected);
                assertThat(sb.root()).as("round %d: root seen by b", round).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void readsDuringConcurrentCommitsNeverMissAChunk() throws Exception {
        ChunkStore s = store();
        AtomicReference<Chunk> latest = new AtomicReference<>();
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<String> miss = new AtomicReference<>();
        Chunk first = leaf();
        s.put(first);
        latest.set(first);
        Thread reader = new Thread(() -> {
            try {
                while (!done.get() && miss.get() == null) {
                    Chunk c = latest.get();
                    if (s.get(c.hash()) == null) {
                        miss.set("get missed " + c.hash());
                    } else if (!s.has(c.hash())) {
                        miss.set("has missed " + c.hash());
                    } else if (!s.hasMany(List.of(c.hash())).isEmpty()) {
                        miss.set("hasMany missed " + c.hash());
                    }
                }
            } catch (IOException | RuntimeException e) {
                miss.set("reader failed: " + e);
            }
        }, "contract-reader");
        reader.start();
        try {
            Hash root = Hash.EMPTY;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            for (int i = 0; i < 2000 && System.nanoTime() < deadline && miss.get() == null; i++) {
                Chunk c = leaf();
                s.put(c);
                latest.set(c);
                assertThat(s.commit(c.hash(), root)).isTrue();
                root = c.hash();
            }
        } finally {
            done.set(true);
            reader.join();
        }
        assertThat(miss.get()).isNull();
    }

    // --- closing ---

    @Test
    void useAfterCloseThrowsIllegalStateException() throws IOException {
        ChunkStore s = store();
        Chunk c = leaf();
        s.put(c);
        assertThat(s.commit(c.hash(), Hash.EMPTY)).isTrue();
        s.close();
        Chunk other = leaf();
        List<Hash> query = List.of(c.hash(), other.hash());
        assertThatThrownBy(() -> s.get(c.hash())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> s.has(c.hash())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> s.hasMany(query)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> s.getMany(query, x -> { })).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> s.put(other)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(s::root).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> s.commit(c.hash(), c.hash())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closingTwiceIsHarmless() throws IOException {
        ChunkStore s = store();
        s.put(leaf());
        s.close();
        assertThatCode(s::close).doesNotThrowAnyException();
    }
}
