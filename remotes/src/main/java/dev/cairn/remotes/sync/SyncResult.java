package dev.cairn.remotes.sync;

import dev.cairn.chunkstore.Hash;
import java.time.Duration;

/**
 * What a sync did.
 *
 * @param status how the destination's root update ended
 * @param root the destination's root afterwards, as this sync last saw it
 * @param chunksSent chunks in the table files this sync transferred (files found already
 *     there by name are not counted)
 * @param bytesSent table-file bytes transferred
 * @param filesUploaded table files transferred
 * @param filesReused table files the destination already had under the same name, left
 *     there by an interrupted sync, and so not sent again
 * @param wholeFileCopy true if the source's table files were copied as they are instead of
 *     walking the chunk graph
 * @param casAttempts destination manifest swaps tried
 * @param elapsed wall time of the whole sync
 */
public record SyncResult(Status status, Hash root, long chunksSent, long bytesSent, int filesUploaded,
        int filesReused, boolean wholeFileCopy, int casAttempts, Duration elapsed) {

    /** Races are outcomes, not exceptions: only {@link #UPDATED} and {@link #UP_TO_DATE} are success. */
    public enum Status {
        /** The destination's manifest now names the new root and files. */
        UPDATED,
        /** The destination already had the root and every chunk: nothing was written. */
        UP_TO_DATE,
        /** {@link RootUpdate#ifStill} found another root; nothing was changed. */
        ROOT_MOVED,
        /** Other writers kept moving the destination's manifest; gave up after the bounded retries. */
        LOCK_FAILURE
    }

    public boolean succeeded() {
        return status == Status.UPDATED || status == Status.UP_TO_DATE;
    }
}
