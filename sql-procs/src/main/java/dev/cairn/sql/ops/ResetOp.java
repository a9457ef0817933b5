package dev.cairn.sql.ops;

import dev.cairn.chunkstore.model.Branch;
import dev.cairn.chunkstore.model.Database;
import dev.cairn.chunkstore.model.DatabaseException;
import dev.cairn.repo.Repo;
import dev.cairn.sql.SessionContext;
import dev.cairn.sql.procs.args.ResetArgs;
import java.io.IOException;

/**
 * {@code reset} / {@code dolt_reset}, with Dolt's meanings: no operands unstages everything;
 * tables are unstaged; a single commit moves the branch there and unstages (mixed);
 * {@code --hard [commit]} discards all changes; {@code --soft} with no commit unstages
 * everything (Dolt's reading) and with one moves the branch keeping every change.
 */
public final class ResetOp {
    static final String EXCLUSIVE = "error: --hard and --soft are mutually exclusive options.";

    private ResetOp() {
    }

    public static void run(SessionContext session, ResetArgs args) throws IOException {
        if (args.hard && args.soft) {
            throw UserErrors.error(EXCLUSIVE);
        }
        Repo repo = session.requireRepo();
        Database db = repo.db();
        String current = session.currentBranch();
        Branch branch = db.branch(current);
        if (args.hard) {
            atMostOne(args, "--hard");
            branch.resetHard(args.operands.isEmpty() ? null : args.operands.get(0));
            return;
        }
        if (args.soft) {
            atMostOne(args, "--soft");
            if (args.operands.isEmpty()) {
                branch.unstageAll();
            } else {
                branch.resetSoft(args.operands.get(0));
            }
            return;
        }
        if (args.operands.isEmpty()) {
            branch.unstageAll();
        } else if (args.operands.size() == 1 && isCommit(db, args.operands.get(0), current)) {
            // Two swaps: a concurrent writer could see the moved branch with the old staged
            // root for a moment, which is still a consistent state to commit from.
            branch.resetSoft(args.operands.get(0));
            branch.unstageAll();
        } else {
            branch.unstage(args.operands);
        }
    }

    private static void atMostOne(ResetArgs args, String flag) {
        if (args.operands.size() > 1) {
            throw UserErrors.error(flag + " supports at most one additional param");
        }
    }

    /** Dolt tries an operand as a commit first, then as a table. */
    private static boolean isCommit(Database db, String ref, String current) throws IOException {
        try {
            db.resolve(ref, current);
            return true;
        } catch (DatabaseException e) {
            return false;
        }
    }
}
