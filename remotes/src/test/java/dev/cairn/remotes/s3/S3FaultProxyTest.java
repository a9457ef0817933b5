package dev.cairn.remotes.s3;

import static dev.cairn.remotes.RoundTripData.META;
import static dev.cairn.remotes.RoundTripData.assertSameData;
import static dev.cairn.remotes.RoundTripData.commit;
import static dev.cairn.remotes.RoundTripData.key;
import static dev.cairn.remotes.RoundTripData.rows;
import static dev.cairn.remotes.RoundTripData.writeRows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.chunkstore.blob.DirectoryBlobStore;
import dev.cairn.chunkstore.model.Database;
import dev.cairn.chunkstore.tablefile.TableFileChunkStore;
import dev.cairn.remotes.BackupService;
import dev.cairn.remotes.RemoteFactory;
import dev.cairn.remotes.RemoteUrl;
import dev.cairn.remotes.decorators.ManifestOutcomeUnknownException;
import dev.cairn.remotes.decorators.RemoteDecorators;
import dev.cairn.remotes.decorators.RetryPolicy;
import dev.cairn.remotes.sync.ProgressListener;
import dev.cairn.remotes.sync.Pruner;
import dev.cairn.remotes.sync.SyncEngine;
import dev.cairn.remotes.sync.SyncResult;
import dev.cairn.testdata.net.FaultProxy;
import dev.cairn.testdata.net.FaultProxy.Fault;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7: backup sync and restore to S3 through a proxy that answers 500 or resets the
 * connection (before a request, mid-upload, mid-download) on a share of requests. The remote
 * is opened through {@link RemoteFactory}, so what carries it through is the production
 * stack: {@link S3Errors} classifying each failure and the retry decorator retrying it.
 */
class S3FaultProxyTest {
    private static final TableFileChunkStore.Options SMALL_FILES =
            new TableFileChunkStore.Options(64 << 10, 10_000, 256L << 20, 16);
    /** Patient enough that a request failing 18% of the time is never given up on, with short waits. */
    private static final RemoteDecorators PATIENT =
            new RemoteDecorators(new RetryPolicy(25, Duration.ofMillis(5), Duration.ofMillis(50)), 8, 0);

    @TempDir
    Path tmp;

    @Test
    void aBackupSyncedAndRestoredThroughResetsAnd500sHoldsTheSameData() throws IOException {
        S3ProxyServer server = S3ProxyServer.get();
        String bucket = server.newBucket();
        Map<String, String> params = S3ProxyServer.credentialParams(tmp);
        BackupService backups = new BackupService(new RemoteFactory(RemoteFactory.builtIn(), PATIENT),
                new SyncEngine(), Pruner.standard());

        DirectoryBlobStore srcBlobs = new DirectoryBlobStore(tmp.resolve("src"));
        try (TableFileChunkStore store = TableFileChunkStore.open(srcBlobs, SMALL_FILES)) {
            Database db = Database.init(store, "main", META.withMessage("Initialize data repository"));
            for (int i = 0; i < 6; i++) {
                writeRows(store, db, "main", "people", i * 500, 500, "a");
                commit(db, "main", "people " + i);
            }
            writeRows(store, db, "main", "orders", 0, 800, "o");
            commit(db, "main", "orders");
            db.createBranch("feature", "main", "main", false);
            writeRows(store, db, "feature", "orders", 500, 600, "f");
            commit(db, "feature", "more orders");
            writeRows(store, db, "main", "people", 0, 1, "uncommitted");
        }

        // 16% of the other requests and 46% of the uploads, which are few: about 20% of all requests.
        try (FaultProxy proxy = FaultProxy.builder("127.0.0.1", server.endpoint().getPort()).seed(3)
                .rate(Fault.SERVER_ERROR, 0.04).rate(Fault.RESET_BEFORE_FORWARDING, 0.04)
                .rate(Fault.RESET_MID_REQUEST, 0.3).rate(Fault.RESET_MID_RESPONSE, 0.04)
                .rate(Fault.CLOSE_MID_RESPONSE, 0.04).start()) {
            RemoteUrl url = RemoteUrl.parse("s3://" + bucket + "/backups/db?endpoint=" + proxy.endpoint()
                    + "&path-style=true", null);

            SyncResult first = backups.sync(srcBlobs, "main", url, params, null, ProgressListener.NONE).sync();
            assertThat(first.status()).isEqualTo(SyncResult.Status.UPDATED);
            Path copy1 = restore(backups, url, params, "copy1");
            assertSameData(tmp.resolve("src"), copy1);
            try (TableFileChunkStore restored = TableFileChunkStore.open(new DirectoryBlobStore(copy1))) {
                assertThat(rows(Database.open(restored), "main", "people", true))
                        .containsEntry(key(0), "value-uncommitted-0");
            }

            try (TableFileChunkStore store = TableFileChunkStore.open(srcBlobs, SMALL_FILES)) {
                Database db = Database.open(store);
                writeRows(store, db, "main", "people", 5_000, 200, "b");
                commit(db, "main", "two hundred more");
                writeRows(store, db, "feature", "orders", 0, 10, "g");
            }
            SyncResult second = backups.sync(srcBlobs, "feature", url, params, null, ProgressListener.NONE).sync();
            assertThat(second.status()).isEqualTo(SyncResult.Status.UPDATED);
            assertThat(second.wholeFileCopy()).isFalse();
            assertSameData(tmp.resolve("src"), restore(backups, url, params, "copy2"));

            for (Fault f : Fault.values()) {
                assertThat(proxy.injected(f)).as("%s: %s", f, proxy.stats()).isGreaterThanOrEqualTo(3);
            }
            assertThat(proxy.injected()).as(proxy.stats()).isGreaterThan(proxy.requests() / 10);
        }
    }

    @Test
    void theBucketCheckAndTheManifestProbeOfOpeningAreRetriedToo() throws IOException {
        S3ProxyServer server = S3ProxyServer.get();
        String bucket = server.newBucket();
        Map<String, String> params = S3ProxyServer.credentialParams(tmp);
        BackupService backups = new BackupService(new RemoteFactory(RemoteFactory.builtIn(), PATIENT),
                new SyncEngine(), Pruner.standard());
        DirectoryBlobStore srcBlobs = new DirectoryBlobStore(tmp.resolve("src"));
        try (TableFileChunkStore store = TableFileChunkStore.open(srcBlobs, SMALL_FILES)) {
            Database db = Database.init(store, "main", META.withMessage("Initialize data repository"));
            writeRows(store, db, "main", "people", 0, 100, "a");
            commit(db, "main", "people");
        }
        String bucketPath = "/" + bucket;
        String manifestPath = "/" + bucket + "/db/manifest";
        // The first requests of an open: HEAD of the bucket, then (restore) GET of the manifest.
        try (FaultProxy bucketCheck = FaultProxy.builder("127.0.0.1", server.endpoint().getPort())
                .rate(Fault.SERVER_ERROR, 0.5).rate(Fault.RESET_BEFORE_FORWARDING, 0.5).maxFaults(3)
                .faultOnly(r -> r.target().equals(bucketPath)).start()) {
            RemoteUrl url = RemoteUrl.parse("s3://" + bucket + "/db?endpoint=" + bucketCheck.endpoint()
                    + "&path-style=true", null);
            backups.sync(srcBlobs, "main", url, params, null, ProgressListener.NONE);
            assertThat(bucketCheck.injected()).isEqualTo(3);
        }
        try (FaultProxy manifestProbe = FaultProxy.builder("127.0.0.1", server.endpoint().getPort())
                .rate(Fault.RESET_MID_RESPONSE, 1).maxFaults(3)
                .faultOnly(r -> r.method().equals("GET") && r.target().equals(manifestPath)).start()) {
            RemoteUrl url = RemoteUrl.parse("s3://" + bucket + "/db?endpoint=" + manifestProbe.endpoint()
                    + "&path-style=true", null);
            assertSameData(tmp.resolve("src"), restore(backups, url, params, "copy"));
            assertThat(manifestProbe.injected()).isEqualTo(3);
        }
    }

    @Test
    void writersRacingForTheManifestThroughFaultsNeverBothWin() throws Exception {
        S3ProxyServer server = S3ProxyServer.atomic();
        String bucket = server.newBucket();
        Map<String, String> params = S3ProxyServer.credentialParams(tmp);
        RemoteFactory factory = new RemoteFactory(RemoteFactory.builtIn(), PATIENT);
        int writers = 3;
        int rounds = 25;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try (FaultProxy proxy = FaultProxy.builder("127.0.0.1", server.endpoint().getPort()).evenly(0.3).seed(11)
                .start()) {
            RemoteUrl url = RemoteUrl.parse("s3://" + bucket + "/race?endpoint=" + proxy.endpoint()
                    + "&path-style=true", null);
            List<BlobStore> stores = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                stores.add(factory.open(url, params));
            }
            try {
                assertThat(stores.get(0).putManifest(null, bytes("round -1"))).isTrue();
                int unknown = 0;
                for (int round = 0; round < rounds; round++) {
                    String expected = stores.get(0).getManifest().version();
                    CyclicBarrier start = new CyclicBarrier(writers);
                    List<Future<Object>> outcomes = new ArrayList<>();
                    for (int w = 0; w < writers; w++) {
                        BlobStore store = stores.get(w);
                        byte[] mine = bytes("round " + round + " writer " + w);
                        outcomes.add(pool.submit(() -> {
                            start.await();
                            try {
                                return store.putManifest(expected, mine);
                            } catch (ManifestOutcomeUnknownException e) {
                                return e; // allowed: the writer knows it does not know
                            }
                        }));
                    }
                    List<Integer> won = new ArrayList<>();
                    List<Integer> unsure = new ArrayList<>();
                    for (int w = 0; w < writers; w++) {
                        Object o = outcomes.get(w).get();
                        if (Boolean.TRUE.equals(o)) {
                            won.add(w);
                        } else if (o instanceof ManifestOutcomeUnknownException) {
                            unsure.add(w);
                        }
                    }
                    unknown += unsure.size();
                    byte[] now = stores.get(0).getManifest().bytes();
                    int r = round;
                    assertThat(won).as("round %d", round).hasSizeLessThanOrEqualTo(1);
                    if (won.size() == 1) {
                        assertThat(new String(now, StandardCharsets.UTF_8)).as("round %d", round)
                                .isEqualTo("round " + round + " writer " + won.get(0));
                    } else {
                        // Nobody was told they won: the manifest moved only if an unsure writer landed.
                        assertThat(unsure).as("round %d: nobody won, yet the manifest is '%s'", round,
                                new String(now, StandardCharsets.UTF_8)).isNotEmpty();
                        assertThat(unsure.stream().anyMatch(w -> Arrays.equals(now,
                                bytes("round " + r + " writer " + w)))).isTrue();
                    }
                }
                assertThat(proxy.injected()).as(proxy.stats()).isGreaterThan(proxy.requests() / 10);
                assertThat(proxy.injected(Fault.RESET_MID_RESPONSE)).as(proxy.stats()).isPositive();
                assertThat(unknown).as("unsure writers").isLessThan(rounds * writers / 2);
            } finally {
                for (BlobStore s : stores) {
                    s.close();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private Path restore(BackupService backups, RemoteUrl url, Map<String, String> params, String name)
            throws IOException {
        Path copy = tmp.resolve(name);
        backups.restore(url, params, new DirectoryBlobStore(copy), ProgressListener.NONE);
        return copy;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
