package dev.cairn.chunkstore.blob;

import java.time.Instant;

/** A listed blob: its key, length and when it was last written. */
public final class BlobInfo {
    private final String key;
    private final long size;
    private final Instant modified;

    public BlobInfo(String key, long size, Instant modified) {
        this.key = key;
        this.size = size;
        this.modified = modified;
    }

    public String key() {
        return key;
    }

    public long size() {
        return size;
    }

    public Instant modified() {
        return modified;
    }

    @Override
    public String toString() {
        return key + " (" + size + " bytes, " + modified + ")";
    }
}
