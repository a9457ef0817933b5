package dev.cairn.chunkstore;

/**
 * What one garbage collection did.
 *
 * @param chunksKept chunks the store holds afterwards
 * @param chunksDropped how many fewer it holds; where a store keeps copies of a chunk in several
 *     files, each copy counts
 * @param bytesBefore bytes the store's chunks took before
 * @param bytesAfter bytes they take afterwards
 * @param filesWritten files written to hold the kept chunks
 * @param filesRemoved files deleted afterwards
 */
public record GcResult(long chunksKept, long chunksDropped, long bytesBefore, long bytesAfter, int filesWritten,
        int filesRemoved) {

    /** The result of collecting a store that holds nothing. */
    public static final GcResult NOTHING = new GcResult(0, 0, 0, 0, 0, 0);
}
