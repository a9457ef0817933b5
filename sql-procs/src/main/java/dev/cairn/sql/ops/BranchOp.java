package dev.cairn.sql.ops;

import dev.cairn.chunkstore.model.Database;
import dev.cairn.repo.Repo;
import dev.cairn.sql.SessionContext;
import dev.cairn.sql.procs.args.BranchArgs;
import java.io.IOException;

/**
 * {@code branch} / {@code dolt_branch}: create ({@code NAME [START]}), delete
 * ({@code -d}/{@code -D}), rename ({@code -m OLD NEW}) and copy ({@code -c OLD NEW}).
 * Listing is the CLI's (from {@code dolt_branches}); the procedure has no listing form.
 */
public final class BranchOp {
    static final String INVALID = "error: invalid usage";
    static final String EMPTY = "error: cannot branch empty string";

    private BranchOp() {
    }

    public static void run(SessionContext session, BranchArgs args) throws IOException {
        Repo repo = session.requireRepo();
        Database db = repo.db();
        String current = session.currentBranch();
        int n = args.operands.size();
        if (args.copy) {
            if (n != 2) {
                throw UserErrors.error(INVALID);
            }
            db.branchHead(args.operands.get(0));
            db.createBranch(checkName(args.operands.get(1)), args.operands.get(0), current, args.force);
        } else if (args.move) {
            if (n != 2) {
                throw UserErrors.error(INVALID);
            }
            rename(session, repo, args.operands.get(0), checkName(args.operands.get(1)), args.force);
        } else if (args.delete || args.forceDelete) {
            if (n == 0) {
                throw UserErrors.error(INVALID);
            }
            for (String name : args.operands) {
                if (name.equals(repo.state().currentBranch()) && !name.equals(current)) {
                    // Deleting the branch the database has checked out would leave the CLI on nothing.
                    throw UserErrors.error("error: Cannot delete branch '" + name + "' checked out");
                }
                db.deleteBranch(name, current, args.forceDelete || args.force);
            }
        } else {
            if (n == 0 || n > 2) {
                throw UserErrors.error(INVALID);
            }
            String start = n == 2 ? args.operands.get(1) : "HEAD";
            db.createBranch(checkName(args.operands.get(0)), start, current, args.force);
        }
    }

    private static void rename(SessionContext session, Repo repo, String from, String to, boolean force)
            throws IOException {
        repo.db().renameBranch(from, to, force);
        if (from.equals(session.currentBranch())) {
            session.setCurrentBranch(to);
        }
        // The stored checked-out branch follows a rename, or the database would name a missing branch.
        repo.updateState(s -> s.currentBranch().equals(from) ? s.withCurrentBranch(to) : s);
    }

    private static String checkName(String name) {
        if (name.isEmpty()) {
            throw UserErrors.error(EMPTY);
        }
        return name;
    }
}
