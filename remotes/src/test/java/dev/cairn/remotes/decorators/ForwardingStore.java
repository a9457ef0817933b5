package dev.cairn.remotes.decorators;

import dev.cairn.chunkstore.blob.BlobInfo;
import dev.cairn.chunkstore.blob.BlobReader;
import dev.cairn.chunkstore.blob.BlobSource;
import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.chunkstore.blob.ByteRange;
import dev.cairn.chunkstore.blob.VersionedBytes;
import java.io.IOException;
import java.util.List;

/** Passes every call on; tests override the calls they want to misbehave. */
class ForwardingStore implements BlobStore {
    private final BlobStore inner;

    ForwardingStore(BlobStore inner) {
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

    @Override
    public BlobReader open(String key) throws IOException {
        return inner.open(key);
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }
}
