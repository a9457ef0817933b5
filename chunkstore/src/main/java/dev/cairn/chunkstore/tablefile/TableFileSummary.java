package dev.cairn.chunkstore.tablefile;

/**
 * What the manifest records of a finished table file.
 *
 * @param name the file's name: the hash of its index and footer, so one name is one layout
 * @param chunkCount the number of distinct chunks in it
 * @param length the file's length in bytes
 * @param uncompressedSize the total length of its chunks
 */
public record TableFileSummary(String name, int chunkCount, long length, long uncompressedSize) {
}
