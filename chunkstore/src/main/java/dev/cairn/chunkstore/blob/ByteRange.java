package dev.cairn.chunkstore.blob;

/** A range of a blob: {@code length} bytes from {@code offset}, or the whole blob. */
public final class ByteRange {
    /** The whole blob. */
    public static final ByteRange ALL = new ByteRange(0, -1);

    private final long offset;
    private final long length;

    private ByteRange(long offset, long length) {
        this.offset = offset;
        this.length = length;
    }

    public static ByteRange of(long offset, long length) {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("bad range: offset " + offset + ", length " + length);
        }
        return new ByteRange(offset, length);
    }

    public long offset() {
        return offset;
    }

    /** The length, or -1 for "to the end". */
    public long length() {
        return length;
    }

    public boolean isAll() {
        return offset == 0 && length < 0;
    }

    /** The number of bytes this range covers in a blob of {@code size} bytes. */
    public long lengthIn(long size) {
        if (offset >= size) {
            return 0;
        }
        long rest = size - offset;
        return length < 0 ? rest : Math.min(rest, length);
    }

    @Override
    public String toString() {
        return isAll() ? "all" : offset + "+" + length;
    }
}
