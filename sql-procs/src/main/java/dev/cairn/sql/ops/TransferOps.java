package dev.cairn.sql.ops;

import dev.cairn.repo.Repo;
import dev.cairn.repo.Workspace;
import dev.cairn.sql.SessionContext;
import dev.cairn.sql.ops.RemoteSettings.Kind;
import dev.cairn.sql.procs.args.CloneArgs;
import dev.cairn.sql.procs.args.FetchArgs;
import dev.cairn.sql.procs.args.PullArgs;
import dev.cairn.sql.procs.args.PushArgs;
import java.io.IOException;

/**
 * {@code push}, {@code pull}, {@code fetch} and {@code clone}: their arguments are checked in
 * full now, so step 5 only replaces the final transfer call with the sync engine.
 */
public final class TransferOps {
    static final String INVALID = "error: invalid usage";

    private TransferOps() {
    }

    public static void push(SessionContext session, PushArgs args) throws IOException {
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
        RemoteSettings.require(repo, Kind.REMOTE, args.operands.get(0));
        String refspec = args.operands.size() == 2 ? args.operands.get(1) : current;
        String source = refspec.contains(":") ? refspec.substring(0, refspec.indexOf(':')) : refspec;
        if (!source.isEmpty()) {
            repo.db().branchHead(source);
        }
        throw NotAvailable.sync("push");
    }

    public static void fetch(SessionContext session, FetchArgs args) throws IOException {
        Repo repo = session.requireRepo();
        RemoteSettings.require(repo, Kind.REMOTE, args.operands.isEmpty() ? "origin" : args.operands.get(0));
        throw NotAvailable.sync("fetch");
    }

    public static void pull(SessionContext session, PullArgs args) throws IOException {
        Repo repo = session.requireRepo();
        if (args.operands.size() > 2) {
            throw UserErrors.error(INVALID);
        }
        RemoteSettings.require(repo, Kind.REMOTE, args.operands.isEmpty() ? "origin" : args.operands.get(0));
        AuthorIdentity.meta(session, repo, args.author, args.message == null ? "" : args.message);
        throw NotAvailable.sync("pull");
    }

    /** Clones into a new database of the workspace, named by the second operand or the URL's last path element. */
    public static void clone(SessionContext session, CloneArgs args) throws IOException {
        if (args.operands.isEmpty() || args.operands.size() > 2) {
            throw UserErrors.error(INVALID);
        }
        Workspace ws = session.workspace();
        String url = RemoteSettings.normalizeUrl(Kind.REMOTE, args.operands.get(0), ws.root());
        args.aws.checkFor(url);
        RemoteSettings.checkName(Kind.REMOTE, args.remote);
        String name = args.operands.size() == 2 ? args.operands.get(1) : lastPathElement(url);
        Workspace.checkName(name);
        if (ws.has(name)) {
            throw UserErrors.error("database '" + name + "' already exists");
        }
        throw NotAvailable.sync("clone");
    }

    static String lastPathElement(String url) {
        String s = url;
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.substring(s.lastIndexOf('/') + 1);
    }
}
