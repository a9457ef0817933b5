package dev.cairn.sql.system;

import dev.cairn.chunkstore.model.Commit;
import dev.cairn.chunkstore.row.SqlType;
import dev.cairn.repo.Repo;
import dev.cairn.sql.ResultColumn;
import dev.cairn.sql.SessionContext;
import dev.cairn.sql.SqlException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code dolt_log} (the history of the session's HEAD, or of the AS OF revision) and the
 * table function {@code dolt_log([ref])}: every commit reachable, newest first.
 */
final class LogTable {
    static final List<ResultColumn> COLUMNS = List.of(
            new ResultColumn("commit_hash", SystemRefs.HASH),
            new ResultColumn("committer", SqlType.TEXT),
            new ResultColumn("email", SqlType.TEXT),
            new ResultColumn("date", SystemRefs.DATE),
            new ResultColumn("message", SqlType.TEXT));

    private LogTable() {
    }

    static SystemTable table(SessionContext session, String name, String asOf) throws IOException {
        return of(session, asOf == null ? "HEAD" : asOf);
    }

    static SystemTable function(SessionContext session, List<Object> args) throws IOException {
        if (args.size() > 1) {
            throw new SqlException("function 'dolt_log' expected 0 or 1 arguments, " + args.size() + " received");
        }
        if (!args.isEmpty() && args.get(0) == null) {
            throw new SqlException("function 'dolt_log' does not accept NULL");
        }
        return of(session, args.isEmpty() ? "HEAD" : args.get(0).toString());
    }

    private static SystemTable of(SessionContext session, String ref) throws IOException {
        Repo repo = session.requireRepo();
        List<Object[]> rows = new ArrayList<>();
        for (Commit c : repo.db().log(ref, session.currentBranch(), false, -1)) {
            rows.add(new Object[] {c.address().toString(), c.meta().name(), c.meta().email(),
                SystemRefs.date(c.meta().timestampMillis()), c.meta().message()});
        }
        return new ListTable(COLUMNS, rows);
    }
}
