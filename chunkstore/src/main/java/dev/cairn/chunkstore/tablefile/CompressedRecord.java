package dev.cairn.chunkstore.tablefile;

import dev.cairn.chunkstore.Chunk;
import dev.cairn.chunkstore.Hash;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * One chunk as it sits in a table file: its lz4 block (or the raw bytes when
 * lz4 would not shrink them) followed by the CRC32C of that block.
 *
 * @param hash the chunk's address
 * @param bytes the stored block and its four-byte CRC
 * @param uncompressedLength the chunk's length
 */
record CompressedRecord(Hash hash, byte[] bytes, int uncompressedLength) {

    /** Scratch space for lz4's worst case, reused per thread so each record allocates only its result. */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[0]);
    private static final int MAX_SCRATCH = 1 << 20;

    /** Compresses a chunk. Thread-safe, so callers may compress in parallel. */
    static CompressedRecord of(Chunk chunk) {
        byte[] data = chunk.data();
        int max = Lz4Codec.maxCompressedLength(data.length);
        byte[] buf = SCRATCH.get();
        if (buf.length < max) {
            buf = new byte[max];
            if (max <= MAX_SCRATCH) {
                SCRATCH.set(buf);
            }
        }
        int n = Lz4Codec.compress(data, buf, 0);
        if (n >= data.length) {
            // Incompressible: store raw. A stored length equal to the chunk length means "raw".
            buf = data;
            n = data.length;
        }
        byte[] out = Arrays.copyOf(buf, n + TableFileFormat.CRC_LENGTH);
        putCrc(out, n);
        return new CompressedRecord(chunk.hash(), out, data.length);
    }

    int storedLength() {
        return bytes.length - TableFileFormat.CRC_LENGTH;
    }

    static int crcOf(byte[] b, int off, int len) {
        CRC32C crc = new CRC32C();
        crc.update(b, off, len);
        return (int) crc.getValue();
    }

    private static void putCrc(byte[] b, int len) {
        int crc = crcOf(b, 0, len);
        b[len] = (byte) (crc >>> 24);
        b[len + 1] = (byte) (crc >>> 16);
        b[len + 2] = (byte) (crc >>> 8);
        b[len + 3] = (byte) crc;
    }
}
