package dev.cairn.chunkstore.tablefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cairn.chunkstore.Chunk;
import dev.cairn.chunkstore.CorruptChunkException;
import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.MissingTableFileException;
import dev.cairn.chunkstore.blob.BlobSource;
import dev.cairn.chunkstore.blob.DirectoryBlobStore;
import dev.cairn.chunkstore.blob.MemoryBlobStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damages table files on disk the ways disks and careless operators do, and
 * checks that every read either returns the right bytes or fails with a
 * {@link CorruptChunkException} that names the file (and the chunk, where one
 * is involved). Records and the index are found from the footer, as the
 * format in {@link TableFileWriter} describes.
 */
class TableFileCorruptionTest {
    private static final int FOOTER = 36;
    private static final int ENTRY = 36;

    @TempDir
    Path dir;

    private final Random random = new Random(1234);
    private final List<Chunk> chunks = new ArrayList<>();
    private Chunk root;
    private String table;
    private Path tableFile;

    /** A committed store of one table file holding a few raw and a few compressed chunks. */
    @BeforeEach
    void buildStore() throws IOException {
        for (int i = 0; i < 6; i++) {
            byte[] b = new byte[500 + random.nextInt(3000)];
            random.nextBytes(b);
            chunks.add(Chunk.leaf(b));
            chunks.add(Chunk.leaf(("compressible " + i + " ").repeat(200).getBytes(StandardCharsets.UTF_8)));
        }
        root = Chunk.create(chunks.stream().map(Chunk::hash).toList(), "root".getBytes(StandardCharsets.UTF_8));
        chunks.add(root);
        try (TableFileChunkStore store = TableFileChunkStore.open(new DirectoryBlobStore(dir))) {
            for (Chunk c : chunks) {
                store.put(c);
            }
            assertThat(store.commit(root.hash(), Hash.EMPTY)).isTrue();
            assertThat(store.manifest().tables()).hasSize(1);
            table = store.manifest().tables().get(0).name();
        }
        tableFile = dir.resolve(table);
        assertThat(tableFile).exists();
    }

    private TableFileChunkStore reopen() throws IOException {
        return TableFileChunkStore.open(new DirectoryBlobStore(dir));
    }

    /** Reopens the store and reads a chunk: a file's index is read when first needed, not on open. */
    private void reopenAndRead() throws IOException {
        try (TableFileChunkStore store = reopen()) {
            store.get(chunks.get(0).hash());
        }
    }

    private void assertEveryChunkReadsBack() throws IOException {
        try (TableFileChunkStore store = reopen()) {
            assertThat(store.root()).isEqualTo(root.hash());
            for (Chunk c : chunks) {
                assertThat(store.get(c.hash()).data()).isEqualTo(c.data());
            }
        }
    }

    private static void assertNamesFile(CorruptChunkException e, String file) {
        assertThat(e).isNotNull();
        assertThat(e.file()).isEqualTo(file);
        assertThat(e.getMessage()).contains(file);
    }

    // --- locating things by the format --------------------------------------------------------

    /** An index entry as the file holds it. */
    private record Entry(int position, Hash hash, long offset, int storedLength, int length) {
    }

    private static long indexOffset(byte[] file) {
        return ByteBuffer.wrap(file, file.length - FOOTER, FOOTER).getLong();
    }

    private static List<Entry> entries(byte[] file) {
        int indexOffset = (int) indexOffset(file);
        int count = ByteBuffer.wrap(file, file.length - FOOTER + 8, 4).getInt();
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int pos = indexOffset + i * ENTRY;
            ByteBuffer b = ByteBuffer.wrap(file, pos, ENTRY);
            out.add(new Entry(pos, Hash.read(b), b.getLong(), b.getInt(), b.getInt()));
        }
        return out;
    }

    private static Entry entryFor(byte[] file, Hash h) {
        return entries(file).stream().filter(e -> e.hash().equals(h)).findFirst().orElseThrow();
    }

    private static void flipByte(Path file, long position) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            ch.read(one, position);
            one.flip();
            byte b = one.get();
            ch.write(ByteBuffer.wrap(new byte[] {(byte) (b ^ 0x5a)}), position);
        }
    }

    // --- the whole-file check that copies of whole files make --------------------------------

    private TableFileSummary checkWhole(TableFileCheck.Depth depth) throws IOException {
        try (FileChannel ch = FileChannel.open(tableFile, StandardOpenOption.READ)) {
            return TableFileCheck.check(table, ch, depth);
        }
    }

    @Test
    void wholeFileCheckPassesAnUndamagedFileAndSaysWhatItHolds() throws IOException {
        TableFileSummary committed;
        try (TableFileChunkStore store = reopen()) {
            committed = store.manifest().tables().get(0);
        }
        assertThat(checkWhole(TableFileCheck.Depth.RECORDS)).isEqualTo(committed);
        assertThat(checkWhole(TableFileCheck.Depth.CHUNKS)).isEqualTo(committed);
    }

    @Test
    void wholeFileCheckFindsAFlippedRecordByteAtEitherDepth() throws IOException {
        Entry e = entryFor(Files.readAllBytes(tableFile), chunks.get(3).hash());
        flipByte(tableFile, e.offset() + e.storedLength() / 2);
        for (TableFileCheck.Depth depth : TableFileCheck.Depth.values()) {
            CorruptChunkException ex = catchThrowableOfType(CorruptChunkException.class, () -> checkWhole(depth));
            assertNamesFile(ex, table);
            assertThat(ex.getMessage()).contains("CRC");
        }
    }

    @Test
    void wholeFileCheckRefusesAnIntactFileUnderAnotherName() throws IOException {
        String other = Hash.of("another file".getBytes(StandardCharsets.UTF_8)).toString();
        try (FileChannel ch = FileChannel.open(tableFile, StandardOpenOption.READ)) {
            CorruptChunkException ex = catchThrowableOfType(CorruptChunkException.class,
                    () -> TableFileCheck.check(other, ch, TableFileCheck.Depth.RECORDS));
            assertNamesFile(ex, other);
            assertThat(ex.getMessage()).contains("not to the file's name");
        }
    }

    @Test
    void wholeFileCheckPassesASaltedFileUnderItsName() throws IOException {
        Path salted = dir.resolve("salted");
        TableFileSummary written;
        try (TableFileWriter w = new TableFileWriter(salted)) {
            w.salt(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
            w.add(chunks.get(0));
            w.add(chunks.get(1));
            written = w.finish();
        }
        try (FileChannel ch = FileChannel.open(salted, StandardOpenOption.READ)) {
            assertThat(TableFileCheck.check(written.name(), ch, TableFileCheck.Depth.CHUNKS)).isEqualTo(written);
        }
    }

    @Test
    void onlyTheChunkDepthFindsARecordRewrittenWithAMatchingCrc() throws IOException {
        // A raw (incompressible) record changed and given a CRC that fits: damage no disk makes,
        // but a remote could serve. Only hashing the chunk shows it is not what its address says.
        Entry e = entryFor(Files.readAllBytes(tableFile), chunks.get(0).hash());
        assertThat(e.storedLength()).isEqualTo(e.length());
        flipByte(tableFile, e.offset() + e.storedLength() - 1);
        byte[] file = Files.readAllBytes(tableFile);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(file, (int) e.offset(), e.storedLength());
        try (FileChannel ch = FileChannel.open(tableFile, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(4).putInt(0, (int) crc.getValue()), e.offset() + e.storedLength());
        }
        checkWhole(TableFileCheck.Depth.RECORDS);
        CorruptChunkException ex = catchThrowableOfType(CorruptChunkException.class,
                () -> checkWhole(TableFileCheck.Depth.CHUNKS));
        assertNamesFile(ex, table);
        assertThat(ex.getMessage()).contains("hash mismatch");
    }

    @Test
    void openingTheStoreReadsNoIndexSoADamagedOneFailsTheFirstLookup() throws IOException {
        byte[] file = Files.readAllBytes(tableFile);
        flipByte(tableFile, entries(file).get(0).position());
        try (TableFileChunkStore store = reopen()) {
            assertThat(store.root()).isEqualTo(root.hash());
            CorruptChunkException ex = catchThrowableOfType(CorruptChunkException.class,
                    () -> store.has(root.hash()));
            assertNamesFile(ex, table);
        }
    }

    // --- through the store -------------------------------------------------------------------

    @Test
    void undamagedStoreReadsBack() throws IOException {
        assertEveryChunkReadsBack();
    }

    @Test
    void truncatedTableFileFailsTheReopenNamingIt() throws IOException {
        long length = Files.size(tableFile);
        for (long cut : new long[] {length - 1, length - FOOTER, length / 2, 10, 0}) {
            try (FileChannel ch = FileChannel.open(tableFile, StandardOpenOption.WRITE)) {
                ch.truncate(cut);
            }
            CorruptChunkException e = catchThrowableOfType(CorruptChunkException.class, this::reopen);
            assertNamesFile(e, table);
            assertThat(e).isNotInstanceOf(MissingTableFileException.class);
            assertThat(e.chunk()).isNull();
            assertThat(e.getMessage()).contains("truncated");
        }
    }

    @Test
    void truncatedTableFileIsCaughtWithoutTheManifestLength() throws IOException {
        DirectoryBlobStore blobs = new DirectoryBlobStore(dir);
        byte[] whole = Files.readAllBytes(tableFile);
        for (int cut = 0; cut < whole.length; cut += Math.max(1, cut / 3)) {
            Files.write(tableFile, java.util.Arrays.copyOf(whole, cut));
            CorruptChunkException e = catchThrowableOfType(CorruptChunkException.class,
                    () -> TableFileReader.open(blobs, table, -1).close());
            assertNamesFile(e, table);
        }
    }

    @Test
    void flippedByteInARecordFailsOnlyThatChunk() throws IOException {
        Chunk[] victims = {chunks.get(0), chunks.get(1), root}; // raw, compressed, one with children
        for (Chunk victim : victims) {
            byte[] before = Files.readAllBytes(tableFile);
            Entry e = entryFor(before, victim.hash());
            assertThat(e.length()).isEqualTo(victim.size());
            // Middle of the stored block, then its CRC.
            for (long pos : new long[] {e.offset() + e.storedLength() / 2, e.offset() + e.storedLength() + 1}) {
                flipByte(tableFile, pos);
                try (TableFileChunkStore store = reopen()) {
                    assertThat(store.root()).isEqualTo(root.hash());
                    assertThat(store.has(victim.hash())).isTrue();
                    CorruptChunkException ex = catchThrowableOfType(CorruptChunkException.class,
                            () -> store.get(victim.hash()));
                    assertNamesFile(ex, table);
                    assertThat(ex.chunk()).isEqualTo(victim.hash());
                    assertThat(ex.getMessage()).contains(victim.hash().toString());
                    for (Chunk c : chunks) {
                        if (!c.equals(victim)) {
                            assertThat(store.get(c.hash()).data()).isEqualTo(c.data());
                        }
                    }
                }
                flipByte(tableFile, pos); // repair
            }
        }
        assertEveryChunkReadsBack();
    }

    @Test
    void flippedByteInTheIndexFailsTheFirstReadNamingTheFile() throws IOException {
        byte[] file = Files.readAllBytes(tableFile);
        List<Entry> entries = entries(file);
        Entry last = entries.get(entries.size() - 1);
        // Hash, record offset, stored length and chunk length of two entries.
        int[] within = {0, 19, 20, 27, 28, 31, 32, 35};
        for (Entry e : List.of(entries.get(0), last)) {
            for (int w : within) {
                flipByte(tableFile, e.position() + w);
                CorruptChunkException ex = catchThrowableOfType(CorruptChunkException.class, this::reopenAndRead);
                assertNamesFile(ex, table);
                flipByte(tableFile, e.position() + w);
            }
        }
        assertEveryChunkReadsBack();
    }

    @Test
    void badMagicNumberFailsTheFirstRead() throws IOException {
        try (FileChannel ch = FileChannel.open(tableFile, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap("notTable".getBytes(StandardCharsets.US_ASCII)), ch.size() - 8);
        }
        CorruptChunkException e = catchThrowableOfType(CorruptChunkException.class, this::reopenAndRead);
        assertNamesFile(e, table);
        assertThat(e.getMessage()).contains("magic");
    }

    @Test
    void fileThatIsNotATableFileFailsTheFirstRead() throws IOException {
        byte[] junk = new byte[(int) Files.size(tableFile)];
        random.nextBytes(junk);
        Files.write(tableFile, junk);
        CorruptChunkException e = catchThrowableOfType(CorruptChunkException.class, this::reopenAndRead);
        assertNamesFile(e, table);
    }

    @Test
    void unsupportedVersionFailsTheFirstRead() throws IOException {
        try (FileChannel ch = FileChannel.open(tableFile, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(4).putInt(0, 2), ch.size() - 12);
        }
        CorruptChunkException e = catchThrowableOfType(CorruptChunkException.class, this::reopenAndRead);
        assertNamesFile(e, table);
        assertThat(e.getMessage()).contains("version");
    }

    @Test
    void deletedTableFileFailsTheReopenNamingIt() throws IOException {
        Files.delete(tableFile);
        MissingTableFileException e = catchThrowableOfType(MissingTableFileException.class, this::reopen);
        assertNamesFile(e, table);
        assertThat(e.chunk()).isNull();
    }

    @Test
    void damagedManifestFailsTheReopenNamingIt() throws IOException {
        Path manifest = dir.resolve("manifest");
        flipByte(manifest, Files.size(manifest) / 2);
        CorruptChunkException e = catchThrowableOfType(CorruptChunkException.class, this::reopen);
        assertNamesFile(e, "manifest");
    }

    // --- one table file directly -------------------------------------------------------------

    @Test
    void everyFlippedByteIsDetectedOnOpenOrRead() throws IOException {
        byte[] good = Files.readAllBytes(tableFile);
        MemoryBlobStore blobs = new MemoryBlobStore();
        List<Integer> missed = new ArrayList<>();
        for (int pos = 0; pos < good.length; pos++) {
            byte[] bad = good.clone();
            bad[pos] ^= (byte) (1 << (pos % 8));
            blobs.put(table, BlobSource.ofBytes(bad));
            try (TableFileReader r = TableFileReader.open(blobs, table, good.length)) {
                for (int i = 0; i < r.chunkCount(); i++) {
                    if (!chunks.contains(r.read(i))) {
                        throw new AssertionError("flip at " + pos + " read back a chunk that was never written");
                    }
                }
                missed.add(pos - good.length);
            } catch (CorruptChunkException e) {
                if (!table.equals(e.file())) {
                    throw new AssertionError("flip at " + pos + " blamed " + e.file(), e);
                }
            }
        }
        assertThat(missed).as("flips not detected, as offsets from the end of the file").isEmpty();
    }

    @Test
    void recordThatDoesNotHashToItsAddressIsCaught() throws IOException {
        DirectoryBlobStore blobs = new DirectoryBlobStore(dir);
        Chunk real = Chunk.leaf("the real bytes".repeat(20).getBytes(StandardCharsets.UTF_8));
        Hash wrong = Hash.of("some other chunk".getBytes(StandardCharsets.UTF_8));
        CompressedRecord rec = CompressedRecord.of(real);
        Path staged = blobs.newStagingFile();
        TableFileSummary s;
        try (TableFileWriter w = new TableFileWriter(staged)) {
            w.add(new CompressedRecord(wrong, rec.bytes(), rec.uncompressedLength()));
            s = w.finish();
        }
        blobs.publish(staged, s.name());
        try (TableFileReader r = TableFileReader.open(blobs, s.name(), s.length())) {
            assertThat(r.has(wrong)).isTrue();
            CorruptChunkException e = catchThrowableOfType(CorruptChunkException.class, () -> r.get(wrong));
            assertNamesFile(e, s.name());
            assertThat(e.chunk()).isEqualTo(wrong);
            assertThat(e.getMessage()).contains("hash mismatch").contains(real.hash().toString());
            assertThat(r.get(real.hash())).isNull();
        }
    }

    @Test
    void recordWithAMalformedChunkHeaderIsCaught() throws IOException {
        DirectoryBlobStore blobs = new DirectoryBlobStore(dir);
        byte[] notAChunk = {9, 9, 9, 9};
        Hash h = Hash.of(notAChunk);
        byte[] bytes = new byte[notAChunk.length + 4];
        System.arraycopy(notAChunk, 0, bytes, 0, notAChunk.length);
        ByteBuffer.wrap(bytes).putInt(notAChunk.length, CompressedRecord.crcOf(notAChunk, 0, notAChunk.length));
        Path staged = blobs.newStagingFile();
        TableFileSummary s;
        try (TableFileWriter w = new TableFileWriter(staged)) {
            w.add(new CompressedRecord(h, bytes, notAChunk.length));
            s = w.finish();
        }
        blobs.publish(staged, s.name());
        try (TableFileReader r = TableFileReader.open(blobs, s.name(), s.length())) {
            CorruptChunkException e = catchThrowableOfType(CorruptChunkException.class, () -> r.get(h));
            assertNamesFile(e, s.name());
            assertThat(e.chunk()).isEqualTo(h);
        }
    }

    @Test
    void lengthThatDisagreesWithTheManifestFailsTheOpen() throws IOException {
        DirectoryBlobStore blobs = new DirectoryBlobStore(dir);
        long length = Files.size(tableFile);
        assertThatThrownBy(() -> TableFileReader.open(blobs, table, length + 1))
                .isInstanceOf(CorruptChunkException.class).hasMessageContaining(table).hasMessageContaining("truncated");
        assertThatThrownBy(() -> TableFileReader.open(blobs, table, length - 1))
                .isInstanceOf(CorruptChunkException.class).hasMessageContaining(table).hasMessageContaining("length");
        assertThatThrownBy(() -> TableFileReader.open(blobs, "0123456789abcdefghijklmnopqrstuv", -1))
                .isInstanceOf(MissingTableFileException.class);
    }
}
