package dev.cairn.chunkstore.tablefile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.chunkstore.Chunk;
import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.blob.MemoryBlobStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Conjoining deletes table files that other writers on the same store may
 * just have read about in the manifest. These tests stop one writer at a
 * chosen manifest read or write, let another commit and conjoin, and check
 * that the first still gets the right answer and leaves a store that opens:
 * a lost race is {@code false}, a won race is {@code true}, and no manifest
 * ever names a deleted file.
 */
class ConjoinRaceTest {
    /** Conjoin once more than four small files are live. */
    private static final TableFileChunkStore.Options SMALL =
            new TableFileChunkStore.Options(64L << 20, 4, 256L << 20, 16);

    private static Chunk commitChunk(Hash parent, int i) {
        return Chunk.create(parent.isEmpty() ? List.of() : List.of(parent),
                ("commit " + i).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void loserOfAConjoinRaceKeepsTheWinnersFile() throws IOException {
        MemoryBlobStore shared = new MemoryBlobStore();
        InterposedBlobStore viaA = new InterposedBlobStore(shared);
        List<Chunk> chain = new ArrayList<>();
        try (TableFileChunkStore a = TableFileChunkStore.open(viaA, SMALL);
                TableFileChunkStore b = TableFileChunkStore.open(new InterposedBlobStore(shared), SMALL)) {
            Hash root = commitRun(a, Hash.EMPTY, 0, SMALL.maxTables(), chain);
            assertThat(a.manifest().tables()).hasSize(SMALL.maxTables());

            // A's next commit pushes it over the limit; just before A swaps its conjoined file in,
            // B catches up, commits without new chunks, and conjoins the same files first. Table
            // names come from content, so both conjoined files have the same name.
            Chunk last = commitChunk(root, SMALL.maxTables());
            viaA.beforeWrite.arm(1, () -> {
                b.refresh();
                assertThat(b.commit(last.hash(), last.hash())).isTrue();
                assertThat(b.manifest().tables()).hasSizeLessThan(SMALL.maxTables());
            });
            a.put(last);
            assertThat(a.commit(last.hash(), root)).isTrue();
            chain.add(last);
        }

        assertStoreIntact(shared, chain.get(chain.size() - 1).hash(), chain);
    }

    /** Commits chunks "name i" for i in [from, to) on top of the store's root, one table file each. */
    private static Hash commitRun(TableFileChunkStore s, Hash root, int from, int to, List<Chunk> chain)
            throws IOException {
        for (int i = from; i < to; i++) {
            Chunk c = commitChunk(root, i);
            s.put(c);
            assertThat(s.commit(c.hash(), root)).isTrue();
            chain.add(c);
            root = c.hash();
        }
        return root;
    }

    private static void assertStoreIntact(MemoryBlobStore shared, Hash root, List<Chunk> chunks) throws IOException {
        try (TableFileChunkStore reopened = TableFileChunkStore.open(shared, SMALL)) {
            assertThat(reopened.root()).isEqualTo(root);
            for (TableFileSummary t : reopened.manifest().tables()) {
                assertThat(shared.exists(t.name())).as("table %s named by the manifest", t.name()).isTrue();
            }
            for (Chunk c : chunks) {
                assertThat(reopened.get(c.hash())).as("chunk %s", c).isNotNull();
            }
        }
    }

    @Test
    void lostRaceWhileTheWinnerConjoinsReturnsFalse() throws IOException {
        MemoryBlobStore shared = new MemoryBlobStore();
        InterposedBlobStore viaB = new InterposedBlobStore(shared);
        List<Chunk> chain = new ArrayList<>();
        try (TableFileChunkStore a = TableFileChunkStore.open(shared, SMALL);
                TableFileChunkStore b = TableFileChunkStore.open(viaB, SMALL)) {
            Hash root = commitRun(a, Hash.EMPTY, 0, SMALL.maxTables(), chain);
            // B reads a manifest naming files it has never opened; before it opens them, A's next
            // commit conjoins them away.
            Hash[] aRoot = {root};
            viaB.afterRead.arm(0, () -> aRoot[0] = commitRun(a, aRoot[0], SMALL.maxTables(),
                    SMALL.maxTables() + 1, chain));
            Chunk mine = Chunk.leaf("b's commit".getBytes(StandardCharsets.UTF_8));
            b.put(mine);
            assertThat(b.commit(mine.hash(), Hash.EMPTY)).isFalse();
            assertThat(b.root()).isEqualTo(aRoot[0]);
            for (Chunk c : chain) {
                assertThat(b.get(c.hash())).as("chunk %s", c).isNotNull();
            }
            // B rebuilds on the winner and wins.
            Chunk retry = Chunk.create(List.of(aRoot[0]), "b's commit".getBytes(StandardCharsets.UTF_8));
            b.put(retry);
            assertThat(b.commit(retry.hash(), aRoot[0])).isTrue();
            chain.add(retry);
            chain.add(mine);
            assertStoreIntact(shared, retry.hash(), chain);
        }
    }

    @Test
    void wonRaceWhileAnotherWriterConjoinsReturnsTrue() throws IOException {
        MemoryBlobStore shared = new MemoryBlobStore();
        InterposedBlobStore viaB = new InterposedBlobStore(shared);
        List<Chunk> chain = new ArrayList<>();
        try (TableFileChunkStore a = TableFileChunkStore.open(shared, SMALL);
                TableFileChunkStore b = TableFileChunkStore.open(viaB, SMALL)) {
            Hash root = commitRun(a, Hash.EMPTY, 0, SMALL.maxTables() - 1, chain);
            // B commits on top of A's root (learnt elsewhere) without having opened A's files; just
            // after B's swap, A commits twice more and conjoins B's file and A's older ones away.
            Chunk mine = Chunk.create(List.of(root), "b's commit".getBytes(StandardCharsets.UTF_8));
            viaB.afterWrite.arm(0, () -> {
                a.refresh();
                commitRun(a, mine.hash(), 100, 102, chain);
                assertThat(a.manifest().tables()).hasSizeLessThan(SMALL.maxTables());
            });
            b.put(mine);
            assertThat(b.commit(mine.hash(), root)).isTrue();
            chain.add(mine);
            for (Chunk c : chain) {
                assertThat(b.get(c.hash())).as("chunk %s", c).isNotNull();
            }
            // B's next commit must not name its old file again: the conjoin deleted it.
            b.refresh();
            Chunk next = Chunk.create(List.of(b.root()), "b again".getBytes(StandardCharsets.UTF_8));
            b.put(next);
            assertThat(b.commit(next.hash(), b.root())).isTrue();
            chain.add(next);
            for (TableFileSummary t : b.manifest().tables()) {
                assertThat(shared.exists(t.name())).as("table %s named by the manifest", t.name()).isTrue();
            }
            assertStoreIntact(shared, next.hash(), chain);
        }
    }
}
