package dev.cairn.remotes.sync;

import dev.cairn.chunkstore.ChunkStore;
import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.chunkstore.blob.VersionedBytes;
import dev.cairn.chunkstore.tablefile.Manifest;
import dev.cairn.chunkstore.tablefile.ManifestCodec;
import dev.cairn.chunkstore.tablefile.TableFileChunkStore;
import java.io.IOException;

/**
 * The side a sync writes to: a table-file store (manifest plus table files) over a blob
 * store, remote (push, backup) or local (fetch, clone, restore). The engine only ever adds
 * table files and swaps the manifest by compare-and-swap, the same protocol every
 * {@link TableFileChunkStore} writer follows, so a destination can be synced into while other
 * processes commit to it.
 *
 * <p>A local database's own {@code TableFileChunkStore} does not see what a sync wrote until
 * its {@code refresh()}. Closing this does not close the blob store, which belongs to the caller.
 */
public final class Destination implements AutoCloseable {
    /** A manifest and the version a compare-and-swap must name to replace it. */
    record State(Manifest manifest, String version) {
    }

    private final BlobStore blobs;
    private final TableFileChunkStore store;

    private Destination(BlobStore blobs, TableFileChunkStore store) {
        this.blobs = blobs;
        this.store = store;
    }

    /** Reads the manifest of the store in {@code blobs} and opens its live table files; an empty store is fine. */
    public static Destination open(BlobStore blobs) throws IOException {
        return new Destination(blobs, TableFileChunkStore.open(blobs));
    }

    public BlobStore blobs() {
        return blobs;
    }

    /** The manifest as last read. */
    public Manifest manifest() {
        return store.manifest();
    }

    /** The root as last read; {@link Hash#EMPTY} if the destination has none. */
    public Hash root() {
        return store.manifest().root();
    }

    /** Re-reads the manifest, picking up other writers' changes. */
    public void refresh() throws IOException {
        store.refresh();
    }

    /**
     * The destination's committed chunks as last read, checked on read: for looking at its
     * refs before a sync (a push's fast-forward check). Only for reading: writes go through
     * the engine.
     */
    public ChunkStore chunks() {
        return store;
    }

    /** The destination's committed chunks, checked on read, as of the last {@link #read}. */
    TableFileChunkStore store() {
        return store;
    }

    /**
     * Reads the manifest with its version and brings {@link #store()} to exactly that
     * manifest, so that what the engine checks and what it swaps agree. Retries while other
     * writers move it in between.
     */
    State read() throws IOException {
        for (int attempt = 0; ; attempt++) {
            VersionedBytes vb = blobs.getManifest();
            Manifest m = vb == null ? Manifest.EMPTY : ManifestCodec.decode("manifest", vb.bytes());
            store.refresh();
            if (store.manifest().lockToken().equals(m.lockToken()) || attempt >= 16) {
                // After many attempts the CAS, which names vb's version, still keeps things safe.
                return new State(m, vb == null ? null : vb.version());
            }
        }
    }

    @Override
    public void close() throws IOException {
        store.close();
    }

    @Override
    public String toString() {
        return "Destination(" + blobs + ")";
    }
}
