package dev.cairn.testdata;

import static dev.cairn.testdata.TestChunks.bytes;
import static dev.cairn.testdata.TestChunks.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.chunkstore.blob.BlobInfo;
import dev.cairn.chunkstore.blob.BlobReader;
import dev.cairn.chunkstore.blob.BlobSource;
import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.chunkstore.blob.ByteRange;
import dev.cairn.chunkstore.blob.NoSuchBlobException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every {@link BlobStore} must show for blobs (the manifest has
 * its own suite, {@link ManifestCasContract}). A subclass supplies
 * {@link #newStore()}.
 */
public abstract class BlobStoreContract {
    private final List<BlobStore> opened = new ArrayList<>();

    @TempDir
    Path scratch;

    /** A fresh, empty blob store. The contract closes it after the test. */
    protected abstract BlobStore newStore() throws IOException;

    @AfterEach
    void closeStores() throws IOException {
        for (BlobStore s : opened) {
            s.close();
        }
        opened.clear();
    }

    private BlobStore store() throws IOException {
        BlobStore s = newStore();
        opened.add(s);
        return s;
    }

    private static void put(BlobStore s, String key, byte[] content) throws IOException {
        s.put(key, BlobSource.ofBytes(content));
    }

    private static List<String> keys(List<BlobInfo> infos) {
        List<String> out = new ArrayList<>();
        for (BlobInfo i : infos) {
            out.add(i.key());
        }
        return out;
    }

    // --- get, whole and ranged ---

    @Test
    void getOfWholeBlobReturnsWhatWasPut() throws IOException {
        BlobStore s = store();
        put(s, "blob", bytes("hello, blob"));
        assertThat(s.get("blob", ByteRange.ALL)).isEqualTo(bytes("hello, blob"));
    }

    @Test
    void getOfRangeInTheMiddleReturnsJustThoseBytes() throws IOException {
        BlobStore s = store();
        put(s, "blob", bytes("0123456789"));
        assertThat(s.get("blob", ByteRange.of(3, 4))).isEqualTo(bytes("3456"));
        assertThat(s.get("blob", ByteRange.of(0, 1))).isEqualTo(bytes("0"));
        assertThat(s.get("blob", ByteRange.of(9, 1))).isEqualTo(bytes("9"));
        assertThat(s.get("blob", ByteRange.of(5, 0))).isEmpty();
    }

    @Test
    void getOfRangeRunningPastTheEndIsCutShort() throws IOException {
        BlobStore s = store();
        put(s, "blob", bytes("0123456789"));
        assertThat(s.get("blob", ByteRange.of(7, 100))).isEqualTo(bytes("789"));
        assertThat(s.get("blob", ByteRange.of(0, 11))).isEqualTo(bytes("0123456789"));
    }

    @Test
    void getWithOffsetAtOrPastTheEndReturnsNoBytes() throws IOException {
        BlobStore s = store();
        put(s, "blob", bytes("0123456789"));
        assertThat(s.get("blob", ByteRange.of(10, 5))).isEmpty();
        assertThat(s.get("blob", ByteRange.of(1000, 5))).isEmpty();
    }

    @Test
    void getOfMissingBlobThrowsNoSuchBlobExceptionNamingTheKey() throws IOException {
        BlobStore s = store();
        put(s, "present", bytes("x"));
        assertThatThrownBy(() -> s.get("missing", ByteRange.ALL))
                .isInstanceOfSatisfying(NoSuchBlobException.class, e -> assertThat(e.key()).isEqualTo("missing"));
        assertThatThrownBy(() -> s.get("dir/missing", ByteRange.of(0, 1)))
                .isInstanceOf(NoSuchBlobException.class);
    }

    // --- size and exists ---

    @Test
    void sizeOfBlobIsItsLengthAndMinusOneWhenMissing() throws IOException {
        BlobStore s = store();
        put(s, "blob", bytes("12345"));
        assertThat(s.size("blob")).isEqualTo(5);
        assertThat(s.size("missing")).isEqualTo(-1);
        assertThat(s.size("no/such/dir")).isEqualTo(-1);
    }

    @Test
    void existsIsTrueOnlyForPresentBlobs() throws IOException {
        BlobStore s = store();
        put(s, "blob", bytes("12345"));
        assertThat(s.exists("blob")).isTrue();
        assertThat(s.exists("missing")).isFalse();
        assertThat(s.exists("blo")).isFalse();
    }

    // --- put ---

    @Test
    void putFromBytesSourceIsReadable() throws IOException {
        BlobStore s = store();
        byte[] content = randomBytes(10_000, 1);
        s.put("from-bytes", BlobSource.ofBytes(content));
        assertThat(s.get("from-bytes", ByteRange.ALL)).isEqualTo(content);
        assertThat(s.size("from-bytes")).isEqualTo(content.length);
    }

    @Test
    void putFromFileSourceIsReadableAndLeavesTheFile() throws IOException {
        BlobStore s = store();
        byte[] content = randomBytes(100_000, 2);
        Path file = Files.createTempFile(scratch, "source", ".bin");
        Files.write(file, content);
        s.put("from/file", BlobSource.ofFile(file));
        assertThat(s.get("from/file", ByteRange.ALL)).isEqualTo(content);
        assertThat(s.size("from/file")).isEqualTo(content.length);
        assertThat(file).exists().hasBinaryContent(content);
    }

    @Test
    void putOfSameKeyAgainKeepsContentReadable() throws IOException {
        BlobStore s = store();
        byte[] content = bytes("same content, same key");
        put(s, "k", content);
        put(s, "k", content);
        assertThat(s.get("k", ByteRange.ALL)).isEqualTo(content);
        assertThat(s.size("k")).isEqualTo(content.length);
        assertThat(keys(s.list(""))).containsExactly("k");
    }

    @Test
    void putUnderNestedKeyIsReadable() throws IOException {
        BlobStore s = store();
        put(s, "a/b/c/d", bytes("deep"));
        assertThat(s.get("a/b/c/d", ByteRange.ALL)).isEqualTo(bytes("deep"));
        assertThat(s.size("a/b/c/d")).isEqualTo(4);
    }

    @Test
    void keyThatIsOnlyAPrefixOfOtherKeysIsNotABlob() throws IOException {
        BlobStore s = store();
        put(s, "a/b/c/d", bytes("deep"));
        assertThat(s.exists("a/b/c")).isFalse();
        assertThat(s.size("a/b")).isEqualTo(-1);
        assertThatThrownBy(() -> s.get("a/b/c", ByteRange.ALL)).isInstanceOf(NoSuchBlobException.class);
        assertThatThrownBy(() -> s.open("a")).isInstanceOf(NoSuchBlobException.class);
        assertThat(keys(s.list("a"))).containsExactly("a/b/c/d");
        s.delete("a/b");
        assertThat(s.get("a/b/c/d", ByteRange.ALL)).isEqualTo(bytes("deep"));
    }

    // --- list ---

    @Test
    void listReturnsKeysSortedWithSizes() throws IOException {
        BlobStore s = store();
        put(s, "c", bytes("ccc"));
        put(s, "a", bytes("a"));
        put(s, "b/2", bytes("bb"));
        put(s, "b/1", bytes(""));
        put(s, "b-x", bytes("bbbb"));
        List<BlobInfo> all = s.list("");
        List<String> keys = keys(all);
        assertThat(keys).containsExactlyInAnyOrder("a", "b-x", "b/1", "b/2", "c");
        assertThat(keys).isSorted();
        for (BlobInfo i : all) {
            assertThat(i.size()).as(i.key()).isEqualTo(s.size(i.key()));
        }
        assertThat(all.get(keys.indexOf("c")).size()).isEqualTo(3);
        assertThat(all.get(keys.indexOf("b/1")).size()).isZero();
    }

    @Test
    void listFiltersByPrefix() throws IOException {
        BlobStore s = store();
        for (String k : List.of("tables/aa", "tables/ab", "tables/b", "tablesX", "other/aa", "t")) {
            put(s, k, bytes(k));
        }
        assertThat(keys(s.list("tables/"))).containsExactly("tables/aa", "tables/ab", "tables/b");
        assertThat(keys(s.list("tables/a"))).containsExactly("tables/aa", "tables/ab");
        assertThat(keys(s.list("tables"))).containsExactly("tables/aa", "tables/ab", "tables/b", "tablesX");
        assertThat(keys(s.list("t"))).containsExactly("t", "tables/aa", "tables/ab", "tables/b", "tablesX");
        assertThat(keys(s.list("nothing"))).isEmpty();
        assertThat(keys(s.list("tables/aa"))).containsExactly("tables/aa");
    }

    @Test
    void listIncludesSizesOfKeysWithSlashes() throws IOException {
        BlobStore s = store();
        put(s, "x/y/z", bytes("12345678"));
        put(s, "x/y2", bytes("1"));
        List<BlobInfo> infos = s.list("x/");
        assertThat(keys(infos)).containsExactly("x/y/z", "x/y2");
        assertThat(infos.get(0).size()).isEqualTo(8);
        assertThat(infos.get(1).size()).isEqualTo(1);
        assertThat(infos.get(0).modified()).isNotNull();
    }

    @Test
    void listOfEmptyStoreIsEmpty() throws IOException {
        BlobStore s = store();
        assertThat(s.list("")).isEmpty();
        assertThat(s.list("any/")).isEmpty();
    }

    @Test
    void listWithInvalidPrefixThrowsIllegalArgumentException() throws IOException {
        BlobStore s = store();
        assertThatThrownBy(() -> s.list("../")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.list("/")).isInstanceOf(IllegalArgumentException.class);
    }

    // --- delete ---

    @Test
    void deletedBlobIsMissing() throws IOException {
        BlobStore s = store();
        put(s, "gone", bytes("soon"));
        put(s, "kept", bytes("here"));
        s.delete("gone");
        assertThat(s.exists("gone")).isFalse();
        assertThat(s.size("gone")).isEqualTo(-1);
        assertThatThrownBy(() -> s.get("gone", ByteRange.ALL)).isInstanceOf(NoSuchBlobException.class);
        assertThat(keys(s.list(""))).containsExactly("kept");
        assertThat(s.get("kept", ByteRange.ALL)).isEqualTo(bytes("here"));
    }

    @Test
    void deleteOfMissingBlobIsNotAnError() throws IOException {
        BlobStore s = store();
        s.delete("never-was");
        s.delete("no/such/dir/blob");
        put(s, "once", bytes("1"));
        s.delete("once");
        s.delete("once");
        assertThat(s.list("")).isEmpty();
    }

    @Test
    void blobCanBePutAgainAfterDelete() throws IOException {
        BlobStore s = store();
        put(s, "again", bytes("first"));
        s.delete("again");
        put(s, "again", bytes("first"));
        assertThat(s.get("again", ByteRange.ALL)).isEqualTo(bytes("first"));
    }

    // --- keys ---

    @ParameterizedTest
    @ValueSource(strings = {"", "../x", "a/../b", ".hidden", "a//b", "/abs", "a/", "..", "a/.b", "sp ace",
            "back\\slash"})
    void invalidKeyThrowsIllegalArgumentException(String key) throws IOException {
        BlobStore s = store();
        assertThatThrownBy(() -> put(s, key, bytes("x"))).as("put").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.get(key, ByteRange.ALL)).as("get").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.size(key)).as("size").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.exists(key)).as("exists").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.delete(key)).as("delete").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.open(key)).as("open").isInstanceOf(IllegalArgumentException.class);
        assertThat(s.list("")).isEmpty();
    }

    // --- open ---

    @Test
    void openedReaderReadsRangesAndReportsSize() throws IOException {
        BlobStore s = store();
        byte[] content = randomBytes(70_000, 3);
        put(s, "r/blob", content);
        try (BlobReader r = s.open("r/blob")) {
            assertThat(r.size()).isEqualTo(content.length);
            assertThat(r.read(0, 10)).isEqualTo(Arrays.copyOfRange(content, 0, 10));
            assertThat(r.read(65_000, 4_000)).isEqualTo(Arrays.copyOfRange(content, 65_000, 69_000));
            assertThat(r.read(10, 0)).isEmpty();
            assertThat(r.read(69_990, 100)).as("cut short").isEqualTo(Arrays.copyOfRange(content, 69_990, 70_000));
            assertThat(r.read(70_000, 10)).as("at the end").isEmpty();
            assertThat(r.read(80_000, 10)).as("past the end").isEmpty();
            // Reads are independent of one another.
            assertThat(r.read(0, 10)).isEqualTo(Arrays.copyOfRange(content, 0, 10));
        }
    }

    @Test
    void openOfMissingBlobThrowsNoSuchBlobException() throws IOException {
        BlobStore s = store();
        assertThatThrownBy(() -> s.open("missing")).isInstanceOf(NoSuchBlobException.class);
        put(s, "deleted", bytes("x"));
        s.delete("deleted");
        assertThatThrownBy(() -> s.open("deleted")).isInstanceOf(NoSuchBlobException.class);
    }

    // --- sizes ---

    @Test
    void emptyBlobRoundTrips() throws IOException {
        BlobStore s = store();
        put(s, "empty", new byte[0]);
        assertThat(s.exists("empty")).isTrue();
        assertThat(s.size("empty")).isZero();
        assertThat(s.get("empty", ByteRange.ALL)).isEmpty();
        assertThat(s.get("empty", ByteRange.of(0, 10))).isEmpty();
        assertThat(s.list("")).singleElement().satisfies(i -> {
            assertThat(i.key()).isEqualTo("empty");
            assertThat(i.size()).isZero();
        });
        try (BlobReader r = s.open("empty")) {
            assertThat(r.size()).isZero();
            assertThat(r.read(0, 1)).isEmpty();
        }
    }

    @Test
    void fiveMebibyteBlobRoundTrips() throws IOException {
        BlobStore s = store();
        byte[] content = randomBytes(5 << 20, 5);
        put(s, "big", content);
        assertThat(s.size("big")).isEqualTo(content.length);
        assertThat(s.get("big", ByteRange.ALL)).isEqualTo(content);
        int off = (3 << 20) + 17;
        assertThat(s.get("big", ByteRange.of(off, 1 << 20))).isEqualTo(Arrays.copyOfRange(content, off, off + (1 << 20)));

        Path file = Files.createTempFile(scratch, "big", ".bin");
        Files.write(file, content);
        s.put("big-from-file", BlobSource.ofFile(file));
        try (BlobReader r = s.open("big-from-file")) {
            assertThat(r.size()).isEqualTo(content.length);
            assertThat(r.read(0, content.length)).isEqualTo(content);
        }
    }
}
