package dev.cairn.remotes;

import dev.cairn.chunkstore.Chunk;
import dev.cairn.chunkstore.ChunkStore;
import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.chunkstore.model.ModelCodec;
import dev.cairn.chunkstore.model.RefNames;
import dev.cairn.chunkstore.model.StoreRoot;
import dev.cairn.chunkstore.model.WorkingSet;
import dev.cairn.remotes.sync.ChunkSource;
import dev.cairn.remotes.sync.Destination;
import dev.cairn.remotes.sync.ProgressListener;
import dev.cairn.remotes.sync.RootUpdate;
import dev.cairn.remotes.sync.SyncEngine;
import dev.cairn.remotes.sync.SyncResult;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fetch and clone: bring a remote's branches into a local store as remote-tracking refs
 * ({@code refs/remotes/<remote>/<branch>}), with the remote's tags the local store lacks.
 * The local side's refs are edited in the same manifest swap that adds the fetched chunks,
 * so a local database sees the fetch whole or not at all (after its store's {@code refresh()}).
 *
 * <p>Remote-tracking refs of branches the remote no longer has are removed, as
 * {@code git fetch --prune} does: Dolt keeps them in step with the remote. The remote's own
 * working sets and remote-tracking refs are not made refs here (they may still be copied as
 * chunks when whole files are copied, and a later {@code gc} drops them).
 */
public final class FetchService {
    /** What a fetch did: the remote's branches and their heads, and the transfer. */
    public record FetchResult(Map<String, Hash> branches, SyncResult sync) {
    }

    /** What a clone did: the branch checked out, the remote's branches, and the transfer. */
    public record CloneResult(String branch, Map<String, Hash> branches, SyncResult sync) {
    }

    private final RemoteFactory remotes;
    private final SyncEngine engine;

    public FetchService(RemoteFactory remotes, SyncEngine engine) {
        this.remotes = remotes;
        this.engine = engine;
    }

    public static FetchService standard() {
        return new FetchService(RemoteFactory.standard(), new SyncEngine());
    }

    /**
     * Fetches every branch of the remote at {@code url} into {@code local} as
     * {@code refs/remotes/<remoteName>/*}. A remote with nothing in it yet fetches nothing.
     */
    public FetchResult fetch(RemoteUrl url, Map<String, String> params, String remoteName, BlobStore local,
            ProgressListener progress) throws IOException {
        try (BlobStore remote = remotes.openExisting(url, params)) {
            if (remote == null || remote.getManifest() == null) {
                return new FetchResult(Map.of(), null);
            }
            try (ChunkSource source = ChunkSource.open(remote)) {
                Hash root = source.manifest().root();
                if (root.isEmpty()) {
                    return new FetchResult(Map.of(), null);
                }
                StoreRoot theirs = StoreRoot.at(source.chunks(), root);
                Map<String, Hash> branches = theirs.list(RefNames.HEADS);
                Map<String, Hash> tags = theirs.list(RefNames.TAGS);
                SyncResult r = transfer(source, root, local, url, (dest, current) -> {
                    StoreRoot ours = StoreRoot.at(dest, current);
                    return ours.with(trackingChanges(ours, remoteName, branches, tags)).address();
                }, progress);
                return new FetchResult(branches, r);
            }
        }
    }

    /**
     * Clones the remote at {@code url} into the empty store {@code into}: remote-tracking refs
     * for every branch, the remote's tags, and one local branch ({@code branch}, or the
     * remote's default) at the remote's head with a clean working set.
     *
     * @throws RemoteException if there is no database at {@code url} or it lacks {@code branch}
     */
    public CloneResult clone(RemoteUrl url, Map<String, String> params, String remoteName, String branch,
            BlobStore into, ProgressListener progress) throws IOException {
        try (BlobStore remote = remotes.openExisting(url, params)) {
            if (remote == null || remote.getManifest() == null) {
                throw noDatabase(url);
            }
            try (ChunkSource source = ChunkSource.open(remote)) {
                Hash root = source.manifest().root();
                if (root.isEmpty()) {
                    throw noDatabase(url);
                }
                StoreRoot theirs = StoreRoot.at(source.chunks(), root);
                Map<String, Hash> branches = theirs.list(RefNames.HEADS);
                Map<String, Hash> tags = theirs.list(RefNames.TAGS);
                if (branch != null && !branches.containsKey(branch)) {
                    throw new RemoteException("fatal: Remote branch " + branch + " not found in upstream " + remoteName);
                }
                String checkout = DefaultBranch.choose(branches.keySet(), branch == null
                        ? BackupService.readHead(remote) : branch);
                if (checkout == null) {
                    throw noDatabase(url);
                }
                Hash head = branches.get(checkout);
                SyncResult r = transfer(source, root, into, url, (dest, current) -> {
                    if (!current.isEmpty()) {
                        throw new IllegalArgumentException("clone needs an empty store, not " + into);
                    }
                    StoreRoot ours = StoreRoot.at(dest, current);
                    Map<String, Hash> changes = trackingChanges(ours, remoteName, branches, tags);
                    changes.put(RefNames.branch(checkout), head);
                    changes.put(RefNames.workingSet(checkout), cleanWorkingSet(dest, head));
                    return ours.with(changes).address();
                }, progress);
                return new CloneResult(checkout, branches, r);
            }
        }
    }

    private SyncResult transfer(ChunkSource source, Hash root, BlobStore local, RemoteUrl url,
            RootUpdate.RootFunction edit, ProgressListener progress) throws IOException {
        try (Destination destination = Destination.open(local)) {
            SyncResult r = engine.sync(source, root, destination, RootUpdate.compute(edit), progress);
            if (!r.succeeded()) {
                throw new RemoteException("fetching from '" + url + "' gave up: the local database kept changing; "
                        + "nothing was changed, try again");
            }
            return r;
        }
    }

    /** Sets one remote's tracking refs to {@code branches}, drops the ones it lost, and adds tags we lack. */
    private static Map<String, Hash> trackingChanges(StoreRoot ours, String remoteName, Map<String, Hash> branches,
            Map<String, Hash> tags) throws IOException {
        Map<String, Hash> changes = new LinkedHashMap<>();
        for (String gone : ours.list(RefNames.REMOTES + remoteName + "/").keySet()) {
            if (!branches.containsKey(gone)) {
                changes.put(RefNames.remoteBranch(remoteName, gone), null);
            }
        }
        branches.forEach((b, h) -> changes.put(RefNames.remoteBranch(remoteName, b), h));
        Map<String, Hash> ourTags = ours.list(RefNames.TAGS);
        tags.forEach((t, h) -> {
            if (!ourTags.containsKey(t)) {
                changes.put(RefNames.tag(t), h);
            }
        });
        return changes;
    }

    /** A working set whose working and staged roots are the commit's: nothing changed yet. */
    private static Hash cleanWorkingSet(ChunkStore dest, Hash commit) throws IOException {
        Chunk c = dest.get(commit);
        if (c == null) {
            throw new IOException("commit " + commit + " did not arrive");
        }
        Hash root = ModelCodec.decodeCommit(c).rootValue();
        Chunk ws = ModelCodec.encodeWorkingSet(new WorkingSet(root, root));
        dest.put(ws);
        return ws.hash();
    }

    private static RemoteException noDatabase(RemoteUrl url) {
        return new RemoteException("remote at '" + url + "' has no database");
    }
}
