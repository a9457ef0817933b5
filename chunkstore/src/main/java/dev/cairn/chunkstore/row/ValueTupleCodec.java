package dev.cairn.chunkstore.row;

import java.util.Arrays;
import java.util.List;

/**
 * Encodes the non-key columns of a row compactly, keyed by column tag so that
 * tuples written under an older schema still read correctly.
 *
 * <pre>
 *   n        varint: number of slots; slot i belongs to the column whose tag is i
 *   bitmap   ceil(n/8) bytes; bit (i mod 8) of byte (i div 8) is set if slot i holds a value
 *   fields   for each set slot in increasing order: varint payload length, payload ({@link ValueFields})
 * </pre>
 *
 * <p>Why tags and not positions: a column's tag never changes and is never
 * reused (the schema keeps the next free tag), so
 * <ul>
 *   <li>ADD COLUMN takes a new, higher tag. Tuples written before it have
 *       {@code n <= tag}; their readers fill the column with its
 *       {@linkplain Column#backfill() backfill} value, MySQL's value for old rows.
 *       Tuples written after it always have {@code n > tag}, because the writer
 *       sets n to the highest tag it holds plus one, even when that field is NULL.</li>
 *   <li>DROP COLUMN leaves a slot no column claims; readers skip it by its length,
 *       and new tuples leave its bit clear (one bit each, no bytes).</li>
 *   <li>RENAME COLUMN and reordering change nothing stored.</li>
 * </ul>
 * Key columns have tags in the same space; their slots are always empty.
 * Two branches that each add a column give both the same tag, so a schema
 * merge has to renumber one side and rewrite its rows.
 *
 * <p>Immutable and thread-safe.
 */
final class ValueTupleCodec {
    /** Number of slots written: highest tag among this codec's columns, plus one. */
    private final int slots;
    /** Row index of the column in each slot, or -1. */
    private final int[] columnOfSlot;
    private final SqlType[] typeOfSlot;
    /** This codec's columns, in slot (tag) order: row indexes, tags, and backfill values. */
    private final int[] columns;
    private final int[] tags;
    private final Object[] backfills;

    /**
     * @param schemaColumns all columns of the table, in row order
     * @param included      row indexes of the columns this tuple holds
     */
    ValueTupleCodec(List<Column> schemaColumns, int[] included) {
        int max = -1;
        for (int c : included) {
            max = Math.max(max, schemaColumns.get(c).tag());
        }
        slots = max + 1;
        columnOfSlot = new int[slots];
        typeOfSlot = new SqlType[slots];
        Arrays.fill(columnOfSlot, -1);
        for (int c : included) {
            Column col = schemaColumns.get(c);
            columnOfSlot[col.tag()] = c;
            typeOfSlot[col.tag()] = col.type();
        }
        columns = new int[included.length];
        tags = new int[included.length];
        backfills = new Object[included.length];
        int i = 0;
        for (int slot = 0; slot < slots; slot++) {
            int c = columnOfSlot[slot];
            if (c >= 0) {
                columns[i] = c;
                tags[i] = slot;
                backfills[i] = schemaColumns.get(c).backfill();
                i++;
            }
        }
    }

    int length(Object[] row) {
        int len = Varint.size(slots) + (slots + 7) / 8;
        for (int i = 0; i < columns.length; i++) {
            Object v = row[columns[i]];
            if (v != null) {
                int pl = ValueFields.length(typeOfSlot[tags[i]], v);
                len += Varint.size(pl) + pl;
            }
        }
        return len;
    }

    /**
     * Writes the tuple at {@code pos} into {@code dst}, which {@link #length}
     * sized exactly; returns the position after it.
     */
    int write(Object[] row, byte[] dst, int pos) {
        pos = Varint.write(dst, pos, slots);
        int bitmap = pos;
        pos += (slots + 7) / 8;
        for (int i = 0; i < columns.length; i++) {
            Object v = row[columns[i]];
            if (v == null) {
                continue;
            }
            int tag = tags[i];
            dst[bitmap + (tag >>> 3)] |= (byte) (1 << (tag & 7));
            // Write the payload after a one-byte length guess; the rare longer
            // payload moves right. dst is exactly sized, so the room is there.
            int end = ValueFields.write(typeOfSlot[tag], v, dst, pos + 1);
            int len = end - pos - 1;
            if (len < 0x80) {
                dst[pos] = (byte) len;
                pos = end;
            } else {
                int prefix = Varint.size(len);
                System.arraycopy(dst, pos + 1, dst, pos + prefix, len);
                Varint.write(dst, pos, len);
                pos += prefix + len;
            }
        }
        return pos;
    }

    /**
     * Reads a tuple starting at {@code pos} into {@code row}, setting every
     * column this codec holds (NULL, value or backfill). Fails if the tuple
     * does not end exactly at the end of {@code b}.
     */
    void read(byte[] b, int pos, Object[] row) {
        TupleReader r = new TupleReader(b, pos);
        try {
            int n = r.varint();
            int bitmap = r.pos;
            r.pos += (n + 7) >>> 3;
            for (int slot = 0; slot < n; slot++) {
                if ((b[bitmap + (slot >>> 3)] & (1 << (slot & 7))) == 0) {
                    if (slot < slots && columnOfSlot[slot] >= 0) {
                        row[columnOfSlot[slot]] = null;
                    }
                    continue;
                }
                int len = r.varint();
                if (len > b.length - r.pos) {
                    throw new IllegalArgumentException("malformed value tuple: field of " + len + " bytes at byte "
                            + r.pos + " of " + b.length);
                }
                if (slot < slots && columnOfSlot[slot] >= 0) {
                    row[columnOfSlot[slot]] = ValueFields.read(typeOfSlot[slot], b, r.pos, len);
                }
                r.pos += len;
            }
            if (r.pos != b.length) {
                throw new IllegalArgumentException("malformed value tuple: ends at byte " + r.pos + " of " + b.length);
            }
            // Columns added after the tuple was written.
            for (int i = columns.length - 1; i >= 0 && tags[i] >= n; i--) {
                Object fill = backfills[i];
                // A shared BLOB array must not be changed through one row and seen in another.
                row[columns[i]] = fill instanceof byte[] bytes ? bytes.clone() : fill;
            }
        } catch (IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("malformed value tuple: truncated at " + b.length + " bytes");
        }
    }
}
