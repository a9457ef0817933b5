package dev.cairn.sql.system;

import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.model.Commit;
import dev.cairn.chunkstore.model.Database;
import dev.cairn.chunkstore.model.RootValue;
import dev.cairn.chunkstore.model.Table;
import dev.cairn.chunkstore.row.Column;
import dev.cairn.chunkstore.row.Schema;
import dev.cairn.chunkstore.row.SqlType;
import dev.cairn.repo.Repo;
import dev.cairn.sql.ResultColumn;
import dev.cairn.sql.SessionContext;
import dev.cairn.sql.SqlException;
import java.io.IOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code dolt_diff_<table>} and {@code dolt_diff(from, to, table)}. Columns, as Dolt's: the
 * table's columns prefixed {@code to_}, {@code to_commit}, {@code to_commit_date}, the same
 * prefixed {@code from_}, {@code from_commit}, {@code from_commit_date}, {@code diff_type}
 * (added, removed, modified).
 *
 * <p>{@code dolt_diff_<table>} holds the table's whole history: the uncommitted changes
 * (to_commit {@code WORKING}, from HEAD) unless read AS OF a revision, then each commit
 * reachable from HEAD (or the AS OF revision) against its first parent.
 */
final class DiffTable {
    static final String PREFIX = "dolt_diff_";

    private DiffTable() {
    }

    static SystemTable table(SessionContext session, String name, String asOf) throws IOException {
        Repo repo = session.requireRepo();
        Database db = repo.db();
        String table = name.substring(PREFIX.length());
        if (asOf != null && (asOf.equalsIgnoreCase("WORKING") || asOf.equalsIgnoreCase("STAGED"))) {
            asOf = null; // the history starts at HEAD either way; the working changes come first
        }
        SystemRefs.Revision start = SystemRefs.resolve(session, repo, asOf == null ? "HEAD" : asOf);
        Table current = (asOf == null ? session.workingRoot() : start.root()).table(table);
        if (current == null) {
            throw new SqlException(SqlException.ER_NO_SUCH_TABLE, "42S02", "table not found: " + name);
        }
        List<Column> cols = Schema.decode(current.schema()).columns();
        Builder out = new Builder(cols);
        if (asOf == null) {
            out.add(start.root(), session.workingRoot(), table, "WORKING", null, start.hash(), start.date());
        }
        for (Commit c : db.log(start.hash(), session.currentBranch(), false, -1)) {
            if (c.parents().isEmpty()) {
                continue;
            }
            Commit parent = db.commit(c.parents().get(0));
            out.add(db.rootValue(parent.rootValue()), db.rootValue(c.rootValue()), table,
                    c.address().toString(), SystemRefs.date(c.meta().timestampMillis()),
                    parent.address().toString(), SystemRefs.date(parent.meta().timestampMillis()));
        }
        return out.build();
    }

    static SystemTable function(SessionContext session, List<Object> args) throws IOException {
        for (Object a : args) {
            if (a == null) {
                throw new SqlException("function 'dolt_diff' does not accept NULL");
            }
        }
        Repo repo = session.requireRepo();
        String fromRef;
        String toRef;
        String table;
        if (args.size() == 3) {
            fromRef = args.get(0).toString();
            toRef = args.get(1).toString();
            table = args.get(2).toString();
        } else if (args.size() == 2 && args.get(0).toString().contains("..")) {
            String range = args.get(0).toString();
            boolean threeDot = range.contains("...");
            String[] parts = range.split(threeDot ? "\\.\\.\\." : "\\.\\.", 2);
            toRef = parts[1];
            fromRef = threeDot ? mergeBase(repo.db(), parts[0], toRef, session.currentBranch()) : parts[0];
            table = args.get(1).toString();
        } else {
            throw new SqlException("function 'dolt_diff' expected 3 arguments, " + args.size() + " received");
        }
        SystemRefs.Revision from = SystemRefs.resolve(session, repo, fromRef);
        SystemRefs.Revision to = SystemRefs.resolve(session, repo, toRef);
        Table schemaSource = to.root().table(table);
        if (schemaSource == null) {
            schemaSource = from.root().table(table);
        }
        if (schemaSource == null) {
            throw new SqlException(SqlException.ER_NO_SUCH_TABLE, "42S02", "table not found: " + table);
        }
        Builder out = new Builder(Schema.decode(schemaSource.schema()).columns());
        out.add(from.root(), to.root(), table, toRef, to.date(), fromRef, from.date());
        return out.build();
    }

    private static String mergeBase(Database db, String a, String b, String current) throws IOException {
        Hash base = db.mergeBase(a, b, current)
                .orElseThrow(() -> new SqlException("no common ancestor of '" + a + "' and '" + b + "'"));
        return base.toString();
    }

    /** Collects rows in the output layout. */
    private static final class Builder {
        private final List<Column> cols;
        private final List<Object[]> rows = new ArrayList<>();

        Builder(List<Column> cols) {
            this.cols = cols;
        }

        void add(RootValue fromRoot, RootValue toRoot, String table, String toCommit, LocalDateTime toDate,
                String fromCommit, LocalDateTime fromDate) throws IOException {
            int n = cols.size();
            RowDiffer.diff(fromRoot, toRoot, table, cols, (to, from, type) -> {
                Object[] row = new Object[2 * n + 5];
                if (to != null) {
                    System.arraycopy(to, 0, row, 0, n);
                }
                row[n] = toCommit;
                row[n + 1] = toDate;
                if (from != null) {
                    System.arraycopy(from, 0, row, n + 2, n);
                }
                row[2 * n + 2] = fromCommit;
                row[2 * n + 3] = fromDate;
                row[2 * n + 4] = type;
                rows.add(row);
            });
        }

        SystemTable build() {
            List<ResultColumn> out = new ArrayList<>();
            for (Column c : cols) {
                out.add(new ResultColumn("to_" + c.name(), c.type()));
            }
            out.add(new ResultColumn("to_commit", SqlType.TEXT));
            out.add(new ResultColumn("to_commit_date", SystemRefs.DATE));
            for (Column c : cols) {
                out.add(new ResultColumn("from_" + c.name(), c.type()));
            }
            out.add(new ResultColumn("from_commit", SqlType.TEXT));
            out.add(new ResultColumn("from_commit_date", SystemRefs.DATE));
            out.add(new ResultColumn("diff_type", SqlType.TEXT));
            return new ListTable(out, rows);
        }
    }
}
