package dev.cairn.chunkstore.tablefile;

import dev.cairn.chunkstore.blob.BlobSource;
import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.chunkstore.blob.StagedWrites;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a table file and stores it under its content-derived name: in place
 * by rename where the blob store is a local directory, otherwise from a
 * local temporary file. The file is durable before its name is visible.
 */
final class TableFilePublisher {
    /** Fills a table file. */
    interface Body {
        void write(TableFileWriter writer) throws IOException;
    }

    /** A table file being written, for callers that fill it a record at a time. Close it in any case. */
    static final class Staged implements Closeable {
        private final BlobStore blobs;
        private final StagedWrites staged;
        private final Path file;
        private final TableFileWriter writer;

        private Staged(BlobStore blobs) throws IOException {
            this.blobs = blobs;
            this.staged = blobs instanceof StagedWrites s ? s : null;
            this.file = staged != null ? staged.newStagingFile() : Files.createTempFile("cairn-", ".table");
            try {
                this.writer = new TableFileWriter(file);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(file);
                throw e;
            }
        }

        TableFileWriter writer() {
            return writer;
        }

        /** Finishes the file and makes it visible under its name. */
        TableFileSummary publish() throws IOException {
            TableFileSummary summary;
            try (TableFileWriter w = writer) {
                summary = w.finish();
            }
            if (staged != null) {
                staged.publish(file, summary.name());
            } else {
                blobs.put(summary.name(), BlobSource.ofFile(file));
            }
            return summary;
        }

        /** Removes the local file, if publishing has not moved it away. */
        @Override
        public void close() throws IOException {
            try {
                writer.close();
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }

    private TableFilePublisher() {
    }

    static Staged begin(BlobStore blobs) throws IOException {
        return new Staged(blobs);
    }

    static TableFileSummary write(BlobStore blobs, Body body) throws IOException {
        try (Staged s = begin(blobs)) {
            body.write(s.writer());
            return s.publish();
        }
    }
}
