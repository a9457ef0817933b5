package dev.cairn.testdata;

import static dev.cairn.testdata.TestChunks.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.chunkstore.blob.VersionedBytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The compare-and-swap behaviour every {@link BlobStore}'s manifest must
 * show. A subclass supplies {@link #newStore()} and, if two instances can
 * share one backing storage, {@link #openSecondInstance}.
 *
 * <p>Every write here carries bytes no earlier write had: stores may derive
 * the version from the content, and the table-file layer guarantees fresh
 * bytes with a lock token.
 */
public abstract class ManifestCasContract {
    private static final int THREADS = 8;
    private static final int APPENDS_PER_THREAD = 25;

    private final List<BlobStore> opened = new ArrayList<>();

    /** A fresh blob store with no manifest. The contract closes it after the test. */
    protected abstract BlobStore newStore() throws IOException;

    /**
     * A second instance over the same backing storage as {@code store}, as
     * another process would open it; {@code null} if there is no such thing.
     */
    protected BlobStore openSecondInstance(BlobStore store) throws IOException {
        return null;
    }

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

    private static String text(VersionedBytes vb) {
        return new String(vb.bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void getManifestOfNewStoreIsNull() throws IOException {
        BlobStore s = store();
        assertThat(s.getManifest()).isNull();
    }

    @Test
    void putManifestExpectingNoneCreatesIt() throws IOException {
        BlobStore s = store();
        assertThat(s.putManifest(null, bytes("first"))).isTrue();
        VersionedBytes vb = s.getManifest();
        assertThat(vb).isNotNull();
        assertThat(text(vb)).isEqualTo("first");
        assertThat(vb.version()).isNotNull();
    }

    @Test
    void secondPutManifestExpectingNoneReturnsFalseAndKeepsContent() throws IOException {
        BlobStore s = store();
        assertThat(s.putManifest(null, bytes("first"))).isTrue();
        String version = s.getManifest().version();
        assertThat(s.putManifest(null, bytes("second"))).isFalse();
        assertThat(text(s.getManifest())).isEqualTo("first");
        assertThat(s.getManifest().version()).isEqualTo(version);
    }

    @Test
    void putManifestWithWrongVersionReturnsFalseAndKeepsContent() throws IOException {
        BlobStore s = store();
        assertThat(s.putManifest(null, bytes("first"))).isTrue();
        VersionedBytes before = s.getManifest();
        assertThat(s.putManifest(before.version() + "-wrong", bytes("second"))).isFalse();
        assertThat(s.putManifest("", bytes("third"))).isFalse();
        VersionedBytes after = s.getManifest();
        assertThat(text(after)).isEqualTo("first");
        assertThat(after.version()).isEqualTo(before.version());
    }

    /** Pruning a remote deletes nothing unless the manifest has been quiet for a while, so it must say when it changed. */
    @Test
    void manifestReportsWhenItWasWritten() throws IOException {
        BlobStore s = store();
        Instant before = Instant.now().minusSeconds(2); // file systems may keep coarse times
        assertThat(s.putManifest(null, bytes("first"))).isTrue();
        Instant written = s.getManifest().modified();
        assertThat(written).isNotNull().isBetween(before, Instant.now().plusSeconds(2));
    }

    @Test
    void putManifestWithVersionOnStoreWithoutManifestReturnsFalse() throws IOException {
        BlobStore s = store();
        assertThat(s.putManifest("some-version", bytes("x"))).isFalse();
        assertThat(s.getManifest()).isNull();
    }

    @Test
    void putManifestWithCurrentVersionReplacesItAndChangesVersion() throws IOException {
        BlobStore s = store();
        assertThat(s.putManifest(null, bytes("first"))).isTrue();
        String v1 = s.getManifest().version();
        assertThat(s.putManifest(v1, bytes("second"))).isTrue();
        VersionedBytes vb = s.getManifest();
        assertThat(text(vb)).isEqualTo("second");
        assertThat(vb.version()).isNotEqualTo(v1);
        assertThat(s.putManifest(vb.version(), bytes("third"))).isTrue();
        assertThat(text(s.getManifest())).isEqualTo("third");
    }

    @Test
    void putManifestWithStaleVersionReturnsFalse() throws IOException {
        BlobStore s = store();
        assertThat(s.putManifest(null, bytes("first"))).isTrue();
        String stale = s.getManifest().version();
        assertThat(s.putManifest(stale, bytes("second"))).isTrue();
        assertThat(s.putManifest(stale, bytes("third"))).isFalse();
        assertThat(text(s.getManifest())).isEqualTo("second");
    }

    @Test
    void manifestBytesAreNotSharedWithCallers() throws IOException {
        BlobStore s = store();
        byte[] given = bytes("original");
        assertThat(s.putManifest(null, given)).isTrue();
        Arrays.fill(given, (byte) 'x');
        VersionedBytes read = s.getManifest();
        assertThat(text(read)).isEqualTo("original");
        Arrays.fill(read.bytes(), (byte) 'y');
        assertThat(text(s.getManifest())).isEqualTo("original");
    }

    @Test
    void manifestIsNotListedAsBlob() throws IOException {
        BlobStore s = store();
        assertThat(s.putManifest(null, bytes("m"))).isTrue();
        assertThat(s.list("")).isEmpty();
    }

    @Test
    void secondInstanceSeesAndRespectsTheManifest() throws IOException {
        BlobStore s = store();
        BlobStore other = second(s);
        assertThat(s.putManifest(null, bytes("from first"))).isTrue();
        VersionedBytes seen = other.getManifest();
        assertThat(text(seen)).isEqualTo("from first");
        assertThat(other.putManifest(null, bytes("x"))).isFalse();
        assertThat(other.putManifest(seen.version(), bytes("from second"))).isTrue();
        assertThat(s.putManifest(seen.version(), bytes("lost"))).isFalse();
        assertThat(text(s.getManifest())).isEqualTo("from second");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void concurrentReadModifyWriteLoopsNeverLoseAnUpdate() throws Exception {
        BlobStore s = store();
        assertThat(appendConcurrently(List.of(s))).containsExactlyInAnyOrderElementsOf(expectedLines());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void concurrentReadModifyWriteLoopsOnTwoInstancesNeverLoseAnUpdate() throws Exception {
        BlobStore s = store();
        BlobStore other = second(s);
        assertThat(appendConcurrently(List.of(s, other))).containsExactlyInAnyOrderElementsOf(expectedLines());
    }

    private BlobStore second(BlobStore store) throws IOException {
        BlobStore other = openSecondInstance(store);
        assumeThat(other).as("store can be shared by two instances").isNotNull();
        opened.add(other);
        return other;
    }

    private static List<String> expectedLines() {
        List<String> out = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            for (int i = 0; i < APPENDS_PER_THREAD; i++) {
                out.add("t" + t + "-" + i);
            }
        }
        return out;
    }

    /**
     * Runs {@link #THREADS} threads, spread over {@code stores}, each appending
     * its lines by read-modify-write CAS loops; returns the final lines.
     */
    private static List<String> appendConcurrently(List<BlobStore> stores) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                BlobStore s = stores.get(t % stores.size());
                String thread = "t" + t;
                Callable<Integer> appender = () -> {
                    start.await();
                    int lost = 0;
                    for (int i = 0; i < APPENDS_PER_THREAD; i++) {
                        String line = thread + "-" + i + "\n";
                        while (true) {
                            VersionedBytes cur = s.getManifest();
                            String text = cur == null ? "" : text(cur);
                            if (s.putManifest(cur == null ? null : cur.version(), bytes(text + line))) {
                                break;
                            }
                            lost++;
                        }
                    }
                    return lost;
                };
                results.add(pool.submit(appender));
            }
            start.countDown();
            for (Future<Integer> f : results) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        String text = text(stores.get(0).getManifest());
        List<String> lines = List.of(text.split("\n"));
        Set<String> distinct = new HashSet<>(lines);
        assertThat(distinct).as("no line written twice").hasSize(lines.size());
        return lines;
    }
}
