package dev.cairn.sql.system;

import dev.cairn.chunkstore.model.Status;
import dev.cairn.chunkstore.row.SqlType;
import dev.cairn.sql.ResultColumn;
import dev.cairn.sql.SessionContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code dolt_status}: the session branch's staged changes, then unstaged ones, then
 * untracked (new, unstaged) tables, with Dolt's status words. Only the working set has a
 * status, so AS OF does not apply.
 */
final class StatusTable {
    static final List<ResultColumn> COLUMNS = List.of(
            new ResultColumn("table_name", SqlType.TEXT),
            new ResultColumn("staged", SqlType.BOOLEAN),
            new ResultColumn("status", SqlType.TEXT));

    private StatusTable() {
    }

    static SystemTable table(SessionContext session, String name, String asOf) throws IOException {
        Status s = Status.of(session.requireRepo().db().branch(session.currentBranch()), session.workingRoot());
        List<Object[]> rows = new ArrayList<>();
        for (Status.Change c : s.staged()) {
            rows.add(new Object[] {c.table(), true, word(c.kind())});
        }
        for (Status.Change c : s.unstaged()) {
            rows.add(new Object[] {c.table(), false, word(c.kind())});
        }
        for (String t : s.untracked()) {
            rows.add(new Object[] {t, false, "new table"});
        }
        return new ListTable(COLUMNS, rows);
    }

    static String word(Status.ChangeKind kind) {
        return switch (kind) {
            case NEW -> "new table";
            case MODIFIED -> "modified";
            case DELETED -> "deleted";
        };
    }
}
