package dev.cairn.chunkstore.blob;

import java.io.IOException;

/** Random access to one blob, kept open for repeated reads. Thread-safe. */
public interface BlobReader extends AutoCloseable {
    long size();

    /** Reads exactly {@code length} bytes at {@code offset}, or fewer if the blob ends first. */
    byte[] read(long offset, int length) throws IOException;

    @Override
    void close() throws IOException;
}
