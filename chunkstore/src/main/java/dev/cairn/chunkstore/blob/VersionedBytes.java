package dev.cairn.chunkstore.blob;

/** The manifest's bytes and the version a compare-and-swap must name to replace them. */
public final class VersionedBytes {
    private final byte[] bytes;
    private final String version;

    public VersionedBytes(byte[] bytes, String version) {
        this.bytes = bytes;
        this.version = version;
    }

    public byte[] bytes() {
        return bytes;
    }

    public String version() {
        return version;
    }
}
