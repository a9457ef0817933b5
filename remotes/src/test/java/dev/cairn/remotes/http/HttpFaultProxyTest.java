package dev.cairn.remotes.http;

import static dev.cairn.remotes.RoundTripData.META;
import static dev.cairn.remotes.RoundTripData.assertSameData;
import static dev.cairn.remotes.RoundTripData.commit;
import static dev.cairn.remotes.RoundTripData.writeIncompressibleRows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.blob.DirectoryBlobStore;
import dev.cairn.chunkstore.model.Database;
import dev.cairn.chunkstore.model.Table;
import dev.cairn.chunkstore.tablefile.TableFileCheck;
import dev.cairn.chunkstore.tablefile.TableFileChunkStore;
import dev.cairn.remotes.BackupService;
import dev.cairn.remotes.RemoteFactory;
import dev.cairn.remotes.RemoteUrl;
import dev.cairn.remotes.decorators.RemoteDecorators;
import dev.cairn.remotes.decorators.RetryPolicy;
import dev.cairn.remotes.sync.ProgressListener;
import dev.cairn.remotes.sync.Pruner;
import dev.cairn.remotes.sync.SyncEngine;
import dev.cairn.remotes.sync.SyncResult;
import dev.cairn.testdata.net.FaultProxy;
import dev.cairn.testdata.net.FaultProxy.Fault;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8: backup sync and restore to a live Cairn remote server through a proxy that
 * answers 500, resets the connection before a request, cuts uploads and responses mid-body
 * (reset or orderly close) on a share of the requests. The remote is opened through
 * {@link RemoteFactory}, so what carries it through is the production stack: {@link HttpErrors}
 * classifying each failure and the retry decorator retrying it. Table files are several
 * hundred kB, so cuts land in the middle of real table-file bodies, and the server must
 * neither publish nor keep anything of a cut upload.
 */
class HttpFaultProxyTest {
    /** Files of up to about 512 kB (one per commit here), and no conjoining to merge them. */
    private static final TableFileChunkStore.Options BIG_FILES =
            new TableFileChunkStore.Options(512 << 10, 10_000, 256L << 20, 16);
    /** Patient enough that a request failing a fifth of the time is never given up on, with short waits. */
    private static final RemoteDecorators PATIENT =
            new RemoteDecorators(new RetryPolicy(25, Duration.ofMillis(5), Duration.ofMillis(50)), 8, 0);
    private static final String TABLE_FILE_UPLOAD = "PUT /backups/db/v1/blobs/";

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aBackupSyncedAndRestoredThroughCutUploadsCutDownloadsAnd500sHoldsTheSameData() throws IOException {
        BackupService backups = new BackupService(new RemoteFactory(RemoteFactory.builtIn(), PATIENT),
                new SyncEngine(), Pruner.standard());
        DirectoryBlobStore srcBlobs = new DirectoryBlobStore(tmp.resolve("src"));
        try (TableFileChunkStore store = TableFileChunkStore.open(srcBlobs, BIG_FILES)) {
            Database db = Database.init(store, "main", META.withMessage("Initialize data repository"));
            for (int i = 0; i < 3; i++) {
                writeIncompressibleRows(store, db, "main", "people", i * 3_000, 3_000, "a");
                commit(db, "main", "people " + i);
            }
            db.createBranch("feature", "main", "main", false);
            writeIncompressibleRows(store, db, "feature", "orders", 0, 2_000, "f");
            commit(db, "feature", "orders");
            writeIncompressibleRows(store, db, "main", "people", 0, 1, "uncommitted");
        }
        assertThat(bigFiles(tmp.resolve("src"))).as("table files big enough to cut mid-body").isGreaterThanOrEqualTo(3);

        List<String> accessLog = new CopyOnWriteArrayList<>();
        Path served = tmp.resolve("server");
        Path repository = served.resolve("backups/db");
        try (LiveServer server = LiveServer.start(served, b -> b.accessLog(accessLog::add));
                FaultProxy proxy = FaultProxy.builder("127.0.0.1", server.server.port()).seed(8)
                        .serverErrorBody("application/json; charset=utf-8",
                                "{\"error\": \"internal\", \"message\": \"injected by the test\"}")
                        .rate(Fault.SERVER_ERROR, 0.05).rate(Fault.RESET_BEFORE_FORWARDING, 0.04)
                        .rate(Fault.RESET_MID_REQUEST, 0.35).rate(Fault.RESET_MID_RESPONSE, 0.06)
                        .rate(Fault.CLOSE_MID_RESPONSE, 0.06).start()) {
            RemoteUrl url = RemoteUrl.parse(proxy.endpoint() + "/backups/db", null);

            SyncResult first = backups.sync(srcBlobs, "main", url, Map.of(), null, ProgressListener.NONE).sync();
            assertThat(first.status()).isEqualTo(SyncResult.Status.UPDATED);
            assertSameData(tmp.resolve("src"), restore(backups, url, "copy1"));

            // A change big enough that its own new table file is cut mid-upload too.
            try (TableFileChunkStore store = TableFileChunkStore.open(srcBlobs, BIG_FILES)) {
                Database db = Database.open(store);
                writeIncompressibleRows(store, db, "main", "people", 20_000, 3_000, "b");
                commit(db, "main", "three thousand more");
                writeIncompressibleRows(store, db, "feature", "orders", 0, 10, "g");
            }
            SyncResult second = backups.sync(srcBlobs, "feature", url, Map.of(), null, ProgressListener.NONE).sync();
            assertThat(second.status()).isEqualTo(SyncResult.Status.UPDATED);
            assertThat(second.wholeFileCopy()).isFalse();
            assertThat(second.bytesSent()).as("the incremental file").isGreaterThan(256 << 10);
            Path copy2 = restore(backups, url, "copy2");
            assertSameData(tmp.resolve("src"), copy2);

            String stats = proxy.stats();
            for (Fault f : Fault.values()) {
                assertThat(proxy.injected(f)).as("%s: %s", f, stats).isGreaterThanOrEqualTo(4);
            }
            assertThat(proxy.injected()).as(stats).isGreaterThan(proxy.requests() / 8);
            // Each cut upload of a table file reached the server as a body that broke off mid-way.
            long cutUploads = accessLog.stream().filter(l -> l.contains(TABLE_FILE_UPLOAD) && !l.contains(" 20"))
                    .count();
            assertThat(cutUploads).as("table-file uploads the server saw break off: %s", stats)
                    .isGreaterThanOrEqualTo(3);
            System.out.println("http backup through faults: " + stats + "; table-file uploads cut: " + cutUploads);
            // Closing lets the requests in flight end, so every broken upload has cleaned up after itself.
            server.close();
        }
        assertOnlyWholeBlobs(repository);
    }

    /**
     * Every file in the repository is the manifest, its lock, the HEAD blob or a whole table
     * file whose content matches its name: no partial upload was published, and no staging
     * file of a broken upload was left behind.
     */
    private static void assertOnlyWholeBlobs(Path repository) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.walk(repository)) {
            files.filter(Files::isRegularFile).forEach(p -> names.add(repository.relativize(p).toString()));
        }
        assertThat(names).as("staging files left behind").noneMatch(n -> n.startsWith("."));
        for (String name : names) {
            if (name.equals("manifest") || name.equals("LOCK") || name.equals(BackupService.HEAD_KEY)) {
                continue;
            }
            assertThat(Hash.isHash(name)).as("%s is a table file", name).isTrue();
            try (FileChannel ch = FileChannel.open(repository.resolve(name), StandardOpenOption.READ)) {
                TableFileCheck.check(name, ch, TableFileCheck.Depth.RECORDS);
            }
        }
    }

    private static long bigFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> Hash.isHash(p.getFileName().toString()))
                    .filter(p -> p.toFile().length() >= 256 << 10).count();
        }
    }

    private Path restore(BackupService backups, RemoteUrl url, String name) throws IOException {
        Path copy = tmp.resolve(name);
        backups.restore(url, Map.of(), new DirectoryBlobStore(copy), ProgressListener.NONE);
        return copy;
    }
}
