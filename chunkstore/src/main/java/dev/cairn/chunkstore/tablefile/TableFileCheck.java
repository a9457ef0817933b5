package dev.cairn.chunkstore.tablefile;

import dev.cairn.chunkstore.CorruptChunkException;
import dev.cairn.chunkstore.Hash;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Checks a whole table file on local disk, reading it front to back in large pieces rather
 * than a request per record: what a copy of whole files does before it lets a file into a
 * store. The footer, the index (its CRC, order and bounds) and every record's CRC are always
 * checked; at {@link Depth#CHUNKS} each chunk is also decompressed and hashed, so a file
 * from somewhere untrusted holds exactly the chunks its index names.
 */
public final class TableFileCheck {
    /** How much of each record is checked. */
    public enum Depth {
        /** Each record against its CRC: catches damage on the way or on disk, at memory speed. */
        RECORDS,
        /** Also each chunk, decompressed, against its address: catches any content not what it claims. */
        CHUNKS
    }

    private static final int PIECE = 4 << 20;
    /** The longest salt tried when checking a name; writers salt with 16 bytes. */
    private static final int MAX_SALT = 1 << 10;

    private TableFileCheck() {
    }

    /**
     * Checks the file {@code name} open in {@code file}.
     *
     * @return what the file holds, for comparing with a manifest's record of it
     * @throws CorruptChunkException naming the file (and the chunk, where one is at fault) if any check fails
     */
    public static TableFileSummary check(String name, FileChannel file, Depth depth) throws IOException {
        long size = file.size();
        int footerLen = TableFileFormat.FOOTER_LENGTH;
        byte[] footer = read(name, file, Math.max(0, size - footerLen), (int) Math.min(size, footerLen));
        long indexOffset = TableIndex.parseFooter(name, footer, size)[0];
        byte[] tail = read(name, file, indexOffset, (int) (size - indexOffset));
        TableIndex index = TableIndex.parse(name, tail, size);
        int n = index.count();
        int[] order = byOffset(index);
        checkName(name, file, index, order, tail);
        ByteBuffer buf = ByteBuffer.allocate(PIECE);
        byte[] scratch = new byte[64 << 10];
        long bufStart = 0;
        int bufLen = 0;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            long off = index.offset(i);
            int stored = index.storedLength(i);
            int recordLen = stored + TableFileFormat.CRC_LENGTH;
            byte[] bytes;
            int at;
            if (recordLen > PIECE) {
                bytes = read(name, file, off, recordLen);
                at = 0;
            } else {
                if (off < bufStart || off + recordLen > bufStart + bufLen) {
                    bufStart = off;
                    bufLen = (int) Math.min(PIECE, indexOffset - off);
                    buf.clear().limit(bufLen);
                    readFully(name, file, buf, off);
                }
                bytes = buf.array();
                at = (int) (off - bufStart);
            }
            if (depth == Depth.CHUNKS) {
                int length = index.uncompressedLength(i);
                if (scratch.length < length) {
                    scratch = new byte[length];
                }
                checkChunk(name, index.hash(i), bytes, at, stored, length, scratch);
            } else {
                TableFileReader.checkCrc(name, index.hash(i), bytes, at, stored);
            }
        }
        return new TableFileSummary(name, n, size, index.totalUncompressed());
    }

    /**
     * Checks a record's CRC, then that its chunk hashes to {@code h}, decompressing into
     * {@code scratch}. Unlike a read it builds no chunk, so checking a file allocates (and
     * zeroes) nothing per record: a matching hash proves these are the bytes once written,
     * whose header was checked then.
     */
    private static void checkChunk(String name, Hash h, byte[] rec, int off, int stored, int length, byte[] scratch)
            throws CorruptChunkException {
        TableFileReader.checkCrc(name, h, rec, off, stored);
        Hash actual;
        if (stored == length) {
            actual = Hash.of(rec, off, length);
        } else {
            try {
                Lz4Codec.decompressInto(rec, off, stored, scratch, length);
            } catch (IllegalArgumentException e) {
                throw new CorruptChunkException(name, h, e.getMessage(), e);
            }
            actual = Hash.of(scratch, 0, length);
        }
        if (!actual.equals(h)) {
            throw new CorruptChunkException(name, h, "hash mismatch: the stored bytes hash to " + actual);
        }
    }

    /**
     * Checks that the file is the one its name promises: the name is the hash of the index and
     * footer ({@link TableFileWriter#finish}), after the salt of a salted file. A salt is dead
     * space before the first record, but so is a conjoined source's salt in an unsalted file,
     * so both readings are tried. Without this a file could carry intact records under
     * another file's name, and a reader that had cached that name's index would misread it.
     */
    private static void checkName(String name, FileChannel file, TableIndex index, int[] order, byte[] tail)
            throws IOException {
        if (!Hash.isHash(name)) {
            throw new CorruptChunkException(name, null, "not a table-file name");
        }
        MessageDigest d = sha512();
        if (nameOf(d.digest(tail)).equals(name)) {
            return;
        }
        long lead = order.length == 0 ? index.indexOffset() : index.offset(order[0]);
        if (lead > 0 && lead <= MAX_SALT) {
            d.update(read(name, file, 0, (int) lead));
            if (nameOf(d.digest(tail)).equals(name)) {
                return;
            }
        }
        throw new CorruptChunkException(name, null, "the index and footer hash to "
                + nameOf(sha512().digest(tail)) + ", not to the file's name");
    }

    private static String nameOf(byte[] sha512) {
        return Hash.fromBytes(sha512, 0).toString();
    }

    private static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Entry numbers in the order of their records in the file. */
    private static int[] byOffset(TableIndex index) {
        int n = index.count();
        long[] keyed = new long[n];
        boolean packable = index.indexOffset() < (1L << 39) && n < (1 << 24);
        if (packable) {
            for (int i = 0; i < n; i++) {
                keyed[i] = (index.offset(i) << 24) | i;
            }
            Arrays.sort(keyed);
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = (int) (keyed[i] & ((1 << 24) - 1));
            }
            return order;
        }
        Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (a, b) -> Long.compare(index.offset(a), index.offset(b)));
        return Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
    }

    private static byte[] read(String name, FileChannel file, long offset, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        readFully(name, file, b, offset);
        return b.array();
    }

    private static void readFully(String name, FileChannel file, ByteBuffer b, long offset) throws IOException {
        long pos = offset;
        while (b.hasRemaining()) {
            int r = file.read(b, pos);
            if (r < 0) {
                throw new CorruptChunkException(name, null, "truncated: short read at offset " + pos);
            }
            pos += r;
        }
    }
}
