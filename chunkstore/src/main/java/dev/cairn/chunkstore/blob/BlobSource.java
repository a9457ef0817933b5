package dev.cairn.chunkstore.blob;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The bytes of a blob to be written: in memory or in a local file. Can be read more than once. */
public abstract class BlobSource {
    private BlobSource() {
    }

    public abstract long length() throws IOException;

    /** A fresh stream over the whole content; callers close it. */
    public abstract InputStream openStream() throws IOException;

    /** The backing file, or {@code null} if the bytes are in memory. */
    public abstract Path file();

    public static BlobSource ofBytes(byte[] bytes) {
        return new BlobSource() {
            @Override
            public long length() {
                return bytes.length;
            }

            @Override
            public InputStream openStream() {
                return new ByteArrayInputStream(bytes);
            }

            @Override
            public Path file() {
                return null;
            }
        };
    }

    public static BlobSource ofFile(Path file) {
        return new BlobSource() {
            @Override
            public long length() throws IOException {
                return Files.size(file);
            }

            @Override
            public InputStream openStream() throws IOException {
                return Files.newInputStream(file);
            }

            @Override
            public Path file() {
                return file;
            }
        };
    }
}
