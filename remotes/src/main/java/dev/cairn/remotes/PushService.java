package dev.cairn.remotes;

import dev.cairn.chunkstore.ChunkStore;
import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.blob.BlobStore;
import dev.cairn.chunkstore.model.Database;
import dev.cairn.chunkstore.model.History;
import dev.cairn.chunkstore.model.RefNames;
import dev.cairn.chunkstore.model.StoreRoot;
import dev.cairn.remotes.sync.ChunkSource;
import dev.cairn.remotes.sync.Destination;
import dev.cairn.remotes.sync.ProgressListener;
import dev.cairn.remotes.sync.RootUpdate;
import dev.cairn.remotes.sync.SyncEngine;
import dev.cairn.remotes.sync.SyncResult;
import java.io.IOException;
import java.util.Map;

/**
 * Push: sends one local branch's history to a remote and moves that one branch there, leaving
 * every other ref of the remote alone. A remote with nothing in it (a new directory) becomes
 * a store with just that branch.
 *
 * <p>A push that would drop commits the remote branch has (not a fast-forward) is refused
 * unless forced. The check runs twice: against the remote as first read, before anything is
 * sent, and again inside the manifest swap, against whatever the remote holds by then, so a
 * push racing another never overwrites it. A refusal is a {@link Status}, not an exception.
 */
public final class PushService {
    /** How a push ended. */
    public enum Status {
        /** The remote branch already pointed at the local head. */
        UP_TO_DATE,
        /** The remote had no such branch; it now has it. */
        CREATED,
        /** The remote branch moved forward to the local head. */
        FAST_FORWARD,
        /** The remote branch was replaced by a head that does not descend from it ({@code --force}). */
        FORCED,
        /** Refused: the remote branch has commits the local head lacks. Nothing changed. */
        REJECTED_NON_FAST_FORWARD
    }

    /**
     * What a push did.
     *
     * @param previous the remote branch's head before, or null if it had none
     * @param head the local head pushed
     * @param sync the transfer; null if the push was refused before anything was sent
     */
    public record PushResult(Status status, Hash previous, Hash head, SyncResult sync) {
        public boolean succeeded() {
            return status != Status.REJECTED_NON_FAST_FORWARD;
        }
    }

    private final RemoteFactory remotes;
    private final SyncEngine engine;

    public PushService(RemoteFactory remotes, SyncEngine engine) {
        this.remotes = remotes;
        this.engine = engine;
    }

    public static PushService standard() {
        return new PushService(RemoteFactory.standard(), new SyncEngine());
    }

    /**
     * Pushes {@code localBranch} of the store in {@code local} to {@code remoteBranch} at {@code url}.
     *
     * @throws RemoteException for a bad URL, a local branch that does not exist, or a remote
     *     too busy to update
     */
    public PushResult push(BlobStore local, String localBranch, RemoteUrl url, Map<String, String> params,
            String remoteBranch, boolean force, ProgressListener progress) throws IOException {
        String ref = RefNames.branch(remoteBranch);
        try (ChunkSource source = ChunkSource.openLocal(local)) {
            Hash head = StoreRoot.at(source.chunks(), source.manifest().root()).get(RefNames.branch(localBranch));
            if (head == null) {
                throw new RemoteException("branch not found: " + localBranch);
            }
            try (BlobStore remote = remotes.open(url, params); Destination destination = Destination.open(remote)) {
                Hash before = destination.root().isEmpty() ? null
                        : StoreRoot.at(destination.chunks(), destination.root()).get(ref);
                if (before != null && !force && !descends(source.chunks(), before, head)) {
                    return new PushResult(Status.REJECTED_NON_FAST_FORWARD, before, head, null);
                }
                Hash[] previous = {before};
                SyncResult r;
                try {
                    r = engine.sync(source, head, destination, RootUpdate.compute((dest, currentRoot) -> {
                        StoreRoot refs = StoreRoot.at(dest, currentRoot);
                        Hash old = refs.get(ref);
                        previous[0] = old;
                        if (head.equals(old)) {
                            return currentRoot;
                        }
                        if (old != null && !force && !descends(dest, old, head)) {
                            throw new Rejected();
                        }
                        return refs.with(ref, head).address();
                    }), progress);
                } catch (Rejected e) {
                    return new PushResult(Status.REJECTED_NON_FAST_FORWARD, previous[0], head, null);
                }
                if (!r.succeeded()) {
                    throw new RemoteException("push to '" + url + "' gave up: other writers kept changing it; "
                            + "nothing was changed, push again");
                }
                Hash old = previous[0];
                Status status = old == null ? Status.CREATED : old.equals(head) ? Status.UP_TO_DATE
                        : descends(source.chunks(), old, head) ? Status.FAST_FORWARD : Status.FORCED;
                return new PushResult(status, old, head, r);
            }
        }
    }

    /** True if {@code head} is {@code ancestor} or descends from it, judged from the commits {@code store} has. */
    private static boolean descends(ChunkStore store, Hash ancestor, Hash head) throws IOException {
        if (ancestor.equals(head)) {
            return true;
        }
        if (!store.has(ancestor)) {
            return false; // everything under the head is in the store, so a missing commit is not below it
        }
        return History.isAncestor(Database.open(store), ancestor, head);
    }

    /** Unwinds the sync when the remote branch moved to something the head does not descend from. */
    private static final class Rejected extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Rejected() {
            super(null, null, false, false);
        }
    }
}
