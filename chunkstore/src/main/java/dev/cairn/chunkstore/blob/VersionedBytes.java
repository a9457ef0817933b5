package dev.cairn.chunkstore.blob;

import java.time.Instant;

/** The manifest's bytes and the version a compare-and-swap must name to replace them. */
public final class VersionedBytes {
    private final byte[] bytes;
    private final String version;
    private final Instant modified;

    public VersionedBytes(byte[] bytes, String version) {
        this(bytes, version, null);
    }

    /**
     * @param modified when this version was written, or {@code null} if the store cannot tell;
     *     pruning unreferenced files needs it to know the store has been quiet
     */
    public VersionedBytes(byte[] bytes, String version, Instant modified) {
        this.bytes = bytes;
        this.version = version;
        this.modified = modified;
    }

    public byte[] bytes() {
        return bytes;
    }

    public String version() {
        return version;
    }

    /** When this version was written, or {@code null} if unknown. */
    public Instant modified() {
        return modified;
    }
}
