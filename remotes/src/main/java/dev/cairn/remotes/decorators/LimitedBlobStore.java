package dev.cairn.remotes.decorators;

import dev.cairn.chunkstore.blob.BlobInfo;
import dev.cairn.chunkstore.blob.BlobReader;
import dev.cairn.chunkstore.blob.BlobSource;
import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.chunkstore.blob.ByteRange;
import dev.cairn.chunkstore.blob.ForwardingBlobStore;
import dev.cairn.chunkstore.blob.VersionedBytes;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * Bounds how many requests are in flight to a blob store at once, whoever makes them: the
 * sync engine's upload threads, its walk's lookups and a reader's ranged reads share one
 * bound, so a remote that throttles or a link that is slow is not buried in parallel
 * requests. A caller over the bound waits.
 */
public final class LimitedBlobStore extends ForwardingBlobStore {
    private interface Call<T> {
        T run() throws IOException;
    }

    private final Semaphore permits;

    public LimitedBlobStore(BlobStore inner, int maxConcurrentRequests) {
        super(inner);
        if (maxConcurrentRequests < 1) {
            throw new IllegalArgumentException("at least one request must be allowed");
        }
        this.permits = new Semaphore(maxConcurrentRequests);
    }

    private <T> T limited(Call<T> call) throws IOException {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a request slot on " + inner);
        }
        try {
            return call.run();
        } finally {
            permits.release();
        }
    }

    @Override
    public byte[] get(String key, ByteRange range) throws IOException {
        return limited(() -> inner.get(key, range));
    }

    @Override
    public void put(String key, BlobSource source) throws IOException {
        limited(() -> {
            inner.put(key, source);
            return null;
        });
    }

    @Override
    public long size(String key) throws IOException {
        return limited(() -> inner.size(key));
    }

    @Override
    public List<BlobInfo> list(String prefix) throws IOException {
        return limited(() -> inner.list(prefix));
    }

    @Override
    public void delete(String key) throws IOException {
        limited(() -> {
            inner.delete(key);
            return null;
        });
    }

    @Override
    public VersionedBytes getManifest() throws IOException {
        return limited(inner::getManifest);
    }

    @Override
    public boolean putManifest(String expectedVersion, byte[] bytes) throws IOException {
        return limited(() -> inner.putManifest(expectedVersion, bytes));
    }

    @Override
    protected BlobReader openReader(String key) throws IOException {
        return limited(() -> inner.open(key));
    }

    @Override
    protected byte[] readFrom(BlobReader reader, String key, long offset, int length) throws IOException {
        return limited(() -> reader.read(offset, length));
    }
}
