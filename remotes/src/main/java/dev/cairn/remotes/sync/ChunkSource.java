package dev.cairn.remotes.sync;

import dev.cairn.chunkstore.ChunkStore;
import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.chunkstore.tablefile.Manifest;
import dev.cairn.chunkstore.tablefile.TableFileChunkStore;
import java.io.IOException;

/**
 * The side a sync reads from: a table-file store over a blob store, local (push, backup) or
 * remote (fetch, clone, restore). Every chunk read through it is checked against its CRC and
 * its hash, and a bad one fails with a {@code CorruptChunkException} naming the file.
 *
 * <p>Holds the manifest as it was when opened: a whole-file copy sends exactly the files of
 * that snapshot, even if the source commits meanwhile. Closing it does not close the blob
 * store, which belongs to the caller.
 */
public final class ChunkSource implements AutoCloseable {
    private final BlobStore blobs;
    private final TableFileChunkStore store;
    private final Manifest manifest;
    private final boolean local;

    private ChunkSource(BlobStore blobs, TableFileChunkStore store, boolean local) {
        this.blobs = blobs;
        this.store = store;
        this.manifest = store.manifest();
        this.local = local;
    }

    /** Opens a remote's store in {@code blobs} (fetch, clone, restore): its whole files are checked chunk by chunk. */
    public static ChunkSource open(BlobStore blobs) throws IOException {
        return new ChunkSource(blobs, TableFileChunkStore.open(blobs), false);
    }

    /**
     * Opens the user's own database in {@code blobs} (backup, push): its whole files are
     * checked by their records' CRCs, which catches a failing disk, rather than re-hashed.
     */
    public static ChunkSource openLocal(BlobStore blobs) throws IOException {
        return new ChunkSource(blobs, TableFileChunkStore.open(blobs), true);
    }

    /** Whether this is the user's own database rather than a remote. */
    public boolean isLocal() {
        return local;
    }

    public BlobStore blobs() {
        return blobs;
    }

    /** The manifest as of {@link #open}. */
    public Manifest manifest() {
        return manifest;
    }

    /** Checked reads of the source's chunks. Only for reading: the sync never writes to its source. */
    public ChunkStore chunks() {
        return store;
    }

    @Override
    public void close() throws IOException {
        store.close();
    }

    @Override
    public String toString() {
        return "ChunkSource(" + blobs + ")";
    }
}
