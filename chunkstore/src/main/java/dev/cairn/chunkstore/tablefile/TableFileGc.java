package dev.cairn.chunkstore.tablefile;

import dev.cairn.chunkstore.Chunk;
import dev.cairn.chunkstore.GcResult;
import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.MissingChunkException;
import dev.cairn.chunkstore.MissingTableFileException;
import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.chunkstore.blob.NoSuchBlobException;
import dev.cairn.chunkstore.blob.VersionedBytes;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Garbage collection of a table-file store: copies the chunks the root reaches
 * out of the files the manifest names into new table files and swaps the
 * manifest to exactly those files, root unchanged; then the replaced files
 * are deleted.
 *
 * <p>The walk is breadth-first from the root, each chunk read once, in
 * batches ({@link DagWalker}). Records are copied as stored, compressed block
 * and CRC, after their CRC and hash have been checked; nothing is recompressed.
 * Output streams into files of about {@link TableFileChunkStore.Options#memTableBytes()}
 * of chunks each, the size the write path makes and the conjoiner leaves alone,
 * so memory stays bounded by one file's index.
 *
 * <p>Each new file's name is salted with a random nonce (see
 * {@link TableFileWriter}). Names come from content, so otherwise a file of
 * the kept chunks could have the very name of a file another writer has just
 * written, or is about to delete as conjoined or collected; deleting by name
 * would then take this collection's file with it.
 *
 * <p>Races with other writers on the same blobs. The collection keeps the
 * generation it started from and swaps by compare-and-swap. If the manifest
 * moved meanwhile, another writer committed or conjoined: the walk goes on from
 * the new root over the new manifest's files, and the swap is retried, a
 * bounded number of times. Only the files named when the collection began are
 * rewritten; files added since are kept as they are (they are new, and
 * rewriting them would make every retry slower than the writer it lost to),
 * and the retry copies only what the new root reaches in the old files and
 * was not copied yet, usually nothing. If the generation moved,
 * another collection won; this one deletes what it wrote and fails, having
 * changed nothing. A writer that committed <em>after</em> the swap, with work
 * begun under the old generation, may link to chunks this collection removed;
 * {@link #requireComplete} is how its commit finds out before it lands.
 *
 * <p>Crash safety. Every new file is durable before the manifest names it, and
 * old files are deleted only after the swap. A crash leaves either the old
 * manifest with all its files or the new one with all its files; anything else
 * is an unreferenced file.
 */
final class TableFileGc {
    private static final System.Logger LOG = System.getLogger(TableFileGc.class.getName());
    private static final SecureRandom NONCES = new SecureRandom();

    /**
     * A collection that swapped the manifest.
     *
     * @param manifest the manifest now in place
     * @param written the files the collection wrote
     * @param replaced files of the old manifest that the new one does not name
     */
    record Swap(Manifest manifest, Set<String> written, Set<String> replaced, long chunksKept, long chunksDropped,
            long bytesBefore, long bytesAfter) {
        GcResult result(int filesRemoved) {
            return new GcResult(chunksKept, chunksDropped, bytesBefore, bytesAfter, written.size(), filesRemoved);
        }
    }

    /**
     * The files a collection wrote and the generation it made. What they hold has its whole DAG in
     * them or in the collecting instance's uncommitted files (bar children an uncommitted chunk named
     * before anyone put them), all of which that instance's next commit names; so that commit's check
     * need not look inside them.
     */
    record Written(String generation, Set<String> files) {
        static final Written NONE = new Written("", Set.of());

        static Written by(Swap swap) {
            return new Written(swap.manifest().gcGeneration(), Set.copyOf(swap.written()));
        }

        /** The files to trust under manifest {@code m}: none once another collection has run. */
        Set<String> filesIn(Manifest m) {
            return generation.equals(m.gcGeneration()) ? files : Set.of();
        }
    }

    private final BlobStore blobs;
    private final TableFileChunkStore.Options options;
    private final Map<String, TableFileReader> borrowed = new HashMap<>();
    private final Map<String, TableFileReader> opened = new HashMap<>();
    private final Set<TableFileReader> uncommitted;
    /** The files the collection set out to replace: those named when it began. */
    private Set<String> replaceable;
    private final List<TableFileSummary> written = new ArrayList<>();
    private TableFilePublisher.Staged current;
    private long currentBytes;

    private TableFileGc(BlobStore blobs, TableFileChunkStore.Options options, List<TableFileReader> open,
            List<TableFileReader> uncommitted) {
        this.blobs = blobs;
        this.options = options;
        for (TableFileReader r : open) {
            borrowed.put(r.name(), r);
        }
        this.uncommitted = new HashSet<>(uncommitted);
    }

    /**
     * Collects the store in {@code blobs}. The caller holds off its own commits meanwhile.
     *
     * @param open readers the caller has open, reused where the manifest names their files; not closed
     * @param uncommitted the caller's table files that no manifest names yet: what their chunks reach is
     *     kept; they themselves are not copied, and stay the caller's to commit
     * @return the swap, or null if there is nothing to collect: no files, nothing uncommitted
     * @throws MissingChunkException if the root's DAG is incomplete; nothing was changed
     */
    static Swap collect(BlobStore blobs, TableFileChunkStore.Options options, List<TableFileReader> open,
            List<TableFileReader> uncommitted) throws IOException {
        return new TableFileGc(blobs, options, open, uncommitted).run(uncommitted);
    }

    private Swap run(List<TableFileReader> pending) throws IOException {
        DagWalker walker = new DagWalker(this::copy);
        for (TableFileReader r : pending) {
            for (int i = 0; i < r.chunkCount(); i++) {
                walker.addOptional(r.hashAt(i));
            }
        }
        String generation = null;
        boolean swapped = false;
        try {
            for (int attempt = 0; attempt < options.maxCasAttempts(); attempt++) {
                VersionedBytes vb = blobs.getManifest();
                Manifest m = vb == null ? Manifest.EMPTY : ManifestCodec.decode(ManifestCodec.FILE, vb.bytes());
                if (generation != null && !generation.equals(m.gcGeneration())) {
                    throw new IOException("another garbage collection of " + blobs
                            + " finished while this one ran; this one changed nothing");
                }
                generation = m.gcGeneration();
                if (replaceable == null) {
                    if (m.tables().isEmpty() && pending.isEmpty()) {
                        return null;
                    }
                    replaceable = names(m.tables());
                }
                try {
                    List<TableFileReader> sources = readersOf(m);
                    // A chunk also in a file that is kept need not be copied.
                    sources.sort(Comparator.comparing(r -> replaceable.contains(r.name())));
                    sources.addAll(pending);
                    walker.addRoot(m.root());
                    walker.walk(sources, Set.of());
                } catch (MissingTableFileException | NoSuchBlobException | ClosedChannelException e) {
                    if (!moved(vb)) {
                        throw e; // a file is gone while the manifest still names it: the store is damaged
                    }
                    continue; // another writer conjoined files away; go on over the new manifest's files
                } catch (MissingChunkException e) {
                    throw new MissingChunkException(e.chunk(), e.referencedBy(), "cannot collect garbage: "
                            + e.getMessage() + " (root " + m.root() + "); nothing was changed");
                }
                endFile();
                List<TableFileSummary> tables = new ArrayList<>(written);
                for (TableFileSummary t : m.tables()) {
                    if (!replaceable.contains(t.name())) {
                        tables.add(t); // added since the collection began
                    }
                }
                Manifest next = m.collected(tables);
                if (blobs.putManifest(vb == null ? null : vb.version(), ManifestCodec.encode(next))) {
                    swapped = true;
                    return swap(m, next);
                }
            }
            throw new IOException("gave up collecting garbage: the manifest changed " + options.maxCasAttempts()
                    + " times in a row while the collection ran; nothing was changed");
        } finally {
            if (!swapped) {
                abort();
            }
            for (TableFileReader r : opened.values()) {
                r.close();
            }
        }
    }

    /** Readers of every file {@code m} names, reusing borrowed and earlier-opened ones. */
    private List<TableFileReader> readersOf(Manifest m) throws IOException {
        List<TableFileReader> out = new ArrayList<>();
        for (TableFileSummary t : m.tables()) {
            TableFileReader r = borrowed.get(t.name());
            if (r == null) {
                r = opened.get(t.name());
            }
            if (r == null) {
                r = TableFileReader.open(blobs, t.name(), t.length());
                opened.put(t.name(), r);
            }
            out.add(r);
        }
        return out;
    }

    private boolean moved(VersionedBytes read) throws IOException {
        VersionedBytes now = blobs.getManifest();
        return now != null && (read == null || !now.version().equals(read.version()));
    }

    private void copy(TableFileReader from, CompressedRecord record, Chunk chunk) throws IOException {
        if (uncommitted.contains(from) || !replaceable.contains(from.name())) {
            return; // walked for what it reaches: a kept file, or one the caller's next commit names
        }
        if (current == null) {
            current = TableFilePublisher.begin(blobs);
            byte[] nonce = new byte[16];
            NONCES.nextBytes(nonce);
            current.writer().salt(nonce);
        }
        current.writer().add(record);
        currentBytes += record.uncompressedLength();
        if (currentBytes >= options.memTableBytes()) {
            endFile();
        }
    }

    /** Publishes the file being written, if any. */
    private void endFile() throws IOException {
        if (current == null) {
            return;
        }
        try (TableFilePublisher.Staged s = current) {
            current = null;
            currentBytes = 0;
            written.add(s.publish());
        }
    }

    private Swap swap(Manifest old, Manifest next) {
        Set<String> replaced = names(old.tables());
        replaced.removeAll(names(next.tables()));
        long chunksBefore = 0;
        long bytesBefore = 0;
        for (TableFileSummary t : old.tables()) {
            chunksBefore += t.chunkCount();
            bytesBefore += t.length();
        }
        long kept = 0;
        long bytesAfter = 0;
        for (TableFileSummary t : next.tables()) {
            kept += t.chunkCount();
            bytesAfter += t.length();
        }
        return new Swap(next, names(written), replaced, kept, Math.max(0, chunksBefore - kept), bytesBefore,
                bytesAfter);
    }

    private static Set<String> names(List<TableFileSummary> tables) {
        Set<String> out = new HashSet<>();
        for (TableFileSummary t : tables) {
            out.add(t.name());
        }
        return out;
    }

    /** Removes what this collection wrote: no manifest names it, and its nonces make the names ours alone. */
    private void abort() {
        try {
            if (current != null) {
                current.close();
            }
            for (TableFileSummary t : written) {
                blobs.delete(t.name());
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not remove the files of a failed garbage collection;"
                    + " they are unreferenced and harmless", e);
        }
    }

    /**
     * Deletes files a swap replaced; returns how many. A file that cannot be deleted now is only
     * unreferenced, so a failure is logged, not thrown: the collection has happened.
     */
    static int deleteReplaced(BlobStore blobs, Set<String> names) {
        int deleted = 0;
        for (String name : names) {
            try {
                blobs.delete(name);
                deleted++;
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "could not delete collected table file " + name, e);
            }
        }
        return deleted;
    }

    /**
     * Checks, for a commit made after a collection, that every chunk {@code root} reaches is in
     * {@code sources}: the files the commit's manifest will name. A chunk in a file of {@code complete}
     * has its whole DAG there (a collection wrote it) and is not descended into.
     *
     * @throws MissingChunkException naming the first absent chunk
     */
    static void requireComplete(Hash root, List<TableFileReader> sources, Set<String> complete)
            throws IOException {
        DagWalker walker = new DagWalker((from, record, chunk) -> { });
        try {
            walker.addRoot(root);
            walker.walk(sources, complete);
        } catch (MissingChunkException e) {
            throw new MissingChunkException(e.chunk(), e.referencedBy(), "cannot commit root " + root + ": "
                    + e.getMessage() + "; a garbage collection since this store's last commit may have removed it");
        }
    }
}
