package dev.cairn.remotes.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.chunkstore.ChunkStore;
import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.chunkstore.blob.DirectoryBlobStore;
import dev.cairn.chunkstore.tablefile.TableFileChunkStore;
import dev.cairn.chunkstore.tablefile.TableFileSummary;
import java.io.IOException;
import java.nio.file.Path;

/** Syncs between directories and the checks every sync test makes afterwards. */
final class SyncSupport {
    /** Small files and batches, so that even small test databases make several files and batches. */
    static final SyncOptions SMALL = SyncOptions.DEFAULT.withTargetFileBytes(16 << 10).withHasManyBatch(64)
            .withTransferThreads(3);

    private SyncSupport() {
    }

    /** Syncs the whole of {@code source}'s store into {@code destination}, as a backup does. */
    static SyncResult mirror(SyncEngine engine, BlobStore source, BlobStore destination) throws IOException {
        try (ChunkSource src = ChunkSource.open(source); Destination dst = Destination.open(destination)) {
            return engine.sync(src, src.manifest().root(), dst, RootUpdate.mirror());
        }
    }

    static SyncResult mirror(SyncEngine engine, Path source, Path destination) throws IOException {
        return mirror(engine, new DirectoryBlobStore(source), new DirectoryBlobStore(destination));
    }

    /**
     * Asserts that the store in {@code dir}, opened afresh, has root {@code root} with every
     * chunk under it, the same chunks {@code source} has under it, and every file its manifest
     * names.
     */
    static void assertHolds(Path dir, ChunkStore source, Hash root) throws IOException {
        DirectoryBlobStore blobs = new DirectoryBlobStore(dir);
        assertNoMissingFiles(blobs);
        try (TableFileChunkStore store = TableFileChunkStore.open(blobs)) {
            assertThat(store.root()).isEqualTo(root);
            assertThat(LocalDb.reachable(store, root)).isEqualTo(LocalDb.reachable(source, root));
        }
    }

    /** Every table file the manifest names exists with the recorded length. */
    static void assertNoMissingFiles(BlobStore blobs) throws IOException {
        try (TableFileChunkStore store = TableFileChunkStore.open(blobs)) {
            for (TableFileSummary t : store.manifest().tables()) {
                assertThat(blobs.size(t.name())).as("size of %s", t.name()).isEqualTo(t.length());
            }
        }
    }

    static Hash rootOf(Path dir) throws IOException {
        try (TableFileChunkStore store = TableFileChunkStore.open(new DirectoryBlobStore(dir))) {
            return store.root();
        }
    }
}
