package dev.cairn.remotes.sync;

import dev.cairn.chunkstore.CorruptChunkException;
import dev.cairn.chunkstore.MissingTableFileException;
import dev.cairn.chunkstore.blob.BlobSource;
import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.chunkstore.blob.ByteRange;
import dev.cairn.chunkstore.blob.DirectoryBlobStore;
import dev.cairn.chunkstore.blob.NoSuchBlobException;
import dev.cairn.chunkstore.tablefile.TableFileReader;
import dev.cairn.chunkstore.tablefile.TableFileSummary;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Copies table files from one blob store to another as they are, records still compressed,
 * several at once. Used when the destination has nothing in common with the source, where
 * walking the chunk graph would only find that everything is missing.
 *
 * <p>Each file is staged on local disk and checked before it is sent on: its index and
 * footer, and every record's CRC and hash. A copy that skipped the check would carry a
 * damaged file from a remote into a fresh local database (or from a failing local disk into
 * a backup) without anyone noticing until the data is needed.
 */
final class WholeFileCopier {
    private static final int PIECE = 8 << 20;

    private final BlobStore source;
    private final BlobStore destination;
    private final Path scratch;
    private final DirectoryBlobStore staged;
    private final TransferPool pool;
    private final ProgressTracker progress;

    WholeFileCopier(BlobStore source, BlobStore destination, Path scratch, TransferPool pool,
            ProgressTracker progress) throws IOException {
        this.source = source;
        this.destination = destination;
        this.scratch = scratch;
        this.staged = new DirectoryBlobStore(scratch);
        this.pool = pool;
        this.progress = progress;
    }

    /** Copies {@code files}; when this returns, the destination holds every one under its name. */
    void copy(List<TableFileSummary> files) throws IOException {
        long chunks = 0;
        long bytes = 0;
        for (TableFileSummary t : files) {
            chunks += t.chunkCount();
            bytes += t.length();
        }
        progress.planned(chunks, bytes);
        for (TableFileSummary t : files) {
            pool.submit(() -> copyOne(t));
        }
        pool.awaitAll();
    }

    private void copyOne(TableFileSummary t) throws IOException {
        if (destination.size(t.name()) == t.length()) {
            progress.reused(t.chunkCount(), t.length());
            return;
        }
        Path file = scratch.resolve(t.name());
        try {
            download(t, file);
            verify(t);
            destination.put(t.name(), BlobSource.ofFile(file));
            progress.uploaded(t.chunkCount(), t.length());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private void download(TableFileSummary t, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long off = 0; off < t.length(); ) {
                int n = (int) Math.min(PIECE, t.length() - off);
                byte[] piece;
                try {
                    piece = source.get(t.name(), ByteRange.of(off, n));
                } catch (NoSuchBlobException e) {
                    throw new MissingTableFileException(t.name());
                }
                if (piece.length != n) {
                    throw new CorruptChunkException(t.name(), null, "truncated: the file ends at "
                            + (off + piece.length) + " bytes, the manifest says " + t.length());
                }
                out.write(piece);
                off += n;
            }
        }
    }

    /** Reads every chunk back, which checks each record's CRC and hash; a failure names the file. */
    private void verify(TableFileSummary t) throws IOException {
        try (TableFileReader r = TableFileReader.open(staged, t.name(), t.length())) {
            if (r.chunkCount() != t.chunkCount() || r.uncompressedSize() != t.uncompressedSize()) {
                throw new CorruptChunkException(t.name(), null, "holds " + r.chunkCount() + " chunks of "
                        + r.uncompressedSize() + " bytes, the manifest says " + t.chunkCount() + " of "
                        + t.uncompressedSize());
            }
            for (int i = 0; i < r.chunkCount(); i++) {
                r.read(i);
            }
        }
    }
}
