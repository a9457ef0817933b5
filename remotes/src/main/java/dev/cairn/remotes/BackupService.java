package dev.cairn.remotes;

import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.blob.BlobSource;
import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.chunkstore.blob.ByteRange;
import dev.cairn.chunkstore.blob.NoSuchBlobException;
import dev.cairn.chunkstore.model.RefNames;
import dev.cairn.chunkstore.model.StoreRoot;
import dev.cairn.remotes.sync.ChunkSource;
import dev.cairn.remotes.sync.Destination;
import dev.cairn.remotes.sync.ProgressListener;
import dev.cairn.remotes.sync.PruneResult;
import dev.cairn.remotes.sync.Pruner;
import dev.cairn.remotes.sync.RootUpdate;
import dev.cairn.remotes.sync.SyncEngine;
import dev.cairn.remotes.sync.SyncResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Backups: mirroring a local store to a URL and restoring one from it. Works on blob stores
 * and store roots only, so the CLI, the procedures and tests share it without any SQL or
 * repository types; the caller owns the local directories and repo state.
 *
 * <p>A backup is a table-file store whose root equals the source's root after a sync, so it
 * holds every branch, tag, remote-tracking ref and working set. Which branch the source had
 * checked out is not part of the root (it lives in the repo state), so a sync also writes it
 * to the blob {@value #HEAD_KEY} beside the manifest ({@code ref: refs/heads/<branch>}), and
 * a restore checks that branch out. The blob is advisory: written after the manifest swap and
 * only when it changes, and a restore that finds it missing or naming a branch the backup
 * lacks falls back to {@link DefaultBranch}.
 */
public final class BackupService {
    /** The blob naming the source's checked-out branch. Not a hash, so a prune never deletes it. */
    public static final String HEAD_KEY = "HEAD";
    private static final String HEAD_PREFIX = "ref: " + RefNames.HEADS;

    /** What a backup sync did; {@code prune} is null when no prune was asked for. */
    public record SyncOutcome(SyncResult sync, PruneResult prune) {
    }

    /** What a restore did, and the branch the restored database should check out. */
    public record RestoreOutcome(SyncResult sync, String branch) {
    }

    private final RemoteFactory remotes;
    private final SyncEngine engine;
    private final Pruner pruner;

    public BackupService(RemoteFactory remotes, SyncEngine engine, Pruner pruner) {
        this.remotes = remotes;
        this.engine = engine;
        this.pruner = pruner;
    }

    /** The standard schemes, default engine options, and a pruner reading the process environment. */
    public static BackupService standard() {
        return new BackupService(RemoteFactory.standard(), new SyncEngine(), Pruner.standard());
    }

    /**
     * Makes the backup at {@code url} mirror the store in {@code local}, then, if
     * {@code pruneGrace} is not null, deletes what interrupted syncs left there. A grace below
     * the minimum is refused before anything is sent.
     *
     * @param checkedOutBranch recorded for restore; may be null
     * @throws RemoteException for a bad URL or grace, or a backup too busy to update
     * @throws dev.cairn.chunkstore.CorruptChunkException if a chunk fails its checks; names the file
     */
    public SyncOutcome sync(BlobStore local, String checkedOutBranch, RemoteUrl url, Map<String, String> params,
            Duration pruneGrace, ProgressListener progress) throws IOException {
        if (pruneGrace != null) {
            pruner.checkGrace(pruneGrace);
        }
        try (BlobStore remote = remotes.open(url, params);
                ChunkSource source = ChunkSource.openLocal(local);
                Destination destination = Destination.open(remote)) {
            SyncResult r = engine.sync(source, source.manifest().root(), destination, RootUpdate.mirror(), progress);
            if (!r.succeeded()) {
                throw new RemoteException("backup sync to '" + url + "' gave up: other writers kept changing it; "
                        + "nothing was changed, sync again");
            }
            if (checkedOutBranch != null) {
                writeHead(remote, checkedOutBranch);
            }
            PruneResult pruned = pruneGrace == null ? null : pruner.prune(destination, pruneGrace);
            return new SyncOutcome(r, pruned);
        }
    }

    /**
     * Copies the backup at {@code url} into the empty store {@code into}: whole table files,
     * checked on the way, and the backup's root.
     *
     * @throws RemoteException if there is no database at {@code url}; {@code into} is then untouched
     * @throws dev.cairn.chunkstore.CorruptChunkException if a file of the backup fails its checks; names the file
     */
    public RestoreOutcome restore(RemoteUrl url, Map<String, String> params, BlobStore into,
            ProgressListener progress) throws IOException {
        try (BlobStore remote = remotes.openExisting(url, params)) {
            if (remote == null || remote.getManifest() == null) {
                throw noDatabase(url);
            }
            try (ChunkSource source = ChunkSource.open(remote)) {
                Hash root = source.manifest().root();
                if (root.isEmpty()) {
                    throw noDatabase(url);
                }
                Map<String, Hash> branches = StoreRoot.at(source.chunks(), root).list(RefNames.HEADS);
                String branch = DefaultBranch.choose(branches.keySet(), readHead(remote));
                if (branch == null) {
                    throw noDatabase(url);
                }
                try (Destination destination = Destination.open(into)) {
                    if (!destination.root().isEmpty()) {
                        throw new IllegalArgumentException("restore needs an empty store, not " + into);
                    }
                    SyncResult r = engine.sync(source, root, destination, RootUpdate.ifStill(Hash.EMPTY), progress);
                    if (!r.succeeded()) {
                        throw new IOException("restore into " + into + " lost a race with another writer");
                    }
                    return new RestoreOutcome(r, branch);
                }
            }
        }
    }

    private static RemoteException noDatabase(RemoteUrl url) {
        return new RemoteException("backup at '" + url + "' has no database");
    }

    /** The branch the backup's source had checked out, or null if it did not say. */
    static String readHead(BlobStore remote) throws IOException {
        long size = remote.size(HEAD_KEY);
        if (size < 0 || size > 4096) {
            return null;
        }
        String text;
        try {
            text = new String(remote.get(HEAD_KEY, ByteRange.of(0, (int) size)), StandardCharsets.UTF_8).trim();
        } catch (NoSuchBlobException e) {
            return null;
        }
        return text.startsWith(HEAD_PREFIX) ? text.substring(HEAD_PREFIX.length()) : null;
    }

    /**
     * Blobs are write-once (a Cairn remote server keeps the first bytes put under a key), so
     * a head that changes is deleted before it is written again; a sync cut off in between
     * leaves none, which a restore already treats as "not said".
     */
    private static void writeHead(BlobStore remote, String branch) throws IOException {
        if (!branch.equals(readHead(remote))) {
            remote.delete(HEAD_KEY); // deleting a missing blob is not an error
            remote.put(HEAD_KEY, BlobSource.ofBytes((HEAD_PREFIX + branch + "\n").getBytes(StandardCharsets.UTF_8)));
        }
    }
}
