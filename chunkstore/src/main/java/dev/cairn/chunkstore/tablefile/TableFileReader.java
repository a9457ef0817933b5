package dev.cairn.chunkstore.tablefile;

import dev.cairn.chunkstore.Chunk;
import dev.cairn.chunkstore.CorruptChunkException;
import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.MissingTableFileException;
import dev.cairn.chunkstore.blob.BlobReader;
import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.chunkstore.blob.NoSuchBlobException;
import java.io.Closeable;
import java.io.IOException;

/**
 * Reads chunks from one table file (layout in {@link TableFileWriter}). The
 * index is loaded and checked on {@link #open}, or on first use after
 * {@link #openLazily}; every chunk read is checked against its record's
 * CRC32C and then against its own hash. Thread-safe.
 */
public final class TableFileReader implements Closeable {
    private final String name;
    private final BlobReader blob;
    private final long size;
    private volatile TableIndex index;

    private TableFileReader(String name, BlobReader blob, long size) {
        this.name = name;
        this.blob = blob;
        this.size = size;
    }

    /**
     * Opens a table file and loads its index.
     *
     * @param expectedLength the length the manifest recorded, or -1 if unknown
     * @throws MissingTableFileException if there is no such file
     * @throws CorruptChunkException if it is truncated or its footer or index is damaged
     */
    public static TableFileReader open(BlobStore blobs, String name, long expectedLength) throws IOException {
        TableFileReader r = openLazily(blobs, name, expectedLength);
        try {
            r.index();
        } catch (IOException | RuntimeException e) {
            r.close();
            throw e;
        }
        return r;
    }

    /**
     * Opens a table file and checks its length, leaving the index to be loaded on first use:
     * a store of many large files opens without reading an index it may not need (a no-op
     * sync, {@code status}). A damaged index then fails that first use, naming the file.
     *
     * @param expectedLength the length the manifest recorded, or -1 if unknown
     * @throws MissingTableFileException if there is no such file
     * @throws CorruptChunkException if it is not as long as the manifest says
     */
    public static TableFileReader openLazily(BlobStore blobs, String name, long expectedLength) throws IOException {
        BlobReader blob;
        try {
            blob = blobs.open(name);
        } catch (NoSuchBlobException e) {
            throw new MissingTableFileException(name);
        }
        try {
            long size = blob.size();
            if (expectedLength >= 0 && size != expectedLength) {
                throw new CorruptChunkException(name, null, (size < expectedLength ? "truncated: " : "wrong length: ")
                        + size + " bytes, the manifest says " + expectedLength);
            }
            TableFileReader r = new TableFileReader(name, blob, size);
            blob = null;
            return r;
        } finally {
            if (blob != null) {
                blob.close();
            }
        }
    }

    /** The index, read and checked on first use. */
    TableIndex index() throws IOException {
        TableIndex i = index;
        if (i == null) {
            synchronized (this) {
                i = index;
                if (i == null) {
                    i = loadIndex();
                    index = i;
                }
            }
        }
        return i;
    }

    private TableIndex loadIndex() throws IOException {
        int footerLen = TableFileFormat.FOOTER_LENGTH;
        byte[] footer = blob.read(Math.max(0, size - footerLen), (int) Math.min(size, footerLen));
        long[] parsed = TableIndex.parseFooter(name, footer, size);
        long indexOffset = parsed[0];
        byte[] tail = blob.read(indexOffset, (int) (size - indexOffset));
        if (tail.length != size - indexOffset) {
            throw new CorruptChunkException(name, null, "truncated while reading the index");
        }
        return TableIndex.parse(name, tail, size);
    }

    public String name() {
        return name;
    }

    public int chunkCount() throws IOException {
        return index().count();
    }

    public long length() {
        return size;
    }

    public long uncompressedSize() throws IOException {
        return index().totalUncompressed();
    }

    /** Whether the file holds {@code h}; may load the index. */
    public boolean has(Hash h) throws IOException {
        return index().find(h) >= 0;
    }

    /** The addresses of every chunk in the file, in hash order. */
    public Hash hashAt(int i) throws IOException {
        return index().hash(i);
    }

    /** Returns the chunk, or {@code null} if this file does not hold it. */
    public Chunk get(Hash h) throws IOException {
        int i = index().find(h);
        return i < 0 ? null : read(i);
    }

    /** Reads and checks the {@code i}-th chunk in hash order. */
    public Chunk read(int i) throws IOException {
        TableIndex index = index();
        Hash h = index.hash(i);
        int stored = index.storedLength(i);
        byte[] rec = blob.read(index.offset(i), stored + TableFileFormat.CRC_LENGTH);
        return decode(h, rec, 0, stored, index.uncompressedLength(i));
    }

    /** Checks the record of chunk {@code h} that starts at {@code off} in {@code rec} (block, then CRC) and decodes it. */
    Chunk decode(Hash h, byte[] rec, int off, int stored, int length) throws CorruptChunkException {
        return decode(name, h, rec, off, stored, length);
    }

    /** {@link #decode(Hash, byte[], int, int, int)} of a record of the file {@code name}. */
    static Chunk decode(String name, Hash h, byte[] rec, int off, int stored, int length)
            throws CorruptChunkException {
        checkCrc(name, h, rec, off, stored);
        byte[] data;
        if (stored == length) {
            data = new byte[length];
            System.arraycopy(rec, off, data, 0, length);
        } else {
            try {
                data = Lz4Codec.decompress(rec, off, stored, length);
            } catch (IllegalArgumentException e) {
                throw new CorruptChunkException(name, h, e.getMessage(), e);
            }
        }
        Chunk c;
        try {
            c = Chunk.fromBytes(data);
        } catch (IllegalArgumentException e) {
            throw new CorruptChunkException(name, h, "malformed chunk header: " + e.getMessage(), e);
        }
        if (!c.hash().equals(h)) {
            throw new CorruptChunkException(name, h, "hash mismatch: the stored bytes hash to " + c.hash());
        }
        return c;
    }

    /** Checks that the record of {@code h} at {@code off} in {@code rec} is whole and matches its CRC. */
    static void checkCrc(String name, Hash h, byte[] rec, int off, int stored) throws CorruptChunkException {
        if (rec.length - off < stored + TableFileFormat.CRC_LENGTH) {
            throw new CorruptChunkException(name, h, "truncated record");
        }
        int expectedCrc = ((rec[off + stored] & 0xff) << 24) | ((rec[off + stored + 1] & 0xff) << 16)
                | ((rec[off + stored + 2] & 0xff) << 8) | (rec[off + stored + 3] & 0xff);
        if (CompressedRecord.crcOf(rec, off, stored) != expectedCrc) {
            throw new CorruptChunkException(name, h, "record CRC mismatch");
        }
    }

    byte[] readRange(long offset, int length) throws IOException {
        byte[] b = blob.read(offset, length);
        if (b.length != length) {
            throw new CorruptChunkException(name, null, "truncated: short read at offset " + offset);
        }
        return b;
    }

    @Override
    public void close() throws IOException {
        blob.close();
    }

    @Override
    public String toString() {
        TableIndex i = index;
        return "TableFileReader(" + name + (i == null ? ", index not loaded)" : ", " + i.count() + " chunks)");
    }
}
