package dev.cairn.chunkstore.tablefile;

import dev.cairn.chunkstore.Chunk;
import dev.cairn.chunkstore.GarbageCollectingChunkStore;
import dev.cairn.chunkstore.GcResult;
import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.MissingChunkException;
import dev.cairn.chunkstore.MissingTableFileException;
import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.chunkstore.blob.NoSuchBlobException;
import dev.cairn.chunkstore.blob.VersionedBytes;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The table-file chunk store: immutable table files plus a manifest, laid
 * over any {@link BlobStore}. The local database and every remote use this
 * one reader/writer; only the blob store differs.
 *
 * <p>Writes: {@link #put} adds to an in-memory table; when that reaches
 * {@link Options#memTableBytes()} it is written to a table file in the
 * background (compressed in parallel, then written in order) while puts go
 * on into a fresh one. {@link #commit} writes what is left, then replaces the
 * manifest by compare-and-swap: new root, old tables plus the new ones.
 *
 * <p>Small commits: each commit that put anything adds one table file, so a
 * store that takes many small commits would collect files without bound.
 * Rather than a journal, which only a local file system could append to,
 * the store <em>conjoins</em>: once more than {@link Options#maxTables()}
 * small files are live, the smallest are copied record-for-record (no
 * recompression) into one file and swapped in by the same manifest CAS. That
 * works unchanged over S3, GCS, Git and HTTP, where remotes take many small
 * pushes too.
 *
 * <p>Garbage collection ({@link TableFileGc}) holds off this instance's
 * commits, not its reads and puts. A commit whose work began under an older GC
 * generation than the manifest's first checks that all its root reaches is
 * still there ({@link MissingChunkException} if not): cheap after this
 * instance's own collection, whose files hold whole DAGs; a read of the root's
 * whole DAG after another writer's.
 *
 * <p>Thread-safe. Several processes may share one store: the manifest CAS
 * serialises their commits and the loser sees {@code false}.
 */
public final class TableFileChunkStore implements GarbageCollectingChunkStore {
    private static final System.Logger LOG = System.getLogger(TableFileChunkStore.class.getName());

    /**
     * Tuning knobs.
     *
     * @param memTableBytes chunk bytes buffered in memory before a table file is written
     * @param maxTables small table files allowed before conjoining
     * @param conjoinMaxBytes files at least this large are never conjoined
     * @param maxCasAttempts manifest writes tried when other writers keep the root but move the manifest
     */
    public record Options(long memTableBytes, int maxTables, long conjoinMaxBytes, int maxCasAttempts) {
        public static final Options DEFAULT = new Options(64L << 20, 16, 256L << 20, 16);
    }

    private record View(Manifest manifest, List<TableFileReader> tables) {
    }

    private record Flush(MemTable memTable, Future<TableFileReader> result) {
    }

    private final BlobStore blobs;
    private final Options options;
    private final ExecutorService writer;
    private final Object putLock = new Object();
    private final Object commitLock = new Object();
    private final List<Flush> flushing = new CopyOnWriteArrayList<>();
    private final List<TableFileReader> pending = new CopyOnWriteArrayList<>();
    private volatile MemTable active = new MemTable();
    private volatile View view;
    /** The GC generation this instance's uncommitted work began under: that of its last commit, or its opening. */
    private volatile String baseGeneration = "";
    private volatile TableFileGc.Written collected = TableFileGc.Written.NONE;
    private volatile boolean closed;

    private TableFileChunkStore(BlobStore blobs, Options options) {
        this.blobs = blobs;
        this.options = options;
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cairn-table-writer");
            t.setDaemon(true);
            return t;
        });
        this.view = new View(Manifest.EMPTY, List.of());
    }

    /**
     * Opens the store kept in {@code blobs}: reads its manifest and opens each live table file,
     * whose index is read when a lookup first needs it.
     */
    public static TableFileChunkStore open(BlobStore blobs) throws IOException {
        return open(blobs, Options.DEFAULT);
    }

    public static TableFileChunkStore open(BlobStore blobs, Options options) throws IOException {
        TableFileChunkStore s = new TableFileChunkStore(blobs, options);
        try {
            s.refresh();
            s.baseGeneration = s.view.manifest().gcGeneration();
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /** The manifest this instance last read or wrote. */
    public Manifest manifest() {
        return view.manifest();
    }

    /** Re-reads the manifest, picking up other writers' commits. */
    public void refresh() throws IOException {
        synchronized (commitLock) {
            for (int attempt = 0; ; attempt++) {
                VersionedBytes vb = blobs.getManifest();
                Manifest m = vb == null ? Manifest.EMPTY : ManifestCodec.decode(ManifestCodec.FILE, vb.bytes());
                try {
                    install(m);
                    return;
                } catch (MissingTableFileException e) {
                    // A concurrent conjoin may have replaced the file since we read the manifest.
                    VersionedBytes now = blobs.getManifest();
                    boolean moved = now != null && (vb == null || !now.version().equals(vb.version()));
                    if (!moved || attempt >= options.maxCasAttempts()) {
                        throw e;
                    }
                }
            }
        }
    }

    /** Makes {@code m} the current view, reusing readers of files already open. Caller holds commitLock. */
    private void install(Manifest m) throws IOException {
        View old = view;
        Map<String, TableFileReader> open = new HashMap<>();
        for (TableFileReader r : old.tables()) {
            open.put(r.name(), r);
        }
        for (TableFileReader r : pending) {
            open.putIfAbsent(r.name(), r);
        }
        List<TableFileReader> tables = new ArrayList<>();
        List<TableFileReader> opened = new ArrayList<>();
        try {
            for (TableFileSummary t : m.tables()) {
                TableFileReader r = open.get(t.name());
                if (r == null) {
                    r = TableFileReader.openLazily(blobs, t.name(), t.length());
                    opened.add(r);
                }
                tables.add(r);
            }
        } catch (IOException | RuntimeException e) {
            for (TableFileReader r : opened) {
                r.close();
            }
            throw e;
        }
        view = new View(m, List.copyOf(tables));
        pending.removeIf(r -> m.contains(r.name()));
        Set<String> live = new HashSet<>();
        for (TableFileReader r : tables) {
            live.add(r.name());
        }
        for (TableFileReader r : pending) {
            live.add(r.name());
        }
        for (TableFileReader r : old.tables()) {
            if (!live.contains(r.name())) {
                r.close();
            }
        }
    }

    @Override
    public Chunk get(Hash hash) throws IOException {
        checkOpen();
        for (int attempt = 0; ; attempt++) {
            View v = view;
            try {
                Chunk c = getFrom(v, hash);
                // A commit may have installed a newer view and then dropped the chunk's
                // file from pending after we read v but before we looked in pending.
                while (c == null && view != v) {
                    v = view;
                    c = getFrom(v, hash);
                }
                return c;
            } catch (ClosedChannelException | NoSuchBlobException e) {
                // The file was conjoined away under us; the new view has its chunks.
                if (attempt >= 2) {
                    throw e;
                }
                if (view == v) {
                    refresh();
                }
            }
        }
    }

    private Chunk getFrom(View v, Hash hash) throws IOException {
        Chunk c = active.get(hash);
        if (c != null) {
            return c;
        }
        for (Flush f : flushing) {
            c = f.memTable().get(hash);
            if (c != null) {
                return c;
            }
        }
        for (TableFileReader r : pending) {
            c = r.get(hash);
            if (c != null) {
                return c;
            }
        }
        List<TableFileReader> tables = v.tables();
        for (int i = tables.size() - 1; i >= 0; i--) {
            c = tables.get(i).get(hash);
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    @Override
    public void getMany(Collection<Hash> hashes, Consumer<Chunk> found) throws IOException {
        checkOpen();
        for (Hash h : hashes) {
            Chunk c = get(h);
            if (c != null) {
                found.accept(c);
            }
        }
    }

    @Override
    public boolean has(Hash hash) throws IOException {
        checkOpen();
        if (inMemory(hash)) {
            return true;
        }
        return inViews(v -> {
            boolean found = hasIn(v, hash);
            // As in get: a commit may have moved a pending file into a newer view meanwhile.
            while (!found && view != v) {
                v = view;
                found = hasIn(v, hash);
            }
            return found;
        });
    }

    private boolean hasIn(View v, Hash hash) throws IOException {
        for (TableFileReader r : pending) {
            if (r.has(hash)) {
                return true;
            }
        }
        for (TableFileReader r : v.tables()) {
            if (r.has(hash)) {
                return true;
            }
        }
        return false;
    }

    private interface ViewLookup<T> {
        T in(View v) throws IOException;
    }

    /**
     * Runs a lookup in the current view. Indexes are read on first use, so a file another
     * writer conjoined or collected away since this view was installed may be gone by then;
     * the lookup is then run again in the view that replaced it.
     */
    private <T> T inViews(ViewLookup<T> lookup) throws IOException {
        for (int attempt = 0; ; attempt++) {
            View v = view;
            try {
                return lookup.in(v);
            } catch (ClosedChannelException | NoSuchBlobException e) {
                if (attempt >= 2) {
                    throw e;
                }
                if (view == v) {
                    refresh();
                }
            }
        }
    }

    private boolean inMemory(Hash hash) {
        if (active.has(hash)) {
            return true;
        }
        for (Flush f : flushing) {
            if (f.memTable().has(hash)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Set<Hash> hasMany(Collection<Hash> hashes) throws IOException {
        checkOpen();
        Hash[] queries = hashes.toArray(new Hash[0]);
        long[] prefixes = TableIndex.sortByPrefix(queries);
        boolean[] present = inViews(v -> {
            boolean[] p = presentIn(v, queries, prefixes);
            // As in get: a commit may have moved a pending file into a newer view meanwhile.
            while (view != v && !allTrue(p)) {
                v = view;
                p = presentIn(v, queries, prefixes);
            }
            return p;
        });
        int missing = 0;
        for (boolean p : present) {
            missing += p ? 0 : 1;
        }
        Set<Hash> absent = new HashSet<>((int) Math.min(Integer.MAX_VALUE, missing * 4L / 3 + 1));
        for (int i = 0; i < queries.length; i++) {
            if (!present[i]) {
                absent.add(queries[i]);
            }
        }
        return absent;
    }

    private boolean[] presentIn(View v, Hash[] queries, long[] prefixes) throws IOException {
        boolean[] p = new boolean[queries.length];
        for (int i = 0; i < queries.length; i++) {
            p[i] = inMemory(queries[i]);
        }
        List<TableFileReader> tables = new ArrayList<>(pending);
        tables.addAll(v.tables());
        for (TableFileReader r : tables) {
            r.index().markPresent(queries, prefixes, p);
        }
        return p;
    }

    private static boolean allTrue(boolean[] a) {
        for (boolean b : a) {
            if (!b) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void put(Chunk chunk) throws IOException {
        checkOpen();
        Hash h = chunk.hash();
        if (has(h)) {
            return;
        }
        synchronized (putLock) {
            if (active.add(chunk) >= options.memTableBytes()) {
                rotate();
                // Bound memory: at most two tables wait for the writer.
                while (flushing.size() > 2) {
                    await(flushing.get(0));
                }
            }
        }
    }

    /** Hands the active memtable to the writer. Caller holds putLock. */
    private void rotate() {
        MemTable full = active;
        if (full.isEmpty()) {
            return;
        }
        // Compress now, on every core, so this table's compression overlaps the writer
        // finishing and fsyncing the tables ahead of it.
        List<Future<CompressedRecord[]>> batches = RecordCompressor.compressAll(full.chunks());
        Future<TableFileReader> result = writer.submit(() -> writeTable(batches));
        flushing.add(new Flush(full, result));
        active = new MemTable();
    }

    private TableFileReader writeTable(MemTable mt) throws IOException {
        return writeTable(RecordCompressor.compressAll(mt.chunks()));
    }

    /** Writes compressed records, in order, to a new table file. */
    private TableFileReader writeTable(List<Future<CompressedRecord[]>> batches) throws IOException {
        TableFileSummary summary = TableFilePublisher.write(blobs, w -> {
            for (Future<CompressedRecord[]> batch : batches) {
                for (CompressedRecord r : RecordCompressor.await(batch)) {
                    w.add(r);
                }
            }
        });
        return TableFileReader.open(blobs, summary.name(), summary.length());
    }

    /** Waits for a flush; on success its file joins {@link #pending} and the memtable is dropped. */
    private void await(Flush f) throws IOException {
        TableFileReader r;
        try {
            r = f.result().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing a table file");
        } catch (ExecutionException e) {
            // Keep the memtable readable and retry it on the next commit.
            flushing.remove(f);
            flushing.add(0, new Flush(f.memTable(), writer.submit(() -> writeTable(f.memTable()))));
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException("writing a table file failed", cause);
        }
        if (pending.stream().noneMatch(p -> p.name().equals(r.name()))
                && view.tables().stream().noneMatch(p -> p.name().equals(r.name()))) {
            pending.add(r);
        } else {
            r.close();
        }
        flushing.remove(f);
    }

    @Override
    public Hash root() {
        checkOpen();
        return view.manifest().root();
    }

    @Override
    public boolean commit(Hash newRoot, Hash expectedRoot) throws IOException {
        checkOpen();
        synchronized (commitLock) {
            flushAll();
            if (!newRoot.isEmpty() && !has(newRoot)) {
                throw new IllegalArgumentException("cannot commit root " + newRoot + ": no such chunk");
            }
            String checked = baseGeneration;
            for (int attempt = 0; attempt < options.maxCasAttempts(); attempt++) {
                VersionedBytes vb = blobs.getManifest();
                Manifest current = vb == null ? Manifest.EMPTY : ManifestCodec.decode(ManifestCodec.FILE, vb.bytes());
                String version = vb == null ? null : vb.version();
                if (!current.root().equals(expectedRoot)) {
                    try {
                        install(current);
                    } catch (MissingTableFileException e) {
                        refresh(); // a concurrent conjoin replaced a file since we read the manifest
                    }
                    return false;
                }
                if (pending.isEmpty() && newRoot.equals(current.root())) {
                    // Nothing to write: the store already says exactly this. Still tidy up.
                    installCommitted(current);
                    baseGeneration = current.gcGeneration();
                    conjoinIfNeeded();
                    return true;
                }
                if (!current.gcGeneration().equals(checked)) {
                    // A collection ran since this work began, and may have removed chunks it links to.
                    try {
                        install(current);
                        requirePendingFilesExist();
                        List<TableFileReader> sources = new ArrayList<>(view.tables());
                        sources.addAll(pending);
                        TableFileGc.requireComplete(newRoot, sources, collected.filesIn(current));
                    } catch (MissingTableFileException | NoSuchBlobException | ClosedChannelException e) {
                        continue; // another writer replaced files since we read the manifest
                    }
                    checked = current.gcGeneration();
                }
                List<TableFileSummary> tables = new ArrayList<>(current.tables());
                for (TableFileReader r : pending) {
                    if (!current.contains(r.name())) {
                        tables.add(new TableFileSummary(r.name(), r.chunkCount(), r.length(), r.uncompressedSize()));
                    }
                }
                Manifest next = current.successor(newRoot, tables);
                if (blobs.putManifest(version, ManifestCodec.encode(next))) {
                    installCommitted(next);
                    baseGeneration = next.gcGeneration();
                    conjoinIfNeeded();
                    return true;
                }
            }
            throw new IOException("gave up committing: the manifest changed " + options.maxCasAttempts()
                    + " times in a row without the root moving");
        }
    }

    /** A collection deleting a file it replaced also deletes an uncommitted file of ours of the same content. */
    private void requirePendingFilesExist() throws IOException {
        for (TableFileReader r : pending) {
            if (!blobs.exists(r.name())) {
                throw new IOException("cannot commit: uncommitted table file " + r.name() + " was deleted by"
                        + " a garbage collection that replaced an identical committed file; nothing was committed");
            }
        }
    }

    /** Writes every memtable out, so that all chunks put so far are in {@link #pending} files. */
    private void flushAll() throws IOException {
        synchronized (putLock) {
            rotate();
            while (!flushing.isEmpty()) {
                await(flushing.get(0));
            }
        }
    }

    /**
     * Keeps what the root reaches and what this instance's uncommitted chunks reach, and removes the
     * rest. The uncommitted chunks themselves stay where they are, in files of ours that no manifest
     * names yet, so that they count as uncommitted until a commit names those files: any number of
     * collections before that keep them.
     */
    @Override
    public GcResult collectGarbage() throws IOException {
        checkOpen();
        synchronized (commitLock) {
            flushAll();
            List<TableFileReader> uncommitted = List.copyOf(pending);
            TableFileGc.Swap swap = TableFileGc.collect(blobs, options, view.tables(), uncommitted);
            if (swap == null) {
                return GcResult.NOTHING;
            }
            installCommitted(swap.manifest());
            collected = TableFileGc.Written.by(swap);
            return swap.result(TableFileGc.deleteReplaced(blobs, swap.replaced()));
        }
    }

    /**
     * Installs the manifest this instance just swapped in. The commit has happened, so a file that
     * a concurrent conjoin has already replaced must not fail it: load the newer manifest instead,
     * and drop from pending what {@code next} committed, which that manifest holds in some file.
     * Caller holds commitLock.
     */
    private void installCommitted(Manifest next) throws IOException {
        try {
            install(next);
        } catch (MissingTableFileException e) {
            refresh();
            for (TableFileReader r : pending) {
                if (next.contains(r.name())) {
                    pending.remove(r);
                    if (!view.tables().contains(r)) {
                        r.close();
                    }
                }
            }
        }
    }

    /** Caller holds commitLock. A failure here never fails the commit that triggered it. */
    private void conjoinIfNeeded() {
        try {
            Conjoiner.conjoin(blobs, view.tables(), options).ifPresent(result -> {
                try {
                    applyConjoin(result);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.log(System.Logger.Level.WARNING, "conjoining table files failed; will retry after a later commit", e);
        }
    }

    private void applyConjoin(Conjoiner.Result result) throws IOException {
        for (int attempt = 0; attempt < options.maxCasAttempts(); attempt++) {
            VersionedBytes vb = blobs.getManifest();
            Manifest current = ManifestCodec.decode(ManifestCodec.FILE, vb.bytes());
            if (!result.replaced().stream().allMatch(current::contains)) {
                break; // someone else conjoined them first
            }
            List<TableFileSummary> tables = new ArrayList<>();
            boolean added = false;
            for (TableFileSummary t : current.tables()) {
                if (result.replaced().contains(t.name())) {
                    if (!added) {
                        tables.add(result.summary());
                        added = true;
                    }
                } else if (!t.name().equals(result.summary().name())) {
                    tables.add(t);
                }
            }
            Manifest next = current.successor(current.root(), tables);
            if (blobs.putManifest(vb.version(), ManifestCodec.encode(next))) {
                install(next);
                for (String name : result.replaced()) {
                    blobs.delete(name);
                }
                return;
            }
        }
        // Names come from content: another writer that conjoined the same files wrote a file of the
        // same name and may have swapped it in first. Only a file no manifest names is ours to delete.
        String name = result.summary().name();
        VersionedBytes now = blobs.getManifest();
        if (!view.manifest().contains(name)
                && (now == null || !ManifestCodec.decode(ManifestCodec.FILE, now.bytes()).contains(name))) {
            blobs.delete(name);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("chunk store is closed");
        }
    }

    /** Closes the store. Chunks put since the last commit are dropped. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        writer.shutdownNow();
        synchronized (commitLock) {
            for (TableFileReader r : pending) {
                r.close();
            }
            for (TableFileReader r : view.tables()) {
                r.close();
            }
        }
    }

    @Override
    public String toString() {
        return "TableFileChunkStore(" + blobs + ")";
    }
}
