package dev.cairn.sql.ops;

import dev.cairn.repo.Repo;
import dev.cairn.sql.SessionContext;
import dev.cairn.sql.procs.args.AddArgs;
import java.io.IOException;

/** {@code add} / {@code dolt_add}: stages tables, or everything with {@code .} or {@code -A}. */
public final class AddOp {
    static final String NOTHING = "Nothing specified, nothing added. Maybe you wanted to say 'cairn add .'?";

    private AddOp() {
    }

    public static void run(SessionContext session, AddArgs args) throws IOException {
        Repo repo = session.requireRepo();
        var branch = repo.db().branch(session.currentBranch());
        if (args.all || args.tables.contains(".")) {
            branch.stageAll();
            return;
        }
        if (args.tables.isEmpty()) {
            throw UserErrors.error(NOTHING);
        }
        branch.stage(args.tables);
    }
}
