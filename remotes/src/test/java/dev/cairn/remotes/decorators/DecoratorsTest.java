package dev.cairn.remotes.decorators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.chunkstore.blob.BlobSource;
import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.chunkstore.blob.ByteRange;
import dev.cairn.chunkstore.blob.MemoryBlobStore;
import dev.cairn.chunkstore.blob.NoSuchBlobException;
import dev.cairn.chunkstore.blob.TransientBlobException;
import dev.cairn.chunkstore.blob.VersionedBytes;
import dev.cairn.remotes.RemoteException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DecoratorsTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A memory store whose next {@code failures} calls of get fail transiently, counting calls. */
    private static final class Failing extends ForwardingStore {
        final AtomicInteger calls = new AtomicInteger();
        int failures;
        boolean swapThenFail;
        IOException permanent;

        Failing(BlobStore inner, int failures) {
            super(inner);
            this.failures = failures;
        }

        @Override
        public byte[] get(String key, ByteRange range) throws IOException {
            calls.incrementAndGet();
            if (permanent != null) {
                throw permanent;
            }
            if (failures > 0) {
                failures--;
                throw new TransientBlobException("reset #" + calls.get());
            }
            return super.get(key, range);
        }

        @Override
        public boolean putManifest(String expectedVersion, byte[] b) throws IOException {
            calls.incrementAndGet();
            if (swapThenFail) {
                swapThenFail = false;
                super.putManifest(expectedVersion, b);
                throw new TransientBlobException("reset after the swap");
            }
            if (failures > 0) {
                failures--;
                throw new TransientBlobException("refused before the swap", null, false);
            }
            return super.putManifest(expectedVersion, b);
        }
    }

    @Test
    void retriesTransientFailuresWithGrowingCappedBackoffThenSucceeds() throws IOException {
        MemoryBlobStore memory = new MemoryBlobStore();
        memory.put("k", BlobSource.ofBytes(bytes("v")));
        Failing failing = new Failing(memory, 4);
        List<Duration> waits = new ArrayList<>();
        RetryPolicy policy = new RetryPolicy(6, Duration.ofMillis(100), Duration.ofMillis(300));
        BlobStore s = new RetryingBlobStore(failing, policy, waits::add);
        assertThat(s.get("k", ByteRange.ALL)).isEqualTo(bytes("v"));
        assertThat(failing.calls.get()).isEqualTo(5);
        assertThat(waits).hasSize(4);
        assertThat(waits.get(0)).isLessThanOrEqualTo(Duration.ofMillis(100));
        assertThat(waits.get(1)).isLessThanOrEqualTo(Duration.ofMillis(200));
        assertThat(waits).allSatisfy(w -> assertThat(w).isLessThanOrEqualTo(Duration.ofMillis(300)));
    }

    @Test
    void givesUpAfterTheLastAttemptWithOneLineSayingWhatFailed() throws IOException {
        MemoryBlobStore memory = new MemoryBlobStore();
        memory.put("k", BlobSource.ofBytes(bytes("v")));
        Failing failing = new Failing(memory, 100);
        BlobStore s = new RetryingBlobStore(failing, new RetryPolicy(3, Duration.ZERO, Duration.ZERO), d -> { });
        assertThatThrownBy(() -> s.get("k", ByteRange.ALL)).isInstanceOf(IOException.class)
                .hasMessageContaining("reading k").hasMessageContaining("failed 3 times")
                .hasMessageContaining("reset #3").hasMessageNotContaining("\n");
        assertThat(failing.calls.get()).isEqualTo(3);
    }

    @Test
    void permanentFailuresAreNotRetried() throws IOException {
        Failing failing = new Failing(new MemoryBlobStore(), 0);
        failing.permanent = new NoSuchBlobException("k");
        BlobStore s = new RetryingBlobStore(failing, RetryPolicy.DEFAULT, d -> { });
        assertThatThrownBy(() -> s.get("k", ByteRange.ALL)).isInstanceOf(NoSuchBlobException.class);
        assertThat(failing.calls.get()).isEqualTo(1);
    }

    @Test
    void aManifestSwapWhoseAnswerWasLostCountsAsDoneWhenItLanded() throws IOException {
        Failing failing = new Failing(new MemoryBlobStore(), 0);
        failing.swapThenFail = true;
        BlobStore s = new RetryingBlobStore(failing, RetryPolicy.DEFAULT, d -> { });
        assertThat(s.putManifest(null, bytes("ours"))).isTrue();
        assertThat(failing.calls.get()).as("not swapped twice").isEqualTo(1);
        assertThat(s.getManifest().bytes()).isEqualTo(bytes("ours"));
    }

    @Test
    void aManifestSwapRefusedBeforeItHappenedIsTriedAgain() throws IOException {
        Failing failing = new Failing(new MemoryBlobStore(), 2);
        BlobStore s = new RetryingBlobStore(failing, RetryPolicy.DEFAULT, d -> { });
        assertThat(s.putManifest(null, bytes("ours"))).isTrue();
        assertThat(failing.calls.get()).isEqualTo(3);
    }

    @Test
    void aManifestSwapThatFailedWhileTheManifestMovedIsReportedAsUnknown() throws IOException {
        MemoryBlobStore memory = new MemoryBlobStore();
        BlobStore s = new RetryingBlobStore(new ForwardingStore(memory) {
            @Override
            public boolean putManifest(String expectedVersion, byte[] b) throws IOException {
                memory.putManifest(expectedVersion, bytes("theirs")); // another writer gets in first
                throw new TransientBlobException("reset");
            }
        }, RetryPolicy.DEFAULT, d -> { });
        assertThatThrownBy(() -> s.putManifest(null, bytes("ours"))).isInstanceOf(ManifestOutcomeUnknownException.class)
                .hasMessageContaining("may or may not");
        VersionedBytes m = memory.getManifest();
        assertThat(m.bytes()).isEqualTo(bytes("theirs"));
    }

    @Test
    void noMoreRequestsThanTheLimitAreInFlightAtOnce() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        MemoryBlobStore memory = new MemoryBlobStore();
        memory.put("k", BlobSource.ofBytes(bytes("v")));
        BlobStore slow = new ForwardingStore(memory) {
            @Override
            public byte[] get(String key, ByteRange range) throws IOException {
                int n = inFlight.incrementAndGet();
                most.accumulateAndGet(n, Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                inFlight.decrementAndGet();
                return super.get(key, range);
            }
        };
        BlobStore limited = new LimitedBlobStore(slow, 3);
        ExecutorService pool = Executors.newFixedThreadPool(12);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return limited.get("k", ByteRange.ALL);
                }));
            }
            go.countDown();
            for (Future<byte[]> f : results) {
                assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(bytes("v"));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(most.get()).isBetween(2, 3);
    }

    @Test
    void aBandwidthLimitPacesTransfersAfterAOneSecondBurst() throws IOException {
        AtomicLong now = new AtomicLong(1_000_000_000_000L);
        List<Duration> waits = new ArrayList<>();
        Sleeper clockAdvancing = d -> {
            waits.add(d);
            now.addAndGet(d.toNanos());
        };
        BlobStore s = new ThrottledBlobStore(new MemoryBlobStore(), 1_000_000, now::get, clockAdvancing);
        byte[] megabyte = new byte[1_000_000];
        for (int i = 0; i < 10; i++) {
            s.put("k" + i, BlobSource.ofBytes(megabyte));
        }
        long waited = waits.stream().mapToLong(Duration::toMillis).sum();
        assertThat(waited).as("10 MB at 1 MB/s after a 1 s burst").isBetween(8_900L, 9_100L);
        for (int i = 0; i < 5; i++) {
            s.get("k" + i, ByteRange.ALL);
        }
        assertThat(waits.stream().mapToLong(Duration::toMillis).sum() - waited).isBetween(4_900L, 5_100L);
    }

    @Test
    void settingsComeFromTheEnvironmentAndBadOnesAreOneClearLine() {
        RemoteDecorators d = RemoteDecorators.fromEnvironment(Map.of("CAIRN_REMOTE_RETRIES", "3",
                "CAIRN_REMOTE_MAX_REQUESTS", "4", "CAIRN_REMOTE_BANDWIDTH", "2.5MB")::get);
        assertThat(d.retry().maxAttempts()).isEqualTo(3);
        assertThat(d.maxConcurrentRequests()).isEqualTo(4);
        assertThat(d.bytesPerSecond()).isEqualTo(2_500_000);
        assertThat(RemoteDecorators.fromEnvironment(k -> null)).isEqualTo(RemoteDecorators.DEFAULT);
        assertThat(RemoteDecorators.bytes("x", "500kB")).isEqualTo(500_000);
        assertThat(RemoteDecorators.bytes("x", "1200")).isEqualTo(1200);
        assertThatThrownBy(() -> RemoteDecorators.fromEnvironment(Map.of("CAIRN_REMOTE_BANDWIDTH", "fast")::get))
                .isInstanceOf(RemoteException.class).hasMessageContaining("CAIRN_REMOTE_BANDWIDTH")
                .hasMessageContaining("'fast'");
        assertThatThrownBy(() -> RemoteDecorators.fromEnvironment(Map.of("CAIRN_REMOTE_MAX_REQUESTS", "0")::get))
                .isInstanceOf(RemoteException.class).hasMessageContaining("at least 1");
    }

    @Test
    void requestsSentWhileOpeningAreRetriedLikeAnyOther() throws IOException {
        RemoteDecorators d = new RemoteDecorators(new RetryPolicy(3, Duration.ZERO, Duration.ZERO), 4, 0);
        MemoryBlobStore memory = new MemoryBlobStore();
        AtomicInteger opens = new AtomicInteger();
        BlobStore opened = d.open(() -> {
            if (opens.incrementAndGet() < 3) {
                throw new TransientBlobException("HTTP 500 checking the bucket");
            }
            return memory;
        });
        assertThat(opens).hasValue(3);
        assertThat(opened).isInstanceOf(RetryingBlobStore.class);
        assertThat(d.open(() -> null)).as("nothing there").isNull();

        opens.set(0);
        assertThatThrownBy(() -> d.open(() -> {
            opens.incrementAndGet();
            throw new TransientBlobException("connection reset");
        })).isInstanceOf(IOException.class).isNotInstanceOf(TransientBlobException.class)
                .hasMessage("connection reset (tried 3 times)");
        assertThat(opens).hasValue(3);

        opens.set(0);
        assertThatThrownBy(() -> d.open(() -> {
            opens.incrementAndGet();
            throw new RemoteException("access denied");
        })).isInstanceOf(RemoteException.class);
        assertThat(opens).as("a failure only the user can fix is not retried").hasValue(1);
    }
}
