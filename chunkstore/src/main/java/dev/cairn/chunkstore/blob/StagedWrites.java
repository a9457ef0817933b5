package dev.cairn.chunkstore.blob;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An opt-in ability of blob stores that live on the local file system: the
 * writer fills a staging file beside the blobs and publishes it by rename, so
 * a large table file is written to disk once instead of twice.
 */
public interface StagedWrites {
    /** A new, empty, uniquely named file on the same file system as the blobs. */
    Path newStagingFile() throws IOException;

    /** Makes a finished (already fsynced) staging file visible as {@code key}, durably. */
    void publish(Path staged, String key) throws IOException;
}
