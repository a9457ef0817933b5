package dev.cairn.chunkstore;

/**
 * What one garbage collection did.
 *
 * @param chunksKept chunks in the store's files after the collection
 * @param chunksDropped stored chunks removed; a chunk that was stored in two files and kept in one
 *     counts as one dropped copy
 * @param bytesBefore bytes the collected files took before
 * @param bytesAfter bytes their replacements take
 * @param filesWritten files written to hold the kept chunks
 * @param filesRemoved files deleted afterwards
 */
public record GcResult(long chunksKept, long chunksDropped, long bytesBefore, long bytesAfter, int filesWritten,
        int filesRemoved) {

    /** The result of collecting a store that holds nothing. */
    public static final GcResult NOTHING = new GcResult(0, 0, 0, 0, 0, 0);
}
