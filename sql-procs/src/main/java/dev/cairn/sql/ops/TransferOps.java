package dev.cairn.sql.ops;

import dev.cairn.chunkstore.blob.DirectoryBlobStore;
import dev.cairn.chunkstore.model.CommitMeta;
import dev.cairn.chunkstore.model.Merger;
import dev.cairn.remotes.FetchService;
import dev.cairn.remotes.PushService;
import dev.cairn.remotes.RemoteUrl;
import dev.cairn.remotes.sync.TransferDirection;
import dev.cairn.repo.RemoteConfig;
import dev.cairn.repo.Repo;
import dev.cairn.repo.RepoState;
import dev.cairn.repo.Workspace;
import dev.cairn.sql.SessionContext;
import dev.cairn.sql.ops.RemoteSettings.Kind;
import dev.cairn.sql.procs.args.CloneArgs;
import dev.cairn.sql.procs.args.FetchArgs;
import dev.cairn.sql.procs.args.PullArgs;
import dev.cairn.sql.procs.args.PushArgs;
import java.io.IOException;
import java.util.Map;

/**
 * {@code push}, {@code pull}, {@code fetch} and {@code clone}: argument checks with Dolt's
 * messages, then the transfer through {@link PushService} or {@link FetchService}, then what
 * the local database needs afterwards (remote-tracking refs, a merge, a new directory).
 */
public final class TransferOps {
    static final String INVALID = "error: invalid usage";
    static final String UP_TO_DATE = "Everything up-to-date";

    private TransferOps() {
    }

    /**
     * Pushes one branch ({@code REMOTE [BRANCH | SRC:DST]}) and moves the local
     * remote-tracking ref to match. A non-fast-forward is refused without {@code --force}.
     * {@code -u} is accepted; Cairn does not record upstreams yet.
     */
    public static PushService.PushResult push(SessionContext session, PushArgs args) throws IOException {
        Repo repo = session.requireRepo();
        String current = session.currentBranch();
        if (args.operands.isEmpty()) {
            throw UserErrors.error("fatal: The current branch " + current + " has no upstream branch. "
                    + "To push the current branch and set the remote as upstream, use --set-upstream <remote> "
                    + current);
        }
        if (args.operands.size() > 2) {
            throw UserErrors.error(INVALID);
        }
        String remoteName = args.operands.get(0);
        RemoteConfig remote = RemoteSettings.require(repo, Kind.REMOTE, remoteName);
        String refspec = args.operands.size() == 2 ? args.operands.get(1) : current;
        int colon = refspec.indexOf(':');
        String source = colon < 0 ? refspec : refspec.substring(0, colon);
        String target = colon < 0 ? refspec : refspec.substring(colon + 1);
        if (source.isEmpty()) {
            throw UserErrors.error("error: deleting a remote branch with push is not supported");
        }
        repo.db().branchHead(source);
        if (target.isEmpty()) {
            throw UserErrors.error(INVALID);
        }
        PushService.PushResult r;
        try (DirectoryBlobStore local = repo.storeBlobs()) {
            r = TransferServices.PUSH.push(local, source, RemoteUrl.parse(remote.url(), repo.dir()), remote.params(),
                    target, args.force, TransferListeners.of(session, TransferDirection.UPLOAD));
        }
        if (r.status() == PushService.Status.REJECTED_NON_FAST_FORWARD) {
            throw UserErrors.error("! [rejected] " + source + " -> " + target + " (non-fast-forward): the remote "
                    + "branch has commits this one lacks; pull them first, or push with --force");
        }
        repo.db().setRemoteRefs(remoteName, Map.of(target, r.head()));
        if (r.status() == PushService.Status.UP_TO_DATE) {
            session.notice(UP_TO_DATE);
        }
        return r;
    }

    /** Fetches every branch of the remote (default {@code origin}) into its remote-tracking refs. */
    public static FetchService.FetchResult fetch(SessionContext session, FetchArgs args) throws IOException {
        Repo repo = session.requireRepo();
        if (args.operands.size() > 1) {
            throw UserErrors.error("error: fetching chosen refspecs is not supported; fetch the whole remote");
        }
        String remoteName = args.operands.isEmpty() ? "origin" : args.operands.get(0);
        return fetchInto(session, repo, remoteName);
    }

    private static FetchService.FetchResult fetchInto(SessionContext session, Repo repo, String remoteName)
            throws IOException {
        RemoteConfig remote = RemoteSettings.require(repo, Kind.REMOTE, remoteName);
        FetchService.FetchResult r;
        try (DirectoryBlobStore local = repo.storeBlobs()) {
            r = TransferServices.FETCH.fetch(RemoteUrl.parse(remote.url(), repo.dir()), remote.params(), remoteName,
                    local, TransferListeners.of(session, TransferDirection.DOWNLOAD));
        }
        repo.store().refresh(); // the fetch swapped the manifest through its own view of the directory
        return r;
    }

    /**
     * Fetches the remote (default {@code origin}), then merges its branch (default: the
     * current branch's name) into the current branch, as {@code dolt_merge} would.
     */
    public static MergeOutcome pull(SessionContext session, PullArgs args) throws IOException {
        Repo repo = session.requireRepo();
        if (args.operands.size() > 2) {
            throw UserErrors.error(INVALID);
        }
        String remoteName = args.operands.isEmpty() ? "origin" : args.operands.get(0);
        RemoteSettings.require(repo, Kind.REMOTE, remoteName);
        CommitMeta meta = AuthorIdentity.meta(session, repo, args.author, args.message == null ? "" : args.message);
        String current = session.currentBranch();
        String branch = args.operands.size() == 2 ? args.operands.get(1) : current;
        FetchService.FetchResult fetched = fetchInto(session, repo, remoteName);
        if (!fetched.branches().containsKey(branch)) {
            throw UserErrors.error("fatal: couldn't find remote ref " + branch);
        }
        Merger.MergeResult m = Merger.merge(repo.db(), current, remoteName + "/" + branch, meta,
                args.noFastForward);
        String head = m.head().toString();
        return switch (m.outcome()) {
            case UP_TO_DATE -> new MergeOutcome(head, false, 0, MergeOp.UP_TO_DATE);
            case FAST_FORWARD -> new MergeOutcome(head, true, 0, MergeOp.SUCCESS);
            case MERGED -> new MergeOutcome(head, false, 0, MergeOp.SUCCESS);
            case CONFLICT -> throw UserErrors.error(MergeOp.conflictMessage(m));
        };
    }

    /**
     * Clones into a new database of the workspace, named by the second operand or the URL's
     * last path element: remote {@code origin} (or {@code --remote}) with that URL, its
     * remote-tracking refs and tags, and its default branch (or {@code -b}) checked out clean.
     * Built aside and renamed into place like a restore, so a failed clone leaves nothing.
     */
    public static FetchService.CloneResult clone(SessionContext session, CloneArgs args) throws IOException {
        if (args.operands.isEmpty() || args.operands.size() > 2) {
            throw UserErrors.error(INVALID);
        }
        Workspace ws = session.workspace();
        String url = RemoteSettings.normalizeUrl(Kind.REMOTE, args.operands.get(0), ws.root());
        args.options.checkFor(url);
        RemoteSettings.checkName(Kind.REMOTE, args.remote);
        String name = args.operands.size() == 2 ? args.operands.get(1) : lastPathElement(url);
        Workspace.checkName(name);
        if (ws.has(name)) {
            throw UserErrors.error("database '" + name + "' already exists");
        }
        RemoteUrl source = RemoteUrl.parse(url, ws.root());
        Map<String, String> params = args.options.params();
        FetchService.CloneResult[] out = new FetchService.CloneResult[1];
        ws.install(name, false, storeDir -> {
            try (DirectoryBlobStore into = new DirectoryBlobStore(storeDir)) {
                out[0] = TransferServices.FETCH.clone(source, params, args.remote, args.branch, into,
                        TransferListeners.of(session, TransferDirection.DOWNLOAD));
            }
            RemoteConfig origin = new RemoteConfig(args.remote, url, params);
            return RepoState.initial(out[0].branch()).withRemote(origin);
        });
        return out[0];
    }

    static String lastPathElement(String url) {
        String s = url;
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.substring(s.lastIndexOf('/') + 1);
    }
}
