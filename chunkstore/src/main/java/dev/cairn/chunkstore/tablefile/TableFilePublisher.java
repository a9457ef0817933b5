package dev.cairn.chunkstore.tablefile;

import dev.cairn.chunkstore.blob.BlobSource;
import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.chunkstore.blob.StagedWrites;
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

    private TableFilePublisher() {
    }

    static TableFileSummary write(BlobStore blobs, Body body) throws IOException {
        StagedWrites staged = blobs instanceof StagedWrites s ? s : null;
        Path file = staged != null ? staged.newStagingFile() : Files.createTempFile("cairn-", ".table");
        try {
            TableFileSummary summary;
            try (TableFileWriter w = new TableFileWriter(file)) {
                body.write(w);
                summary = w.finish();
            }
            if (staged != null) {
                staged.publish(file, summary.name());
            } else {
                blobs.put(summary.name(), BlobSource.ofFile(file));
            }
            return summary;
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
