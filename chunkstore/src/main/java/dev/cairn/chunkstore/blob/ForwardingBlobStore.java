package dev.cairn.chunkstore.blob;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A blob store that passes every call to another one: the base of decorators (retries,
 * limits, fault injection), which override only the calls they change. The readers
 * {@link #open} returns send each read through {@link #readFrom}, so a decorator sees ranged
 * reads as it sees {@link #get}.
 */
public abstract class ForwardingBlobStore implements BlobStore {
    protected final BlobStore inner;

    protected ForwardingBlobStore(BlobStore inner) {
        this.inner = inner;
    }

    @Override
    public byte[] get(String key, ByteRange range) throws IOException {
        return inner.get(key, range);
    }

    @Override
    public void put(String key, BlobSource source) throws IOException {
        inner.put(key, source);
    }

    @Override
    public long size(String key) throws IOException {
        return inner.size(key);
    }

    @Override
    public List<BlobInfo> list(String prefix) throws IOException {
        return inner.list(prefix);
    }

    @Override
    public void delete(String key) throws IOException {
        inner.delete(key);
    }

    @Override
    public VersionedBytes getManifest() throws IOException {
        return inner.getManifest();
    }

    @Override
    public boolean putManifest(String expectedVersion, byte[] bytes) throws IOException {
        return inner.putManifest(expectedVersion, bytes);
    }

    /** Opens the inner store's reader; decorators wrap the opening request here. */
    protected BlobReader openReader(String key) throws IOException {
        return inner.open(key);
    }

    /** One ranged read through a reader {@link #open} returned; decorators wrap it here. */
    protected byte[] readFrom(BlobReader reader, String key, long offset, int length) throws IOException {
        return reader.read(offset, length);
    }

    @Override
    public final BlobReader open(String key) throws IOException {
        BlobReader reader = openReader(key);
        return new BlobReader() {
            @Override
            public long size() {
                return reader.size();
            }

            @Override
            public byte[] read(long offset, int length) throws IOException {
                return readFrom(reader, key, offset, length);
            }

            @Override
            public void close() throws IOException {
                reader.close();
            }
        };
    }

    @Override
    public Path localPath(String key) throws IOException {
        return inner.localPath(key);
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }

    @Override
    public String toString() {
        return inner.toString();
    }
}
