package dev.cairn.sql.ops;

import dev.cairn.chunkstore.model.CommitMeta;
import dev.cairn.chunkstore.model.Merger;
import dev.cairn.repo.Repo;
import dev.cairn.sql.SessionContext;
import dev.cairn.sql.procs.args.MergeArgs;
import java.io.IOException;
import java.util.StringJoiner;

/**
 * {@code merge} / {@code dolt_merge}. Dolt, with autocommit on, answers a conflicting merge
 * with an error and rolls the transaction back; Cairn cannot keep conflicts for resolution
 * yet, so it always does that: the error names the conflicting tables and nothing changes.
 */
public final class MergeOp {
    static final String NO_BRANCH = "error: Please specify a branch to merge";
    static final String NO_MERGE = "fatal: There is no merge to abort";
    static final String UP_TO_DATE = "Everything up-to-date";
    static final String SUCCESS = "merge successful";

    private MergeOp() {
    }

    public static MergeOutcome run(SessionContext session, MergeArgs args) throws IOException {
        if (args.abort) {
            throw UserErrors.error(NO_MERGE);
        }
        if (args.operands.isEmpty()) {
            throw UserErrors.error(NO_BRANCH);
        }
        if (args.operands.size() > 1) {
            throw UserErrors.error("error: merging more than one branch at a time is not supported");
        }
        Repo repo = session.requireRepo();
        String branch = session.currentBranch();
        CommitMeta meta = AuthorIdentity.meta(session, repo, args.author, args.message == null ? "" : args.message);
        Merger.MergeResult r = Merger.merge(repo.db(), branch, args.operands.get(0), meta, args.noFastForward);
        String head = r.head().toString();
        return switch (r.outcome()) {
            case UP_TO_DATE -> new MergeOutcome(head, false, 0, UP_TO_DATE);
            case FAST_FORWARD -> new MergeOutcome(head, true, 0, SUCCESS);
            case MERGED -> new MergeOutcome(head, false, 0, SUCCESS);
            case CONFLICT -> throw UserErrors.error(conflictMessage(r));
        };
    }

    static String conflictMessage(Merger.MergeResult r) {
        StringJoiner tables = new StringJoiner(", ");
        for (Merger.Conflict c : r.conflicts()) {
            tables.add(switch (c.kind()) {
                case ROWS -> c.table() + " (" + c.rows() + (c.rows() == 1 ? " row)" : " rows)");
                case SCHEMA -> c.table() + " (schema)";
                case DELETED_AND_MODIFIED -> c.table() + " (deleted and modified)";
            });
        }
        return "Merge conflict detected, transaction rolled back. Conflicts in " + tables
                + "; nothing was changed: resolve them on one branch and merge again";
    }
}
