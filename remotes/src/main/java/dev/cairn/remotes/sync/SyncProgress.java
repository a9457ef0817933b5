package dev.cairn.remotes.sync;

import java.time.Duration;

/**
 * How far a sync has got. Totals grow while an incremental sync is still finding what the
 * destination lacks; a whole-file copy knows them from the start.
 *
 * @param chunksDone chunks in table files that have reached the destination
 * @param chunksTotal chunks found to send so far
 * @param bytesDone table-file bytes that have reached the destination
 * @param bytesTotal table-file bytes ready to send so far
 * @param elapsed time since the sync started
 */
public record SyncProgress(long chunksDone, long chunksTotal, long bytesDone, long bytesTotal, Duration elapsed) {
}
