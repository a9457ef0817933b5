package dev.cairn.remotes.sync;

import dev.cairn.chunkstore.Chunk;
import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.tablefile.Manifest;
import dev.cairn.chunkstore.tablefile.ManifestCodec;
import dev.cairn.chunkstore.tablefile.TableFileReader;
import dev.cairn.chunkstore.tablefile.TableFileSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The state of one {@link SyncEngine#sync} call: what was sent, and the commit loop. */
final class SyncRun implements AutoCloseable {
    /** Source files sampled, and hashes per file, to tell whether a destination shares anything with the source. */
    private static final int SAMPLE_FILES = 4;
    private static final int SAMPLE_PER_FILE = 64;

    private final SyncOptions options;
    private final ChunkSource source;
    private final Hash root;
    private final Destination destination;
    private final ProgressTracker progress;
    private final TransferPool pool;
    private final Path scratch;
    private final PackUploader uploader;
    /** Chunks this sync has packed into files, when it walked. */
    private final Set<Hash> sent = new HashSet<>();
    /** Files this sync has put at the destination (or found there by name), in order. */
    private final List<TableFileSummary> ours = new ArrayList<>();
    private boolean wholeFileCopy;
    private int casAttempts;

    SyncRun(SyncOptions options, ChunkSource source, Hash root, Destination destination, ProgressTracker progress,
            TransferPool pool, Path scratch) {
        this.options = options;
        this.source = source;
        this.root = root;
        this.destination = destination;
        this.progress = progress;
        this.pool = pool;
        this.scratch = scratch;
        this.uploader = new PackUploader(destination.blobs(), scratch, options.targetFileBytes(), pool, progress);
    }

    SyncResult run(RootUpdate how) throws IOException {
        Destination.State base = destination.read();
        if (how instanceof RootUpdate.IfStill s && !base.manifest().root().equals(s.expected())) {
            return result(SyncResult.Status.ROOT_MOVED, base.manifest().root());
        }
        if (!(how instanceof RootUpdate.Compute) && base.manifest().root().equals(root)) {
            // Everything under a committed root is there: nothing to read, on either side.
            return result(SyncResult.Status.UP_TO_DATE, root);
        }
        Manifest walkedAgainst = base.manifest();
        wholeFileCopy = shouldCopyWholeFiles(base.manifest());
        if (wholeFileCopy) {
            new WholeFileCopier(source.blobs(), source.isLocal(), destination.blobs(), scratch, pool, progress)
                    .copy(source.manifest().tables());
            ours.addAll(source.manifest().tables());
        } else {
            walk();
        }
        Destination.State current = base;
        while (casAttempts < options.maxCasAttempts()) {
            if (casAttempts > 0) {
                current = destination.read();
            }
            Manifest m = current.manifest();
            if (!wholeFileCopy && !containsAll(m, walkedAgainst)) {
                // Another writer dropped files the walk took as present; what they held may be gone.
                walkedAgainst = m;
                walk();
            }
            Hash newRoot;
            List<TableFileSummary> extra = List.of();
            if (how instanceof RootUpdate.IfStill s && !m.root().equals(s.expected())) {
                return result(SyncResult.Status.ROOT_MOVED, m.root());
            } else if (how instanceof RootUpdate.Compute c) {
                DestinationView view = new DestinationView(destination.store(), source.chunks(), this::wasSent, m.root());
                newRoot = c.function().apply(view, m.root());
                List<Chunk> fresh = view.newChunks(newRoot);
                for (Chunk chunk : fresh) {
                    uploader.add(chunk);
                }
                extra = uploader.flush();
            } else {
                newRoot = root;
            }
            if (newRoot.equals(m.root())) {
                return result(SyncResult.Status.UP_TO_DATE, m.root());
            }
            List<TableFileSummary> tables = new ArrayList<>(m.tables());
            Set<String> names = new HashSet<>();
            m.tables().forEach(t -> names.add(t.name()));
            for (TableFileSummary t : concat(ours, extra)) {
                if (names.add(t.name())) {
                    checkStillThere(t);
                    tables.add(t);
                }
            }
            casAttempts++;
            boolean swapped;
            try {
                swapped = destination.blobs().putManifest(current.version(),
                        ManifestCodec.encode(Manifest.next(newRoot, tables)));
            } catch (IOException e) {
                throw new SyncCommitUnknownException("writing the manifest of " + destination.blobs()
                        + " failed; it may or may not have been replaced: " + e.getMessage(), e);
            }
            if (swapped) {
                return result(SyncResult.Status.UPDATED, newRoot);
            }
        }
        return result(SyncResult.Status.LOCK_FAILURE, current.manifest().root());
    }

    private void walk() throws IOException {
        new ChunkWalker(source.chunks(), destination.store(), options.hasManyBatch()).walk(root, sent, uploader);
        ours.addAll(uploader.flush());
    }

    private boolean wasSent(Hash h) throws IOException {
        return wholeFileCopy ? source.chunks().has(h) : sent.contains(h);
    }

    /**
     * Copies whole files only when the whole store is sent: a push of one branch must not
     * ship every other branch and working set. And only when walking would find next to
     * nothing shared: a destination that is empty, or that has under a tenth of a sample of
     * the source's chunks, taken from its largest (usually oldest, so most likely shared)
     * files. Not "none": unrelated databases still share a few canonical chunks, such as
     * the empty map. Re-sending the tenth a destination might have costs less than walking
     * the other nine tenths a batch at a time.
     */
    private boolean shouldCopyWholeFiles(Manifest destinationManifest) throws IOException {
        Manifest src = source.manifest();
        if (src.tables().isEmpty() || !root.equals(src.root())) {
            return false;
        }
        if (destinationManifest.tables().isEmpty()) {
            return true;
        }
        List<TableFileSummary> largest = new ArrayList<>(src.tables());
        largest.sort(Comparator.comparingLong(TableFileSummary::length).reversed());
        Set<Hash> sample = new LinkedHashSet<>();
        sample.add(root);
        for (TableFileSummary t : largest.subList(0, Math.min(SAMPLE_FILES, largest.size()))) {
            try (TableFileReader r = TableFileReader.open(source.blobs(), t.name(), t.length())) {
                int n = r.chunkCount();
                int step = Math.max(1, n / SAMPLE_PER_FILE);
                for (int i = 0; i < n; i += step) {
                    sample.add(r.hashAt(i));
                }
            }
        }
        int present = sample.size() - destination.store().hasMany(sample).size();
        return present * 10 < sample.size();
    }

    private static boolean containsAll(Manifest m, Manifest earlier) {
        for (TableFileSummary t : earlier.tables()) {
            if (!m.contains(t.name())) {
                return false;
            }
        }
        return true;
    }

    /** A prune that ran since the upload may have taken a file for garbage; a manifest must never name a missing file. */
    private void checkStillThere(TableFileSummary t) throws IOException {
        if (destination.blobs().size(t.name()) != t.length()) {
            throw new IOException("table file " + t.name() + " that this sync put at " + destination.blobs()
                    + " is gone (was the destination pruned meanwhile?); nothing was changed, sync again");
        }
    }

    private static List<TableFileSummary> concat(List<TableFileSummary> a, List<TableFileSummary> b) {
        List<TableFileSummary> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private SyncResult result(SyncResult.Status status, Hash destinationRoot) {
        return new SyncResult(status, destinationRoot, progress.chunksSent(), progress.bytesSent(),
                progress.filesUploaded(), progress.filesReused(), wholeFileCopy, casAttempts, progress.elapsed());
    }

    @Override
    public void close() throws IOException {
        uploader.close();
    }
}
