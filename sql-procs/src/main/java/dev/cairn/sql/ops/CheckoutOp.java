package dev.cairn.sql.ops;

import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.model.Branch;
import dev.cairn.chunkstore.model.Database;
import dev.cairn.chunkstore.model.RefNames;
import dev.cairn.chunkstore.model.RootValue;
import dev.cairn.repo.Repo;
import dev.cairn.sql.SessionContext;
import dev.cairn.sql.procs.args.CheckoutArgs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code checkout} / {@code dolt_checkout}: switches the session to a branch (creating it with
 * {@code -b}, or from the only remote-tracking branch of that name), or discards the working
 * changes of tables by restoring them from the staged root, as git restores from its index.
 * Each branch keeps its own working set, so switching never carries or loses changes.
 */
public final class CheckoutOp {
    static final String EMPTY = "error: cannot checkout empty string";
    static final String INVALID = "error: invalid usage";

    private CheckoutOp() {
    }

    /** Runs the checkout and returns the message Dolt's procedure returns. */
    public static String run(SessionContext session, CheckoutArgs args) throws IOException {
        Repo repo = session.requireRepo();
        Database db = repo.db();
        String current = session.currentBranch();
        if (args.newBranch != null) {
            if (args.newBranch.isEmpty()) {
                throw UserErrors.error(EMPTY);
            }
            if (args.operands.size() > 1) {
                throw UserErrors.error(INVALID);
            }
            if (args.operands.isEmpty()) {
                db.createBranchCarryingWorkingSet(args.newBranch, current);
            } else {
                db.createBranch(args.newBranch, args.operands.get(0), current, false);
            }
            return switchTo(session, args.newBranch);
        }
        if (args.operands.isEmpty()) {
            throw UserErrors.error(INVALID);
        }
        String first = args.operands.get(0);
        if (first.isEmpty()) {
            throw UserErrors.error(EMPTY);
        }
        if (args.operands.size() == 1) {
            if (db.hasBranch(first)) {
                return first.equals(current) ? "Already on '" + first + "'" : switchTo(session, first);
            }
            String tracking = remoteTrackingBranch(db, first);
            if (tracking != null && !isTable(db.branch(current), first)) {
                db.createBranch(first, tracking, current, false);
                return switchTo(session, first) + "; branch '" + first + "' set up to track '" + tracking + "'.";
            }
        }
        restoreTables(db, db.branch(current), args.operands);
        return "";
    }

    private static String switchTo(SessionContext session, String branch) throws IOException {
        session.setCurrentBranch(branch);
        return "Switched to branch '" + branch + "'";
    }

    /** The single {@code remote/name} ref for {@code name}, or null if there is none or more than one. */
    private static String remoteTrackingBranch(Database db, String name) throws IOException {
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, Hash> e : db.refs().list(RefNames.REMOTES).entrySet()) {
            int slash = e.getKey().indexOf('/');
            if (slash > 0 && e.getKey().substring(slash + 1).equals(name)) {
                found.add(e.getKey());
            }
        }
        return found.size() == 1 ? found.get(0) : null;
    }

    private static boolean isTable(Branch b, String name) throws IOException {
        return b.working().hasTable(name) || b.staged().hasTable(name) || b.headRoot().hasTable(name);
    }

    private static void restoreTables(Database db, Branch branch, List<String> tables) throws IOException {
        for (String t : tables) {
            if (!isTable(branch, t)) {
                throw UserErrors.error("error: could not find " + t);
            }
        }
        branch.updateWorkingSet(ws -> {
            RootValue working = db.rootValue(ws.working());
            RootValue staged = db.rootValue(ws.staged());
            for (String t : tables) {
                working = working.withTableOf(t, staged);
            }
            return ws.withWorking(working.address());
        });
    }

}
