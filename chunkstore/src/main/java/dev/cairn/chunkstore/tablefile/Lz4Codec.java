package dev.cairn.chunkstore.tablefile;

import java.nio.ByteBuffer;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * The record codec: lz4 with the JNI fast compressor (falling back to the
 * pure-Java one where the native library cannot load) and the safe
 * decompressor, which never trusts lengths read from disk.
 */
final class Lz4Codec {
    private static final LZ4Compressor COMPRESSOR;
    private static final LZ4SafeDecompressor DECOMPRESSOR;

    static {
        LZ4Factory factory;
        try {
            factory = LZ4Factory.nativeInstance();
        } catch (Throwable nativeUnavailable) {
            factory = LZ4Factory.fastestJavaInstance();
        }
        COMPRESSOR = factory.fastCompressor();
        DECOMPRESSOR = factory.safeDecompressor();
    }

    private Lz4Codec() {
    }

    static int maxCompressedLength(int len) {
        return COMPRESSOR.maxCompressedLength(len);
    }

    /** Compresses into {@code dst} at {@code off}; returns the compressed length. */
    static int compress(byte[] src, byte[] dst, int off) {
        return COMPRESSOR.compress(src, 0, src.length, dst, off, dst.length - off);
    }

    /**
     * Decompresses {@code len} bytes at {@code off} into exactly {@code uncompressedLength} bytes.
     *
     * @throws IllegalArgumentException if the input is not a valid lz4 block of that size
     */
    static byte[] decompress(byte[] src, int off, int len, int uncompressedLength) {
        byte[] out = new byte[uncompressedLength];
        decompressInto(src, off, len, out, uncompressedLength);
        return out;
    }

    /**
     * Decompresses {@code len} bytes at {@code off} of {@code src} (a file mapped into memory,
     * say) into the start of {@code out}, which must hold {@code uncompressedLength} bytes.
     *
     * @throws IllegalArgumentException if the input is not a valid lz4 block of that size
     */
    static void decompressInto(ByteBuffer src, int off, int len, byte[] out, int uncompressedLength) {
        int n;
        try {
            n = DECOMPRESSOR.decompress(src, off, len, ByteBuffer.wrap(out), 0, uncompressedLength);
        } catch (LZ4Exception e) {
            throw new IllegalArgumentException("lz4 block is malformed: " + e.getMessage(), e);
        }
        if (n != uncompressedLength) {
            throw new IllegalArgumentException("lz4 block holds " + n + " bytes, index says " + uncompressedLength);
        }
    }

    /**
     * {@link #decompress} into the start of {@code out}, which must hold {@code uncompressedLength}
     * bytes: for checking many records without allocating (and zeroing) a result for each.
     */
    static void decompressInto(byte[] src, int off, int len, byte[] out, int uncompressedLength) {
        int n;
        try {
            n = DECOMPRESSOR.decompress(src, off, len, out, 0, uncompressedLength);
        } catch (LZ4Exception e) {
            throw new IllegalArgumentException("lz4 block is malformed: " + e.getMessage(), e);
        }
        if (n != uncompressedLength) {
            throw new IllegalArgumentException("lz4 block holds " + n + " bytes, index says " + uncompressedLength);
        }
    }
}
