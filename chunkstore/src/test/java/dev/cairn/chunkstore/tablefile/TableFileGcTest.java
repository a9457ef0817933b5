package dev.cairn.chunkstore.tablefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.chunkstore.Chunk;
import dev.cairn.chunkstore.CorruptChunkException;
import dev.cairn.chunkstore.GcResult;
import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.MissingTableFileException;
import dev.cairn.chunkstore.blob.BlobInfo;
import dev.cairn.chunkstore.blob.BlobSource;
import dev.cairn.chunkstore.blob.ByteRange;
import dev.cairn.chunkstore.blob.MemoryBlobStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What garbage collection does to table files, beyond the contract every collecting store meets. */
class TableFileGcTest {
    private static final TableFileChunkStore.Options SMALL =
            new TableFileChunkStore.Options(64 << 10, 100, 256L << 20, 16);

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static Set<String> files(MemoryBlobStore blobs) throws IOException {
        return blobs.list("").stream().map(BlobInfo::key).collect(Collectors.toSet());
    }

    private static Set<String> named(TableFileChunkStore s) {
        return s.manifest().tables().stream().map(TableFileSummary::name).collect(Collectors.toSet());
    }

    /** Commits {@code n} random leaves of {@code size} bytes under one root, then a root leaving them behind. */
    private static Chunk commitWithGarbage(TableFileChunkStore s, int n, int size) throws IOException {
        List<Hash> leaves = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Chunk c = Chunk.leaf(random(size, i));
            s.put(c);
            leaves.add(c.hash());
        }
        Chunk kept = Chunk.create(leaves, "kept".getBytes(StandardCharsets.UTF_8));
        s.put(kept);
        Chunk garbage = Chunk.leaf(random(size, -1));
        s.put(garbage);
        assertThat(s.commit(garbage.hash(), Hash.EMPTY)).isTrue();
        assertThat(s.commit(kept.hash(), garbage.hash())).isTrue();
        return kept;
    }

    @Test
    void outputIsSplitIntoFilesOfAboutTheMemtableSizeThatConjoinLeavesAlone() throws IOException {
        MemoryBlobStore blobs = new MemoryBlobStore();
        try (TableFileChunkStore s = TableFileChunkStore.open(blobs, SMALL)) {
            Chunk kept = commitWithGarbage(s, 100, 10_000); // about 1 MB reachable
            GcResult r = s.collectGarbage();

            assertThat(r.filesWritten()).isEqualTo(s.manifest().tables().size()).isBetween(10, 20);
            List<TableFileSummary> tables = s.manifest().tables();
            for (TableFileSummary t : tables.subList(0, tables.size() - 1)) {
                assertThat(t.uncompressedSize()).as("a full file")
                        .isBetween(SMALL.memTableBytes(), SMALL.memTableBytes() + 10_100);
            }
            assertThat(r.chunksKept()).isEqualTo(101);
            assertThat(r.filesRemoved()).isPositive();
            assertThat(files(blobs)).isEqualTo(named(s));
            // Only the last, partly filled file is small enough to conjoin.
            assertThat(Conjoiner.conjoin(blobs, List.of(), SMALL)).isEmpty();
            for (Hash h : s.get(kept.hash()).children()) {
                assertThat(s.get(h)).isNotNull();
            }
        }
    }

    @Test
    void recordsAreCopiedAsStoredNotRecompressed() throws IOException {
        MemoryBlobStore blobs = new MemoryBlobStore();
        Chunk zeros = Chunk.leaf(new byte[100_000]);
        Chunk noise = Chunk.leaf(random(50_000, 7));
        Chunk root = Chunk.create(List.of(zeros.hash(), noise.hash()), new byte[0]);
        try (TableFileChunkStore s = TableFileChunkStore.open(blobs)) {
            for (Chunk c : List.of(zeros, noise, root)) {
                s.put(c);
            }
            assertThat(s.commit(root.hash(), Hash.EMPTY)).isTrue();
            List<byte[]> before = new ArrayList<>();
            try (TableFileReader r = TableFileReader.open(blobs, s.manifest().tables().get(0).name(), -1)) {
                for (Chunk c : List.of(zeros, noise, root)) {
                    before.add(recordOf(r, c.hash()));
                }
            }
            assertThat(before.get(0).length).as("zeros are stored compressed").isLessThan(1000);
            s.collectGarbage();
            try (TableFileReader r = TableFileReader.open(blobs, s.manifest().tables().get(0).name(), -1)) {
                int i = 0;
                for (Chunk c : List.of(zeros, noise, root)) {
                    assertThat(recordOf(r, c.hash())).as("record of %s", c).isEqualTo(before.get(i++));
                }
            }
        }
    }

    private static byte[] recordOf(TableFileReader r, Hash h) throws IOException {
        int i = r.index().find(h);
        return r.readRange(r.index().offset(i), r.index().storedLength(i) + TableFileFormat.CRC_LENGTH);
    }

    @Test
    void everyCollectionGivesItsFilesNamesOfTheirOwn() throws IOException {
        MemoryBlobStore blobs = new MemoryBlobStore();
        try (TableFileChunkStore s = TableFileChunkStore.open(blobs)) {
            // One chunk committed alone: its file holds exactly what a collection would keep.
            Chunk only = Chunk.leaf("only".getBytes(StandardCharsets.UTF_8));
            s.put(only);
            assertThat(s.commit(only.hash(), Hash.EMPTY)).isTrue();
            Set<String> committed = named(s);
            s.collectGarbage();
            Set<String> first = named(s);
            s.collectGarbage();
            Set<String> second = named(s);

            assertThat(first).doesNotContainAnyElementsOf(committed);
            assertThat(second).doesNotContainAnyElementsOf(first);
            assertThat(files(blobs)).isEqualTo(second);
            assertThat(s.get(only.hash())).isNotNull();
        }
    }

    @Test
    void fileMissingBehindTheManifestsBackFailsCollectionNamingIt() throws IOException {
        MemoryBlobStore blobs = new MemoryBlobStore();
        try (TableFileChunkStore s = TableFileChunkStore.open(blobs)) {
            commitWithGarbage(s, 3, 100);
        }
        String victim = files(blobs).iterator().next();
        try (TableFileChunkStore s = TableFileChunkStore.open(blobs)) {
            blobs.delete(victim);
            Set<String> before = files(blobs);
            String manifestBefore = new String(blobs.getManifest().bytes(), StandardCharsets.UTF_8);

            assertThatThrownBy(s::collectGarbage)
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(victim);

            assertThat(files(blobs)).isEqualTo(before);
            assertThat(new String(blobs.getManifest().bytes(), StandardCharsets.UTF_8)).isEqualTo(manifestBefore);
        }
        assertThatThrownBy(() -> TableFileChunkStore.open(blobs)).isInstanceOf(MissingTableFileException.class);
    }

    @Test
    void corruptRecordFailsCollectionNamingFileAndChunk() throws IOException {
        MemoryBlobStore blobs = new MemoryBlobStore();
        Chunk kept;
        try (TableFileChunkStore s = TableFileChunkStore.open(blobs)) {
            kept = commitWithGarbage(s, 3, 100);
        }
        Hash victim = kept.children().get(1);
        try (TableFileChunkStore s = TableFileChunkStore.open(blobs)) {
            String file = null;
            for (TableFileSummary t : s.manifest().tables()) {
                try (TableFileReader r = TableFileReader.open(blobs, t.name(), -1)) {
                    int i = r.index().find(victim);
                    if (i >= 0) {
                        file = t.name();
                        byte[] bytes = blobs.get(t.name(), ByteRange.ALL);
                        bytes[(int) r.index().offset(i) + 1] ^= 0x40;
                        blobs.put(t.name(), BlobSource.ofBytes(bytes));
                    }
                }
            }
            Set<String> before = files(blobs);
            String damaged = file;

            assertThatThrownBy(s::collectGarbage)
                    .isInstanceOf(CorruptChunkException.class)
                    .satisfies(e -> {
                        assertThat(((CorruptChunkException) e).file()).isEqualTo(damaged);
                        assertThat(((CorruptChunkException) e).chunk()).isEqualTo(victim);
                    });
            assertThat(files(blobs)).isEqualTo(before);
            assertThat(s.get(kept.hash())).isNotNull();
        }
    }

    @Test
    void otherInstancesUncommittedFilesAreLeftAlone() throws IOException {
        MemoryBlobStore blobs = new MemoryBlobStore();
        try (TableFileChunkStore s = TableFileChunkStore.open(blobs, SMALL);
                TableFileChunkStore other = TableFileChunkStore.open(blobs, SMALL)) {
            Chunk kept = commitWithGarbage(s, 3, 100);
            List<Chunk> work = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Chunk c = Chunk.leaf(random(30_000, 500 + i)); // fills memtables: written out, not committed
                other.put(c);
                work.add(c);
            }
            Set<String> beforeGc = files(blobs);
            beforeGc.removeAll(named(s));
            assertThat(beforeGc).as("the other instance's uncommitted files").isNotEmpty();

            s.collectGarbage();

            assertThat(files(blobs)).containsAll(beforeGc);
            other.refresh();
            List<Hash> children = new ArrayList<>(kept.children());
            work.forEach(c -> children.add(c.hash()));
            Chunk root = Chunk.create(children, "other's root".getBytes(StandardCharsets.UTF_8));
            other.put(root);
            assertThat(other.commit(root.hash(), kept.hash())).isTrue();
        }
        try (TableFileChunkStore s = TableFileChunkStore.open(blobs)) {
            for (Hash h : s.get(s.root()).children()) {
                assertThat(s.get(h)).isNotNull();
            }
        }
    }

    @Test
    void commitAfterItsOwnCollectionReadsOnlyWhatIsNewButAfterAnothersReadsTheWholeDag() throws IOException {
        MemoryBlobStore shared = new MemoryBlobStore();
        InterposedBlobStore viaOwn = new InterposedBlobStore(shared);
        InterposedBlobStore viaOther = new InterposedBlobStore(shared);
        try (TableFileChunkStore own = TableFileChunkStore.open(viaOwn, SMALL);
                TableFileChunkStore other = TableFileChunkStore.open(viaOther, SMALL)) {
            Chunk kept = commitWithGarbage(own, 200, 1000);
            other.refresh();
            own.collectGarbage();
            long dagBytes = own.manifest().tables().stream().mapToLong(TableFileSummary::length).sum();

            Chunk mine = Chunk.create(List.of(kept.hash()), "own".getBytes(StandardCharsets.UTF_8));
            own.put(mine);
            long before = viaOwn.bytesRead.get();
            assertThat(own.commit(mine.hash(), kept.hash())).isTrue();
            assertThat(viaOwn.bytesRead.get() - before).as("read by the commit after its own collection")
                    .isLessThan(dagBytes / 20);

            Chunk theirs = Chunk.create(List.of(mine.hash()), "other".getBytes(StandardCharsets.UTF_8));
            other.refresh();
            other.put(theirs);
            before = viaOther.bytesRead.get();
            assertThat(other.commit(theirs.hash(), mine.hash())).isTrue();
            assertThat(viaOther.bytesRead.get() - before).as("read by the commit after another's collection")
                    .isGreaterThan(dagBytes * 9 / 10);

            // Once it has committed under the new generation, no more checks.
            Chunk again = Chunk.create(List.of(theirs.hash()), "again".getBytes(StandardCharsets.UTF_8));
            other.put(again);
            before = viaOther.bytesRead.get();
            assertThat(other.commit(again.hash(), theirs.hash())).isTrue();
            assertThat(viaOther.bytesRead.get() - before).isLessThan(dagBytes / 20);
        }
    }
}
