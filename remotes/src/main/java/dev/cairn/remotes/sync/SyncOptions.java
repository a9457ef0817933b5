package dev.cairn.remotes.sync;

import java.nio.file.Path;

/**
 * How hard the sync engine works the network and the disk.
 *
 * @param transferThreads table files uploaded (or copied) at once
 * @param targetFileBytes chunk bytes packed into one new table file before it is sealed and
 *     uploaded; bounds the size of files an incremental sync adds and its scratch space
 * @param hasManyBatch hashes asked about in one destination {@code hasMany}; remote stores
 *     answer per request, so batches of thousands keep the walk from paying a round trip per chunk
 * @param maxCasAttempts destination manifest swaps tried before giving up on a busy destination
 * @param scratchDirectory where table files are staged on their way; null for the system temp directory
 */
public record SyncOptions(int transferThreads, long targetFileBytes, int hasManyBatch, int maxCasAttempts,
        Path scratchDirectory) {
    public static final SyncOptions DEFAULT = new SyncOptions(4, 64L << 20, 16_384, 8, null);

    public SyncOptions {
        if (transferThreads < 1 || targetFileBytes < 1 || hasManyBatch < 1 || maxCasAttempts < 1) {
            throw new IllegalArgumentException("sync options must be positive");
        }
    }

    public SyncOptions withTransferThreads(int n) {
        return new SyncOptions(n, targetFileBytes, hasManyBatch, maxCasAttempts, scratchDirectory);
    }

    public SyncOptions withTargetFileBytes(long n) {
        return new SyncOptions(transferThreads, n, hasManyBatch, maxCasAttempts, scratchDirectory);
    }

    public SyncOptions withHasManyBatch(int n) {
        return new SyncOptions(transferThreads, targetFileBytes, n, maxCasAttempts, scratchDirectory);
    }

    public SyncOptions withMaxCasAttempts(int n) {
        return new SyncOptions(transferThreads, targetFileBytes, hasManyBatch, n, scratchDirectory);
    }

    public SyncOptions withScratchDirectory(Path dir) {
        return new SyncOptions(transferThreads, targetFileBytes, hasManyBatch, maxCasAttempts, dir);
    }
}
