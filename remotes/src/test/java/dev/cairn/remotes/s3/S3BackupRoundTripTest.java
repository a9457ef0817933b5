package dev.cairn.remotes.s3;

import static dev.cairn.remotes.RoundTripData.META;
import static dev.cairn.remotes.RoundTripData.assertSameData;
import static dev.cairn.remotes.RoundTripData.commit;
import static dev.cairn.remotes.RoundTripData.writeRows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.blob.DirectoryBlobStore;
import dev.cairn.chunkstore.model.Database;
import dev.cairn.chunkstore.tablefile.TableFileChunkStore;
import dev.cairn.remotes.BackupService;
import dev.cairn.remotes.RemoteException;
import dev.cairn.remotes.RemoteUrl;
import dev.cairn.remotes.sync.ProgressListener;
import dev.cairn.remotes.sync.SyncResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backup sync} to an s3 URL and {@code backup restore} from it, through the real BackupService. */
class S3BackupRoundTripTest {
    private static final S3ProxyServer SERVER = S3ProxyServer.get();
    private static final TableFileChunkStore.Options SMALL_FILES =
            new TableFileChunkStore.Options(64 << 10, 10_000, 256L << 20, 16);

    @TempDir
    Path tmp;

    @Test
    void aBackupSyncedToS3RestoresToTheSameDatabaseAndAResyncSendsOnlyTheChange() throws IOException {
        String bucket = SERVER.newBucket();
        RemoteUrl url = SERVER.remoteUrl(bucket, "backups/db");
        Map<String, String> params = S3ProxyServer.credentialParams(tmp);
        BackupService backups = BackupService.standard();

        DirectoryBlobStore srcBlobs = new DirectoryBlobStore(tmp.resolve("src"));
        Hash firstRoot;
        try (TableFileChunkStore store = TableFileChunkStore.open(srcBlobs, SMALL_FILES)) {
            Database db = Database.init(store, "main", META.withMessage("Initialize data repository"));
            writeRows(store, db, "main", "people", 0, 3_000, "a");
            commit(db, "main", "people");
            db.createBranch("feature", "main", "main", false);
            writeRows(store, db, "feature", "orders", 0, 400, "f");
            commit(db, "feature", "orders");
            writeRows(store, db, "main", "people", 0, 1, "uncommitted");
            firstRoot = store.root();
        }

        SyncResult first = backups.sync(srcBlobs, "feature", url, params, null, ProgressListener.NONE).sync();
        assertThat(first.status()).isEqualTo(SyncResult.Status.UPDATED);
        assertThat(first.filesUploaded()).isGreaterThan(1);

        Path copy = tmp.resolve("copy");
        BackupService.RestoreOutcome restored = backups.restore(url, params, new DirectoryBlobStore(copy),
                ProgressListener.NONE);
        assertThat(restored.branch()).isEqualTo("feature");
        assertThat(assertSameData(tmp.resolve("src"), copy)).isEqualTo(firstRoot);

        // One more row: the second sync sends far less than the first.
        try (TableFileChunkStore store = TableFileChunkStore.open(srcBlobs, SMALL_FILES)) {
            Database db = Database.open(store);
            writeRows(store, db, "main", "people", 5_000, 1, "b");
            commit(db, "main", "one more");
        }
        SyncResult second = backups.sync(srcBlobs, "main", url, params, null, ProgressListener.NONE).sync();
        assertThat(second.status()).isEqualTo(SyncResult.Status.UPDATED);
        assertThat(second.wholeFileCopy()).isFalse();
        assertThat(second.bytesSent()).isLessThan(first.bytesSent() / 4);

        Path copy2 = tmp.resolve("copy2");
        assertThat(backups.restore(url, params, new DirectoryBlobStore(copy2), ProgressListener.NONE).branch())
                .isEqualTo("main");
        Hash secondRoot;
        try (TableFileChunkStore store = TableFileChunkStore.open(new DirectoryBlobStore(tmp.resolve("src")))) {
            secondRoot = store.root();
        }
        assertThat(secondRoot).isNotEqualTo(firstRoot);
        assertThat(assertSameData(tmp.resolve("src"), copy2)).isEqualTo(secondRoot);
    }

    @Test
    void restoringFromAnEmptyPathSaysThereIsNoDatabase() {
        String bucket = SERVER.newBucket();
        RemoteUrl url = SERVER.remoteUrl(bucket, "nothing");
        assertThatThrownBy(() -> BackupService.standard().restore(url, S3ProxyServer.credentialParams(tmp),
                new DirectoryBlobStore(tmp.resolve("into")), ProgressListener.NONE))
                .isInstanceOf(RemoteException.class).hasMessage("backup at '" + url + "' has no database");
    }
}
