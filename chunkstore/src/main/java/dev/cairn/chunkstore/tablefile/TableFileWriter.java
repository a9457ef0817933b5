package dev.cairn.chunkstore.tablefile;

import dev.cairn.chunkstore.Chunk;
import dev.cairn.chunkstore.Hash;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Writes one immutable table file, format version 1. All integers are big-endian.
 *
 * <pre>
 *  +--------------------------------------------------------------------+
 *  | record 0: stored block (lz4, or raw if lz4 would not shrink it)    |
 *  |           CRC32C of the stored block                       4 bytes |
 *  | record 1 ...            (records in write order)                   |
 *  +--------------------------------------------------------------------+
 *  | index: one entry per chunk, sorted by hash (so by hash prefix)     |
 *  |   hash                                                    20 bytes |
 *  |   record offset from the start of the file                 8 bytes |
 *  |   stored length (without the CRC; == chunk length: raw)    4 bytes |
 *  |   chunk length                                             4 bytes |
 *  +--------------------------------------------------------------------+
 *  | footer                                                   36 bytes  |
 *  |   index offset                                             8 bytes |
 *  |   chunk count                                              4 bytes |
 *  |   total uncompressed size                                  8 bytes |
 *  |   CRC32C of the index                                      4 bytes |
 *  |   format version (1)                                       4 bytes |
 *  |   magic "cairnTF1"                                         8 bytes |
 *  +--------------------------------------------------------------------+
 * </pre>
 *
 * Bytes between records that no index entry points at are dead space,
 * skipped by readers: a duplicate record left by conjoining, or a salt.
 *
 * <p>The file is named by the hash of its index and footer (addresses, offsets,
 * lengths and where the records end), so one name always means one layout: a reader that loaded the
 * index of a file can never find a different file under that name, and
 * writing the same chunks in the same order again produces the same file.
 * A writer may salt the name ({@link #salt}): a nonce written first, as dead
 * space, and hashed before the index, so that the file shares its name with
 * no other file whatever chunks it holds (garbage collection needs that).
 * Readers load the index once and binary-search it by prefix.
 *
 * <p>Not thread-safe: compress records in parallel with
 * {@link CompressedRecord#of}, then add them here from one thread.
 */
public final class TableFileWriter implements Closeable {
    private record Entry(Hash hash, long offset, int storedLength, int uncompressedLength) {
    }

    private final Path file;
    private final FileChannel out;
    private final List<Entry> entries = new ArrayList<>();
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
    private long position;
    private long totalUncompressed;
    private byte[] salt = new byte[0];
    private boolean finished;

    public TableFileWriter(Path file) throws IOException {
        this.file = file;
        this.out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
    }

    public Path file() {
        return file;
    }

    public int chunkCount() {
        return entries.size();
    }

    /** Bytes written so far. */
    public long position() {
        return position;
    }

    /**
     * Compresses and appends one chunk. For writers outside this package, such as sync,
     * which compress on their own threads by writing several files at once.
     */
    public void add(Chunk chunk) throws IOException {
        add(CompressedRecord.of(chunk));
    }

    void add(CompressedRecord r) throws IOException {
        entries.add(new Entry(r.hash(), position, r.storedLength(), r.uncompressedLength()));
        write(r.bytes(), 0, r.bytes().length);
        totalUncompressed += r.uncompressedLength();
    }

    /** Starts the file with {@code nonce}, as dead space that also goes into the file's name. */
    void salt(byte[] nonce) throws IOException {
        if (position != 0) {
            throw new IllegalStateException("a table file is salted before anything is written to it");
        }
        salt = nonce.clone();
        write(salt, 0, salt.length);
    }

    /**
     * Copies every record of another table file verbatim, without decompressing
     * them: how table files are conjoined.
     */
    void copyRecordsOf(TableFileReader source) throws IOException {
        long base = position;
        TableIndex idx = source.index();
        long end = idx.indexOffset();
        for (long off = 0; off < end; ) {
            int n = (int) Math.min(8 << 20, end - off);
            byte[] piece = source.readRange(off, n);
            write(piece, 0, piece.length);
            off += n;
        }
        for (int i = 0; i < idx.count(); i++) {
            entries.add(new Entry(idx.hash(i), base + idx.offset(i), idx.storedLength(i), idx.uncompressedLength(i)));
            totalUncompressed += idx.uncompressedLength(i);
        }
    }

    private void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = Math.min(len, buffer.remaining());
            buffer.put(b, off, n);
            off += n;
            len -= n;
            position += n;
            if (!buffer.hasRemaining()) {
                drain();
            }
        }
    }

    private void drain() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
        buffer.clear();
    }

    /**
     * Writes the index and footer, fsyncs and closes the file.
     *
     * @return the file's name and sizes, for the manifest
     */
    public TableFileSummary finish() throws IOException {
        if (finished) {
            throw new IllegalStateException("table file already finished");
        }
        finished = true;
        entries.sort(Comparator.comparing(Entry::hash));
        // A chunk copied from two conjoined files keeps one index entry; the other record is dead space.
        List<Entry> unique = new ArrayList<>(entries.size());
        long uncompressed = 0;
        for (Entry e : entries) {
            if (unique.isEmpty() || !unique.get(unique.size() - 1).hash().equals(e.hash())) {
                unique.add(e);
                uncompressed += e.uncompressedLength();
            }
        }
        totalUncompressed = uncompressed;
        long indexOffset = position;
        MessageDigest nameDigest = sha512();
        nameDigest.update(salt);
        CRC32C indexCrc = new CRC32C();
        byte[] entry = new byte[TableFileFormat.INDEX_ENTRY_LENGTH];
        ByteBuffer eb = ByteBuffer.wrap(entry);
        for (Entry e : unique) {
            eb.clear();
            e.hash().writeTo(eb);
            eb.putLong(e.offset()).putInt(e.storedLength()).putInt(e.uncompressedLength());
            nameDigest.update(entry);
            indexCrc.update(entry);
            write(entry, 0, entry.length);
        }
        byte[] footer = new byte[TableFileFormat.FOOTER_LENGTH];
        ByteBuffer.wrap(footer)
                .putLong(indexOffset)
                .putInt(unique.size())
                .putLong(totalUncompressed)
                .putInt((int) indexCrc.getValue())
                .putInt(TableFileFormat.VERSION)
                .putLong(TableFileFormat.MAGIC);
        nameDigest.update(footer);
        write(footer, 0, footer.length);
        drain();
        out.force(true);
        out.close();
        String name = Hash.fromBytes(nameDigest.digest(), 0).toString();
        return new TableFileSummary(name, unique.size(), position, totalUncompressed);
    }

    private static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Closes without finishing; the partial file is left for the caller to delete. */
    @Override
    public void close() throws IOException {
        out.close();
    }
}
