package dev.cairn.chunkstore.row;

import dev.cairn.chunkstore.Hash;

/**
 * Rows of a table without a primary key, stored as Dolt stores them:
 * <pre>
 *   key    the 20-byte {@link Hash} of the row's value tuple (all columns)
 *   value  varint count, then that value tuple
 * </pre>
 * Identical rows share one entry and the count says how many there are, so
 * INSERT of a duplicate raises the count and DELETE of one copy lowers it;
 * the entry goes when the count reaches zero. The count is outside the
 * hashed bytes, so it does not move the row's key.
 *
 * <p>After ADD or DROP COLUMN, an old row and a new row with the same visible
 * values hash differently (their tuples differ), so they may sit under two
 * keys; scans still return the right multiset because each entry is read and
 * counted on its own. Updates must use the key the row was read under.
 */
public final class KeylessRows {
    /** Length of a hidden key. */
    public static final int KEY_LENGTH = Hash.BYTE_LENGTH;

    private KeylessRows() {
    }

    /** The hidden key of the value tuple in {@code tuple[off, off + len)}. */
    static byte[] key(byte[] tuple, int off, int len) {
        return Hash.of(tuple, off, len).toBytes();
    }

    /** The hidden key of a stored keyless value (count and tuple). */
    public static byte[] keyOf(byte[] value) {
        int start = Varint.size(cardinality(value));
        return key(value, start, value.length - start);
    }

    /** How many identical rows a keyless entry stands for. */
    public static long cardinality(byte[] value) {
        long n = new TupleReader(value, 0).varlong();
        if (n < 1) {
            throw new IllegalArgumentException("malformed keyless row: count " + n);
        }
        return n;
    }

    /** The same entry standing for {@code count} rows (at least 1). */
    public static byte[] withCardinality(byte[] value, long count) {
        if (count < 1) {
            throw new IllegalArgumentException("a keyless row's count must be at least 1, not " + count);
        }
        int oldPrefix = Varint.size(cardinality(value));
        int tupleLength = value.length - oldPrefix;
        byte[] out = new byte[Varint.size(count) + tupleLength];
        int pos = Varint.write(out, 0, count);
        System.arraycopy(value, oldPrefix, out, pos, tupleLength);
        return out;
    }

    /**
     * The entry after adding {@code delta} copies (negative to delete), or
     * null if none are left and the entry should be removed.
     *
     * @throws IllegalArgumentException if more copies are deleted than exist
     */
    public static byte[] adjust(byte[] value, long delta) {
        long n = Math.addExact(cardinality(value), delta);
        if (n < 0) {
            throw new IllegalArgumentException("cannot remove " + -delta + " copies of a row stored "
                    + cardinality(value) + " times");
        }
        return n == 0 ? null : withCardinality(value, n);
    }
}
