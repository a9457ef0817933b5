package dev.cairn.remotes.sync;

import dev.cairn.chunkstore.Hash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Makes a destination table-file store hold a root of a source store, sending only what it
 * lacks. One engine for every direction: push and backup send local to remote, fetch, clone
 * and restore send remote to local; it sees two blob stores and never knows which is remote.
 *
 * <h2>Algorithm</h2>
 * <ol>
 * <li><b>Read the destination.</b> Its manifest, with the version a compare-and-swap must
 *     name, and the index of each live table file, which answers {@code hasMany} locally.
 * <li><b>Whole-file copy</b>, when the root sent is the source's whole store root and the
 *     destination is empty or shares next to nothing with it (under a tenth of a sample of
 *     hashes from the source's largest files is there): every live source table file is copied as it is,
 *     several at once, records still compressed, each staged locally and checked (index,
 *     and every record's CRC and hash) before it is sent on. Walking would only discover,
 *     at a request per batch, that everything is missing. Sending one branch (a push) always
 *     walks: copying files would also ship every other branch and working set.
 * <li><b>Otherwise walk</b> ({@link ChunkWalker}): breadth first from the root, a level at
 *     a time, asking the destination {@code hasMany} in batches of
 *     {@link SyncOptions#hasManyBatch()} and descending only into chunks it lacks; because a
 *     committed store holds everything under each chunk it has, a shared subtree costs one
 *     lookup. Each missing chunk is read from the source (CRC and hash checked) and packed
 *     ({@link PackUploader}) into new table files of about
 *     {@link SyncOptions#targetFileBytes()}, which upload on a bounded pool while the walk
 *     goes on.
 * <li><b>Commit</b> by compare-and-swap of the destination manifest: its current files plus
 *     ours, and the new root from the {@link RootUpdate} (the root sent; or, for push, what
 *     the function builds from the destination's current root, whose new chunks go up as one
 *     more small file). On a lost race: re-read the manifest; if a file the walk relied on
 *     is gone (another writer conjoined or collected it), walk again against the new state,
 *     sending only what is now missing; recompute the root; try again, up to
 *     {@link SyncOptions#maxCasAttempts()} times. A root already equal to the new one is
 *     {@link SyncResult.Status#UP_TO_DATE} and writes nothing.
 * </ol>
 *
 * <h2>Failures</h2>
 * Nothing is referenced until the manifest swap, so a sync that fails or is killed leaves the
 * destination as it was plus unreferenced table files. The walk is deterministic and a table
 * file's name comes from its content, so the next sync builds the same files and skips the
 * ones already there under their name; {@link Pruner} deletes the leftovers once the
 * destination has been quiet for a grace period. A sync never removes a file from the
 * manifest: dropping data is garbage collection's job. Before swapping, it checks that its
 * files are still there, in case a prune ran meanwhile.
 *
 * <p>Thread-safe: each call works on its own threads and scratch directory.
 */
public final class SyncEngine {
    private final SyncOptions options;

    public SyncEngine() {
        this(SyncOptions.DEFAULT);
    }

    public SyncEngine(SyncOptions options) {
        this.options = options;
    }

    public SyncOptions options() {
        return options;
    }

    /**
     * Sends {@code rootToSend} and everything under it from {@code source} to
     * {@code destination}, then updates the destination's root as {@code how} says.
     *
     * @param rootToSend a chunk the source has: its store root (backup, clone) or a commit (push)
     * @return what happened; a lost race is a status, not an exception
     * @throws dev.cairn.chunkstore.CorruptChunkException if a chunk read from either side fails
     *     its checks; names the file
     * @throws SyncCommitUnknownException if the final manifest write failed without saying
     *     whether it happened
     * @throws IOException for any other storage failure; the destination's root is unchanged
     */
    public SyncResult sync(ChunkSource source, Hash rootToSend, Destination destination, RootUpdate how,
            ProgressListener progress) throws IOException {
        long start = System.nanoTime();
        if (!rootToSend.isEmpty() && !rootToSend.equals(source.manifest().root()) && !source.chunks().has(rootToSend)) {
            throw new IllegalArgumentException("the source has no chunk " + rootToSend + " to send");
        }
        Path scratch = options.scratchDirectory() == null ? Files.createTempDirectory("cairn-sync-")
                : Files.createTempDirectory(Files.createDirectories(options.scratchDirectory()), "cairn-sync-");
        try (TransferPool pool = new TransferPool(options.transferThreads(), options.transferThreads() + 1)) {
            ProgressTracker tracker = new ProgressTracker(progress, start);
            try (SyncRun run = new SyncRun(options, source, rootToSend, destination, tracker, pool, scratch)) {
                return run.run(how);
            }
        } finally {
            deleteTree(scratch);
        }
    }

    /** {@link #sync} without progress reports. */
    public SyncResult sync(ChunkSource source, Hash rootToSend, Destination destination, RootUpdate how)
            throws IOException {
        return sync(source, rootToSend, destination, how, ProgressListener.NONE);
    }

    /**
     * Deletes the destination's unreferenced table files older than {@code grace}, if it has
     * been quiet that long; see {@link Pruner}. The minimum grace comes from the environment.
     */
    public PruneResult prune(Destination destination, Duration grace) throws IOException {
        return Pruner.standard().prune(destination, grace);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
