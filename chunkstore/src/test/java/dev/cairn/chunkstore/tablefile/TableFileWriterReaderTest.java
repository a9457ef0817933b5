package dev.cairn.chunkstore.tablefile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.chunkstore.Chunk;
import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.blob.DirectoryBlobStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableFileWriterReaderTest {
    @TempDir
    Path dir;

    private final Random random = new Random(7);

    private List<Chunk> randomChunks(int n, int maxLen) {
        List<Chunk> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] b = new byte[random.nextInt(maxLen + 1)];
            random.nextBytes(b);
            out.add(Chunk.leaf(b));
        }
        return out;
    }

    private static List<Chunk> compressibleChunks(int n) {
        List<Chunk> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String text = ("row " + i + " of a table that repeats itself; ").repeat(50 + i);
            out.add(Chunk.leaf(text.getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** Writes the chunks in the given order and publishes the file under its name. */
    private TableFileSummary write(DirectoryBlobStore blobs, List<Chunk> chunks) throws IOException {
        Path staged = blobs.newStagingFile();
        TableFileSummary summary;
        try (TableFileWriter w = new TableFileWriter(staged)) {
            for (Chunk c : chunks) {
                w.add(CompressedRecord.of(c));
            }
            summary = w.finish();
        }
        blobs.publish(staged, summary.name());
        return summary;
    }

    private void assertReadsBack(DirectoryBlobStore blobs, TableFileSummary s, List<Chunk> chunks) throws IOException {
        try (TableFileReader r = TableFileReader.open(blobs, s.name(), s.length())) {
            assertThat(r.name()).isEqualTo(s.name());
            assertThat(r.chunkCount()).isEqualTo(chunks.size());
            assertThat(r.length()).isEqualTo(Files.size(blobs.root().resolve(s.name())));
            long total = 0;
            for (Chunk c : chunks) {
                assertThat(r.has(c.hash())).isTrue();
                Chunk back = r.get(c.hash());
                assertThat(back.hash()).isEqualTo(c.hash());
                assertThat(back.data()).isEqualTo(c.data());
                total += c.size();
            }
            assertThat(r.uncompressedSize()).isEqualTo(total);
            for (int i = 1; i < r.chunkCount(); i++) {
                assertThat(r.hashAt(i - 1)).isLessThan(r.hashAt(i));
            }
            Hash absent = Hash.of("not in the file".getBytes(StandardCharsets.UTF_8));
            assertThat(r.has(absent)).isFalse();
            assertThat(r.get(absent)).isNull();
        }
    }

    @Test
    void randomChunksRoundTrip() throws IOException {
        DirectoryBlobStore blobs = new DirectoryBlobStore(dir);
        List<Chunk> chunks = randomChunks(300, 70_000);
        TableFileSummary s = write(blobs, chunks);
        assertThat(s.chunkCount()).isEqualTo(300);
        assertThat(s.uncompressedSize()).isEqualTo(chunks.stream().mapToLong(Chunk::size).sum());
        // Random data is stored raw: records are the chunk plus a CRC.
        assertThat(s.length()).isEqualTo(s.uncompressedSize() + 300L * (4 + TableFileFormat.INDEX_ENTRY_LENGTH)
                + TableFileFormat.FOOTER_LENGTH);
        assertReadsBack(blobs, s, chunks);
    }

    @Test
    void compressibleChunksRoundTripAndShrink() throws IOException {
        DirectoryBlobStore blobs = new DirectoryBlobStore(dir);
        List<Chunk> chunks = compressibleChunks(100);
        TableFileSummary s = write(blobs, chunks);
        assertThat(s.length()).isLessThan(s.uncompressedSize() / 4);
        assertReadsBack(blobs, s, chunks);
    }

    @Test
    void mixedAndTinyChunksRoundTrip() throws IOException {
        DirectoryBlobStore blobs = new DirectoryBlobStore(dir);
        List<Chunk> chunks = new ArrayList<>(compressibleChunks(20));
        chunks.addAll(randomChunks(20, 3_000));
        chunks.add(Chunk.leaf(new byte[0]));
        chunks.add(Chunk.create(List.of(chunks.get(0).hash(), chunks.get(1).hash()), new byte[] {1}));
        chunks.add(Chunk.leaf(new byte[1 << 20])); // one large, very compressible chunk
        Collections.shuffle(chunks, random);
        TableFileSummary s = write(blobs, chunks);
        assertReadsBack(blobs, s, chunks);
    }

    @Test
    void emptyTableFileRoundTrips() throws IOException {
        DirectoryBlobStore blobs = new DirectoryBlobStore(dir);
        TableFileSummary s = write(blobs, List.of());
        assertThat(s.length()).isEqualTo(TableFileFormat.FOOTER_LENGTH);
        assertReadsBack(blobs, s, List.of());
    }

    @Test
    void sameChunksInTheSameOrderGiveTheSameFile() throws IOException {
        DirectoryBlobStore blobs = new DirectoryBlobStore(dir);
        List<Chunk> chunks = new ArrayList<>(randomChunks(50, 5_000));
        chunks.addAll(compressibleChunks(10));
        TableFileSummary first = write(blobs, chunks);
        byte[] firstBytes = Files.readAllBytes(blobs.root().resolve(first.name()));
        TableFileSummary again = write(blobs, chunks);
        assertThat(again.name()).isEqualTo(first.name());
        assertThat(Hash.isHash(first.name())).isTrue();
        assertThat(Files.readAllBytes(blobs.root().resolve(again.name()))).isEqualTo(firstBytes);

        List<Chunk> fewer = chunks.subList(1, chunks.size());
        assertThat(write(blobs, fewer).name()).isNotEqualTo(first.name());
    }

    @Test
    void aDifferentLayoutOfTheSameChunksGetsADifferentName() throws IOException {
        DirectoryBlobStore blobs = new DirectoryBlobStore(dir);
        List<Chunk> chunks = new ArrayList<>(randomChunks(50, 5_000));
        TableFileSummary first = write(blobs, chunks);
        List<Chunk> reordered = new ArrayList<>(chunks);
        Collections.reverse(reordered);
        TableFileSummary second = write(blobs, reordered);
        // Offsets differ, so a reader holding one file's index must never see the other under its name.
        assertThat(second.name()).isNotEqualTo(first.name());
        assertReadsBack(blobs, first, chunks);
        assertReadsBack(blobs, second, chunks);
    }

    @Test
    void nameIsTheHashOfTheIndexAndFooter() throws IOException {
        DirectoryBlobStore blobs = new DirectoryBlobStore(dir);
        List<Chunk> chunks = randomChunks(5, 100);
        TableFileSummary s = write(blobs, chunks);
        byte[] file = Files.readAllBytes(blobs.root().resolve(s.name()));
        int indexLength = chunks.size() * TableFileFormat.INDEX_ENTRY_LENGTH;
        int indexStart = file.length - TableFileFormat.FOOTER_LENGTH - indexLength;
        byte[] indexAndFooter = Arrays.copyOfRange(file, indexStart, file.length);
        assertThat(s.name()).isEqualTo(Hash.of(indexAndFooter).toString());
    }

    @Test
    void duplicateChunksKeepOneIndexEntry() throws IOException {
        DirectoryBlobStore blobs = new DirectoryBlobStore(dir);
        List<Chunk> chunks = randomChunks(10, 1000);
        List<Chunk> twice = new ArrayList<>(chunks);
        twice.addAll(chunks);
        TableFileSummary s = write(blobs, twice);
        assertThat(s.chunkCount()).isEqualTo(10);
        assertThat(s.uncompressedSize()).isEqualTo(chunks.stream().mapToLong(Chunk::size).sum());
        assertReadsBack(blobs, s, chunks);
        // Same chunk set, but the file without the dead records is laid out differently.
        TableFileSummary once = write(blobs, chunks);
        assertThat(once.name()).isNotEqualTo(s.name());
        assertThat(once.length()).isLessThan(s.length());
        assertReadsBack(blobs, once, chunks);
    }

    @Test
    void footerDescribesTheFile() throws IOException {
        DirectoryBlobStore blobs = new DirectoryBlobStore(dir);
        List<Chunk> chunks = randomChunks(3, 100);
        TableFileSummary s = write(blobs, chunks);
        byte[] file = Files.readAllBytes(blobs.root().resolve(s.name()));
        byte[] footer = Arrays.copyOfRange(file, file.length - 36, file.length);
        java.nio.ByteBuffer f = java.nio.ByteBuffer.wrap(footer);
        long indexOffset = f.getLong();
        assertThat(indexOffset).isEqualTo(file.length - 36 - 3L * 36);
        assertThat(f.getInt()).isEqualTo(3);
        assertThat(f.getLong()).isEqualTo(s.uncompressedSize());
        f.getInt();
        assertThat(f.getInt()).isEqualTo(1);
        assertThat(new String(footer, 28, 8, StandardCharsets.US_ASCII)).isEqualTo("cairnTF1");
    }

    /** A hash with the given first eight bytes and random rest. */
    private Hash withPrefix(long prefix) {
        byte[] raw = new byte[Hash.BYTE_LENGTH];
        random.nextBytes(raw);
        java.nio.ByteBuffer.wrap(raw).putLong(prefix);
        return Hash.fromBytes(raw, 0);
    }

    @Test
    void lookupsFindHashesThatSharePrefixes() throws IOException {
        DirectoryBlobStore blobs = new DirectoryBlobStore(dir);
        // Index lookups only: the records hold one chunk's bytes under made-up addresses.
        CompressedRecord body = CompressedRecord.of(Chunk.leaf(new byte[] {1, 2, 3}));
        List<Hash> present = new ArrayList<>();
        List<Hash> absent = new ArrayList<>();
        for (long prefix : new long[] {0L, 1L, 0x7fffffffffffffffL, 0x8000000000000000L, -1L, 42L}) {
            for (int i = 0; i < 5; i++) {
                present.add(withPrefix(prefix));
                absent.add(withPrefix(prefix));
            }
        }
        for (int i = 0; i < 200; i++) {
            present.add(withPrefix(random.nextLong()));
            absent.add(withPrefix(random.nextLong()));
        }
        Path staged = blobs.newStagingFile();
        TableFileSummary s;
        try (TableFileWriter w = new TableFileWriter(staged)) {
            for (Hash h : present) {
                w.add(new CompressedRecord(h, body.bytes(), body.uncompressedLength()));
            }
            s = w.finish();
        }
        blobs.publish(staged, s.name());
        try (TableFileReader r = TableFileReader.open(blobs, s.name(), s.length())) {
            for (Hash h : present) {
                assertThat(r.has(h)).as("has %s", h).isTrue();
            }
            for (Hash h : absent) {
                assertThat(r.has(h)).as("has %s", h).isFalse();
            }
            // Both ways of marking many queries at once: a search per query, and one merged pass.
            for (int n : new int[] {2, absent.size() + present.size()}) {
                List<Hash> queries = new ArrayList<>(present.subList(0, n / 2));
                queries.addAll(absent.subList(0, n - n / 2));
                Hash[] sorted = queries.stream().sorted().toArray(Hash[]::new);
                boolean[] found = new boolean[sorted.length];
                r.index().markPresent(sorted, found);
                for (int i = 0; i < sorted.length; i++) {
                    assertThat(found[i]).as("%s marked present", sorted[i]).isEqualTo(present.contains(sorted[i]));
                }
            }
        }
    }
}
