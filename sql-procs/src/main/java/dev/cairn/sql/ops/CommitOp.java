package dev.cairn.sql.ops;

import dev.cairn.chunkstore.model.Branch;
import dev.cairn.chunkstore.model.Commit;
import dev.cairn.chunkstore.model.CommitMeta;
import dev.cairn.repo.Repo;
import dev.cairn.sql.SessionContext;
import dev.cairn.sql.procs.args.CommitArgs;
import java.io.IOException;

/** {@code commit} / {@code dolt_commit}: commits the staged tables (after {@code -a}/{@code -A} staging). */
public final class CommitOp {
    static final String NO_MESSAGE = "Must provide commit message.";

    private CommitOp() {
    }

    /** Commits and returns the new commit's hash. */
    public static String run(SessionContext session, CommitArgs args) throws IOException {
        if (args.message == null) {
            throw UserErrors.error(NO_MESSAGE);
        }
        Repo repo = session.requireRepo();
        CommitMeta meta = AuthorIdentity.meta(session, repo, args.author, args.message);
        Branch.Staging staging = args.allIncludingNew ? Branch.Staging.ALL
                : args.all ? Branch.Staging.TRACKED : Branch.Staging.NONE;
        Commit c = repo.db().branch(session.currentBranch())
                .commit(new Branch.CommitRequest(meta, args.allowEmpty, staging));
        return c.address().toString();
    }
}
