package dev.cairn.chunkstore.blob;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Named immutable byte objects plus one mutable manifest: the bottom storage
 * layer, one implementation per place bytes can live (memory, a directory,
 * S3, GCS, Git, an HTTP remote).
 *
 * <p>Blobs are written once under a name derived from their content, so a
 * repeated {@link #put} of the same key carries the same bytes. The manifest
 * is the only thing ever replaced, and only by compare-and-swap on its
 * version.
 *
 * <p>Keys are relative names of {@code [A-Za-z0-9._-]} segments joined by
 * {@code /}; see {@link BlobKeys}. Implementations are thread-safe.
 */
public interface BlobStore extends AutoCloseable {

    /**
     * Reads a range of a blob. A range that runs past the end is cut short.
     *
     * @throws NoSuchBlobException if there is no such blob
     */
    byte[] get(String key, ByteRange range) throws IOException;

    /** Stores a blob durably; when this returns, the whole blob is visible under {@code key}. */
    void put(String key, BlobSource source) throws IOException;

    /** The blob's length in bytes, or -1 if there is no such blob. */
    long size(String key) throws IOException;

    default boolean exists(String key) throws IOException {
        return size(key) >= 0;
    }

    /** The blobs whose keys start with {@code prefix}, sorted by key. */
    List<BlobInfo> list(String prefix) throws IOException;

    /** Deletes a blob; deleting a missing blob is not an error. */
    void delete(String key) throws IOException;

    /** The current manifest and its version, or {@code null} if none was ever written. */
    VersionedBytes getManifest() throws IOException;

    /**
     * Replaces the manifest if its version is still {@code expectedVersion}
     * ({@code null}: only if there is no manifest yet).
     *
     * @return true if replaced; false if the version did not match
     */
    boolean putManifest(String expectedVersion, byte[] bytes) throws IOException;

    /**
     * Opens a blob for repeated ranged reads. The default reads through
     * {@link #get}; stores with cheaper random access override it.
     *
     * @throws NoSuchBlobException if there is no such blob
     */
    default BlobReader open(String key) throws IOException {
        long size = size(key);
        if (size < 0) {
            throw new NoSuchBlobException(key);
        }
        return new BlobReader() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public byte[] read(long offset, int length) throws IOException {
                // Cut at the known end, so stores whose ranged reads refuse to run past it need not.
                if (offset >= size || length == 0) {
                    return new byte[0];
                }
                return get(key, ByteRange.of(offset, (int) Math.min(length, size - offset)));
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * The file on this machine that holds the blob, for a store that keeps blobs as local
     * files; null for any other store, or if there is no such blob. Lets a copy between
     * local stores run in the kernel instead of through the JVM. Only for reading.
     */
    default Path localPath(String key) throws IOException {
        return null;
    }

    @Override
    void close() throws IOException;
}
