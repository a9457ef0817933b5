package dev.cairn.remotes.sync;

import dev.cairn.chunkstore.CorruptChunkException;
import dev.cairn.chunkstore.MissingTableFileException;
import dev.cairn.chunkstore.blob.BlobSource;
import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.chunkstore.blob.ByteRange;
import dev.cairn.chunkstore.blob.DirectoryBlobStore;
import dev.cairn.chunkstore.blob.NoSuchBlobException;
import dev.cairn.chunkstore.blob.StagedWrites;
import dev.cairn.chunkstore.tablefile.TableFileCheck;
import dev.cairn.chunkstore.tablefile.TableFileSummary;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Copies table files from one blob store to another as they are, records still compressed,
 * several at once. Used when the destination has nothing in common with the source, where
 * walking the chunk graph would only find that everything is missing.
 *
 * <p>Every file is checked on local disk before it is let in, in one sequential read
 * ({@link TableFileCheck}): a file from a remote (restore, clone, fetch) down to each chunk's
 * hash, so nothing reaches a local database that is not what its address says; a file of
 * the user's own database (backup, push) down to each record's CRC, which catches a failing
 * disk before its damage reaches the backup. A copy that skipped the check would carry a
 * damaged file on without anyone noticing until the data is needed.
 *
 * <p>Each file is written to disk once on its way: into the destination's own staging file
 * when the destination is local ({@link StagedWrites}), checked there and published by
 * rename; otherwise checked where it lies when the source is local, or downloaded to the
 * scratch directory and checked there, then sent. Between two local stores the bytes are
 * copied by the kernel ({@link BlobStore#localPath}); on this project's VM that, plus a
 * check that reads the copy back, beat both a single pass through a direct buffer and a
 * check over a memory map (see bench/RESULTS.md, step 5).
 */
final class WholeFileCopier {
    private static final int PIECE = 8 << 20;

    private final BlobStore source;
    private final BlobStore destination;
    private final Path scratch;
    private final TransferPool pool;
    private final ProgressTracker progress;
    private final TableFileCheck.Depth depth;

    /**
     * @param sourceIsLocal whether the source is the user's own database, whose files are
     *     checked by their records' CRCs; any other source's are checked chunk by chunk
     */
    WholeFileCopier(BlobStore source, boolean sourceIsLocal, BlobStore destination, Path scratch, TransferPool pool,
            ProgressTracker progress) {
        this.source = source;
        this.destination = destination;
        this.scratch = scratch;
        this.pool = pool;
        this.progress = progress;
        this.depth = sourceIsLocal ? TableFileCheck.Depth.RECORDS : TableFileCheck.Depth.CHUNKS;
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
        if (destination instanceof StagedWrites staging) {
            Path staged = staging.newStagingFile();
            try {
                // Checked before the fsync: the check reads the copy from the page cache while
                // the kernel writes it out, and the fsync then has less left to wait for.
                try (FileChannel out = FileChannel.open(staged, StandardOpenOption.WRITE)) {
                    fetch(t, out);
                    check(t, staged);
                    out.force(true);
                }
                staging.publish(staged, t.name());
            } finally {
                Files.deleteIfExists(staged);
            }
        } else {
            Path local = source.localPath(t.name());
            Path downloaded = null;
            try {
                if (local == null) {
                    downloaded = scratch.resolve(t.name());
                    try (FileChannel out = FileChannel.open(downloaded, StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE)) {
                        fetch(t, out);
                    }
                }
                Path file = local != null ? local : downloaded;
                check(t, file);
                destination.put(t.name(), BlobSource.ofFile(file));
            } finally {
                if (downloaded != null) {
                    Files.deleteIfExists(downloaded);
                }
            }
        }
        progress.uploaded(t.chunkCount(), t.length());
    }

    /** Writes the source's copy of {@code t} to {@code out}: copied by the kernel from a local source. */
    private void fetch(TableFileSummary t, FileChannel out) throws IOException {
        Path local = source.localPath(t.name());
        if (local != null) {
            DirectoryBlobStore.copyFile(local, out);
        } else {
            download(t, out);
        }
    }

    private void download(TableFileSummary t, FileChannel out) throws IOException {
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
            ByteBuffer b = ByteBuffer.wrap(piece);
            while (b.hasRemaining()) {
                out.write(b);
            }
            off += n;
        }
    }

    /** Checks the copy in {@code file} and that it is the file the manifest describes; a failure names the file. */
    private void check(TableFileSummary t, Path file) throws IOException {
        TableFileSummary found;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() != t.length()) {
                throw new CorruptChunkException(t.name(), null, (ch.size() < t.length() ? "truncated: " : "wrong length: ")
                        + ch.size() + " bytes, the manifest says " + t.length());
            }
            found = TableFileCheck.check(t.name(), ch, depth);
        }
        if (found.chunkCount() != t.chunkCount() || found.uncompressedSize() != t.uncompressedSize()) {
            throw new CorruptChunkException(t.name(), null, "holds " + found.chunkCount() + " chunks of "
                    + found.uncompressedSize() + " bytes, the manifest says " + t.chunkCount() + " of "
                    + t.uncompressedSize());
        }
    }
}
