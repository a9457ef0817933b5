package dev.cairn.chunkstore.row;

/**
 * A row as the prolly map stores it. The arrays are the caller's from here
 * on; nothing else holds them.
 */
public record EncodedRow(byte[] key, byte[] value) {
}
