package dev.cairn.remotes.sync;

import dev.cairn.chunkstore.Chunk;
import dev.cairn.chunkstore.blob.BlobSource;
import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.chunkstore.tablefile.TableFileSummary;
import dev.cairn.chunkstore.tablefile.TableFileWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Packs the chunks a walk finds into new table files of bounded size and uploads them on
 * the transfer pool. Files are written on the walking thread as chunks arrive, so memory
 * stays at one write buffer however much is sent; only finished files wait, on the scratch
 * disk, for the pool.
 *
 * <p>A table file is named by its index, so the same chunks in the same order make the same
 * file under the same name. The walk is deterministic, so a sync that repeats an interrupted
 * one makes the same files, and a file the destination already holds under its name is not
 * sent again.
 */
final class PackUploader implements AutoCloseable {
    private final BlobStore destination;
    private final Path scratch;
    private final long targetBytes;
    private final TransferPool pool;
    private final ProgressTracker progress;
    private final List<TableFileSummary> sealed = new ArrayList<>();
    private TableFileWriter writer;
    private long packBytes;

    PackUploader(BlobStore destination, Path scratch, long targetBytes, TransferPool pool, ProgressTracker progress) {
        this.destination = destination;
        this.scratch = scratch;
        this.targetBytes = targetBytes;
        this.pool = pool;
        this.progress = progress;
    }

    void add(Chunk chunk) throws IOException {
        if (writer == null) {
            writer = new TableFileWriter(Files.createTempFile(scratch, "pack-", ".table"));
            packBytes = 0;
        }
        writer.add(chunk);
        packBytes += chunk.size();
        if (packBytes >= targetBytes) {
            seal();
        }
    }

    private void seal() throws IOException {
        TableFileWriter w = writer;
        writer = null;
        TableFileSummary summary;
        try {
            summary = w.finish();
        } catch (IOException | RuntimeException e) {
            w.close();
            Files.deleteIfExists(w.file());
            throw e;
        }
        Path file = w.file();
        sealed.add(summary);
        progress.planned(summary.chunkCount(), summary.length());
        pool.submit(() -> upload(file, summary));
    }

    private void upload(Path file, TableFileSummary summary) throws IOException {
        try {
            if (destination.size(summary.name()) == summary.length()) {
                progress.reused(summary.chunkCount(), summary.length());
            } else {
                destination.put(summary.name(), BlobSource.ofFile(file));
                progress.uploaded(summary.chunkCount(), summary.length());
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Seals the open file, waits for every upload, and returns the files sealed since the last flush, in order. */
    List<TableFileSummary> flush() throws IOException {
        if (writer != null) {
            seal();
        }
        pool.awaitAll();
        List<TableFileSummary> out = List.copyOf(sealed);
        sealed.clear();
        return out;
    }

    /** Drops a file left open by a failed sync; the scratch directory goes with the sync. */
    @Override
    public void close() throws IOException {
        if (writer != null) {
            writer.close();
            writer = null;
        }
    }
}
