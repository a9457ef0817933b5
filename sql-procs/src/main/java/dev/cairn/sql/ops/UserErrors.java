package dev.cairn.sql.ops;

import dev.cairn.chunkstore.model.DatabaseException;
import dev.cairn.remotes.RemoteException;
import dev.cairn.repo.RepoException;
import dev.cairn.sql.SqlException;

/**
 * Turns the model's and the repo layer's user-facing exceptions into {@link SqlException}s,
 * flattened to one line: a procedure's error goes to a MySQL client as one message, and the
 * CLI prints one line too.
 */
public final class UserErrors {
    private UserErrors() {
    }

    /** The SQL form of a user error, or {@code e} itself if it is not one. */
    public static RuntimeException toSql(RuntimeException e) {
        if (e instanceof SqlException) {
            return e;
        }
        if (e instanceof DatabaseException || e instanceof RepoException || e instanceof RemoteException) {
            return new SqlException(SqlException.ER_UNKNOWN, "HY000", oneLine(e.getMessage()), e);
        }
        return e;
    }

    public static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    /** A plain user error with MySQL's generic error number, as Dolt reports its procedure errors. */
    public static SqlException error(String message) {
        return new SqlException(message);
    }
}
