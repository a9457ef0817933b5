package dev.cairn.chunkstore.blob;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/** A blob store in memory, for tests and as the reference for the contract suite. */
public final class MemoryBlobStore implements BlobStore {
    private static final class Blob {
        final byte[] bytes;
        final Instant modified;

        Blob(byte[] bytes, Instant modified) {
            this.bytes = bytes;
            this.modified = modified;
        }
    }

    private final ConcurrentSkipListMap<String, Blob> blobs = new ConcurrentSkipListMap<>();
    private byte[] manifest;
    private long manifestVersion;
    private Instant manifestModified;

    @Override
    public byte[] get(String key, ByteRange range) throws IOException {
        Blob b = blobs.get(BlobKeys.check(key));
        if (b == null) {
            throw new NoSuchBlobException(key);
        }
        int len = (int) range.lengthIn(b.bytes.length);
        int from = (int) Math.min(range.offset(), b.bytes.length);
        return Arrays.copyOfRange(b.bytes, from, from + len);
    }

    @Override
    public void put(String key, BlobSource source) throws IOException {
        BlobKeys.check(key);
        byte[] bytes;
        try (InputStream in = source.openStream()) {
            bytes = in.readAllBytes();
        }
        blobs.put(key, new Blob(bytes, Instant.now()));
    }

    @Override
    public long size(String key) {
        Blob b = blobs.get(BlobKeys.check(key));
        return b == null ? -1 : b.bytes.length;
    }

    @Override
    public List<BlobInfo> list(String prefix) {
        BlobKeys.checkPrefix(prefix);
        List<BlobInfo> out = new ArrayList<>();
        for (Map.Entry<String, Blob> e : blobs.tailMap(prefix).entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                break;
            }
            out.add(new BlobInfo(e.getKey(), e.getValue().bytes.length, e.getValue().modified));
        }
        return out;
    }

    @Override
    public void delete(String key) {
        blobs.remove(BlobKeys.check(key));
    }

    @Override
    public synchronized VersionedBytes getManifest() {
        return manifest == null ? null : new VersionedBytes(manifest.clone(), Long.toString(manifestVersion), manifestModified);
    }

    @Override
    public synchronized boolean putManifest(String expectedVersion, byte[] bytes) {
        String current = manifest == null ? null : Long.toString(manifestVersion);
        if (expectedVersion == null ? current != null : !expectedVersion.equals(current)) {
            return false;
        }
        manifest = bytes.clone();
        manifestVersion++;
        manifestModified = Instant.now();
        return true;
    }

    @Override
    public void close() {
    }
}
