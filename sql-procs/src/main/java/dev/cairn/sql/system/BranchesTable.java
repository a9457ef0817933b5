package dev.cairn.sql.system;

import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.model.Commit;
import dev.cairn.chunkstore.model.Database;
import dev.cairn.chunkstore.model.RefNames;
import dev.cairn.chunkstore.row.SqlType;
import dev.cairn.sql.ResultColumn;
import dev.cairn.sql.SessionContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code dolt_branches} and {@code dolt_remote_branches} (named {@code remotes/<remote>/<branch>}
 * as Dolt names them). Refs are not versioned, so AS OF does not apply.
 */
final class BranchesTable {
    static final List<ResultColumn> COLUMNS = List.of(
            new ResultColumn("name", SqlType.TEXT),
            new ResultColumn("hash", SystemRefs.HASH),
            new ResultColumn("latest_committer", SqlType.TEXT),
            new ResultColumn("latest_committer_email", SqlType.TEXT),
            new ResultColumn("latest_commit_date", SystemRefs.DATE),
            new ResultColumn("latest_commit_message", SqlType.TEXT));

    private BranchesTable() {
    }

    static SystemTable local(SessionContext session, String name, String asOf) throws IOException {
        Database db = session.requireRepo().db();
        return of(db, db.branches(), "");
    }

    static SystemTable remote(SessionContext session, String name, String asOf) throws IOException {
        Database db = session.requireRepo().db();
        return of(db, db.refs().list(RefNames.REMOTES), "remotes/");
    }

    private static SystemTable of(Database db, Map<String, Hash> heads, String prefix) throws IOException {
        List<Object[]> rows = new ArrayList<>();
        for (Map.Entry<String, Hash> e : heads.entrySet()) {
            Commit c = db.commit(e.getValue());
            rows.add(new Object[] {prefix + e.getKey(), e.getValue().toString(), c.meta().name(), c.meta().email(),
                SystemRefs.date(c.meta().timestampMillis()), c.meta().message()});
        }
        return new ListTable(COLUMNS, rows);
    }
}
