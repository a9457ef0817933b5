package dev.cairn.chunkstore.tablefile;

import dev.cairn.chunkstore.CorruptChunkException;
import dev.cairn.chunkstore.Hash;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.zip.CRC32C;

/**
 * A table file's index and footer, parsed and checked once when the file is
 * opened. Lookups binary-search a flat array of hash prefixes and compare
 * whole hashes only among entries sharing a prefix.
 */
final class TableIndex {
    private final long indexOffset;
    private final long totalUncompressed;
    private final long[] prefixes;
    private final Hash[] hashes;
    private final long[] offsets;
    private final int[] storedLengths;
    private final int[] uncompressedLengths;

    private TableIndex(long indexOffset, long totalUncompressed, int count) {
        this.indexOffset = indexOffset;
        this.totalUncompressed = totalUncompressed;
        this.prefixes = new long[count];
        this.hashes = new Hash[count];
        this.offsets = new long[count];
        this.storedLengths = new int[count];
        this.uncompressedLengths = new int[count];
    }

    /** Parses the footer at the end of {@code tail}; returns the index offset and count it declares. */
    static long[] parseFooter(String file, byte[] tail, long fileLength) throws CorruptChunkException {
        if (fileLength < TableFileFormat.FOOTER_LENGTH || tail.length < TableFileFormat.FOOTER_LENGTH) {
            throw new CorruptChunkException(file, null, "truncated: " + fileLength + " bytes is too short for a footer");
        }
        ByteBuffer f = ByteBuffer.wrap(tail, tail.length - TableFileFormat.FOOTER_LENGTH, TableFileFormat.FOOTER_LENGTH);
        long indexOffset = f.getLong();
        int count = f.getInt();
        f.getLong();
        f.getInt();
        int version = f.getInt();
        long magic = f.getLong();
        if (magic != TableFileFormat.MAGIC) {
            throw new CorruptChunkException(file, null, "bad magic number 0x" + Long.toHexString(magic)
                    + " (truncated, or not a table file)");
        }
        if (version != TableFileFormat.VERSION) {
            throw new CorruptChunkException(file, null, "unsupported table file version " + version);
        }
        long expectedLength = indexOffset + (long) count * TableFileFormat.INDEX_ENTRY_LENGTH
                + TableFileFormat.FOOTER_LENGTH;
        if (count < 0 || indexOffset < 0 || expectedLength != fileLength) {
            throw new CorruptChunkException(file, null, "footer declares " + count + " chunks and index offset "
                    + indexOffset + ", which does not fit a file of " + fileLength + " bytes");
        }
        return new long[] {indexOffset, count};
    }

    /** Parses and checks the index; {@code tail} holds the index followed by the footer. */
    static TableIndex parse(String file, byte[] tail, long fileLength) throws CorruptChunkException {
        long[] footer = parseFooter(file, tail, fileLength);
        long indexOffset = footer[0];
        int count = (int) footer[1];
        int indexLength = count * TableFileFormat.INDEX_ENTRY_LENGTH;
        if (tail.length != indexLength + TableFileFormat.FOOTER_LENGTH) {
            throw new IllegalArgumentException("tail must hold exactly the index and footer");
        }
        ByteBuffer f = ByteBuffer.wrap(tail, indexLength, TableFileFormat.FOOTER_LENGTH);
        f.getLong();
        f.getInt();
        long totalUncompressed = f.getLong();
        int indexCrc = f.getInt();
        CRC32C crc = new CRC32C();
        crc.update(tail, 0, indexLength);
        if ((int) crc.getValue() != indexCrc) {
            throw new CorruptChunkException(file, null, "index CRC mismatch");
        }
        TableIndex idx = new TableIndex(indexOffset, totalUncompressed, count);
        ByteBuffer b = ByteBuffer.wrap(tail, 0, indexLength);
        Hash previous = null;
        long sumOfLengths = 0;
        for (int i = 0; i < count; i++) {
            Hash h = Hash.read(b);
            long off = b.getLong();
            int stored = b.getInt();
            int length = b.getInt();
            if (previous != null && previous.compareTo(h) >= 0) {
                throw new CorruptChunkException(file, h, "index is not sorted");
            }
            if (off < 0 || stored < 0 || length < stored || length < 0
                    || off + stored + TableFileFormat.CRC_LENGTH > indexOffset) {
                throw new CorruptChunkException(file, h, "index entry points outside the records");
            }
            idx.prefixes[i] = h.prefix();
            idx.hashes[i] = h;
            idx.offsets[i] = off;
            idx.storedLengths[i] = stored;
            idx.uncompressedLengths[i] = length;
            sumOfLengths += length;
            previous = h;
        }
        // The index CRC does not cover the footer; this is the one footer field nothing else checks.
        if (sumOfLengths != totalUncompressed) {
            throw new CorruptChunkException(file, null, "footer declares " + totalUncompressed
                    + " uncompressed bytes but the index adds up to " + sumOfLengths);
        }
        return idx;
    }

    /** The entry for {@code h}, or -1. */
    int find(Hash h) {
        long p = h.prefix();
        int lo = 0;
        int hi = prefixes.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Long.compareUnsigned(prefixes[mid], p);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                // Equal prefixes are rare; walk back to the first, then forward.
                int i = mid;
                while (i > 0 && prefixes[i - 1] == p) {
                    i--;
                }
                for (; i < prefixes.length && prefixes[i] == p; i++) {
                    if (hashes[i].equals(h)) {
                        return i;
                    }
                }
                return -1;
            }
        }
        return -1;
    }

    /**
     * Sets {@code present[i]} for each of the sorted {@code queries} this index
     * holds. Few queries binary-search; many walk both sorted lists in step,
     * which costs one pass over the index instead of a search per query.
     */
    void markPresent(Hash[] queries, boolean[] present) {
        long[] queryPrefixes = new long[queries.length];
        for (int i = 0; i < queries.length; i++) {
            queryPrefixes[i] = queries[i].prefix();
        }
        markPresent(queries, queryPrefixes, present);
    }

    /**
     * As {@link #markPresent(Hash[], boolean[])}, for queries sorted by unsigned
     * prefix (as {@link #sortByPrefix} leaves them) with their prefixes alongside,
     * so that searching touches flat arrays and a {@link Hash} only on a prefix match.
     * Few queries search the index; few entries search the queries; otherwise
     * both lists are walked in step.
     */
    void markPresent(Hash[] queries, long[] queryPrefixes, boolean[] present) {
        int n = hashes.length;
        int q = queries.length;
        if (n == 0 || q == 0) {
            return;
        }
        if ((long) q * 32 < n) {
            for (int i = 0; i < q; i++) {
                if (!present[i] && find(queries[i]) >= 0) {
                    present[i] = true;
                }
            }
            return;
        }
        if ((long) n * 32 < q) {
            int from = 0;
            for (int k = 0; k < n && from < q; k++) {
                long p = prefixes[k];
                from = lowerBound(queryPrefixes, from, q, p);
                for (int i = from; i < q && queryPrefixes[i] == p; i++) {
                    if (!present[i] && hashes[k].equals(queries[i])) {
                        present[i] = true;
                    }
                }
            }
            return;
        }
        int j = 0;
        for (int i = 0; i < q && j < n; i++) {
            long p = queryPrefixes[i];
            while (j < n && Long.compareUnsigned(prefixes[j], p) < 0) {
                j++;
            }
            for (int k = j; k < n && prefixes[k] == p; k++) {
                if (hashes[k].equals(queries[i])) {
                    present[i] = true;
                    break;
                }
            }
        }
    }

    /** The first index in {@code [from, to)} of sorted {@code a} whose value is not below {@code p}, unsigned. */
    private static int lowerBound(long[] a, int from, int to, long p) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(a[mid], p) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static final Comparator<Hash> BY_PREFIX = (a, b) -> Long.compareUnsigned(a.prefix(), b.prefix());

    /**
     * Sorts {@code queries} in place by unsigned prefix (hashes sharing a prefix
     * in any order) and returns their prefixes in that order. Sorts primitive
     * keys, each a prefix's top bits with the query's position in the low bits,
     * instead of comparing objects scattered over the heap; runs of keys that
     * tie on those top bits (rare for real hashes) are then sorted by the full prefix.
     */
    static long[] sortByPrefix(Hash[] queries) {
        int n = queries.length;
        int bits = 32 - Integer.numberOfLeadingZeros(Math.max(1, n - 1));
        long low = (1L << bits) - 1;
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            // Flipping the sign bit makes signed order the unsigned order of prefixes.
            keys[i] = ((queries[i].prefix() ^ Long.MIN_VALUE) & ~low) | i;
        }
        Arrays.sort(keys);
        Hash[] unsorted = queries.clone();
        for (int i = 0; i < n; i++) {
            queries[i] = unsorted[(int) (keys[i] & low)];
        }
        for (int from = 0; from < n; ) {
            long top = keys[from] & ~low;
            int to = from + 1;
            while (to < n && (keys[to] & ~low) == top) {
                to++;
            }
            if (to - from > 1) {
                Arrays.sort(queries, from, to, BY_PREFIX);
            }
            from = to;
        }
        long[] prefixes = new long[n];
        for (int i = 0; i < n; i++) {
            prefixes[i] = queries[i].prefix();
        }
        return prefixes;
    }

    int count() {
        return hashes.length;
    }

    long indexOffset() {
        return indexOffset;
    }

    long totalUncompressed() {
        return totalUncompressed;
    }

    Hash hash(int i) {
        return hashes[i];
    }

    long offset(int i) {
        return offsets[i];
    }

    int storedLength(int i) {
        return storedLengths[i];
    }

    int uncompressedLength(int i) {
        return uncompressedLengths[i];
    }
}
