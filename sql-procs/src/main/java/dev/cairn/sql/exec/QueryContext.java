package dev.cairn.sql.exec;

import dev.cairn.chunkstore.model.RootValue;
import dev.cairn.sql.SessionContext;
import java.io.IOException;
import java.time.LocalDateTime;
import net.sf.jsqlparser.expression.Expression;

/**
 * What the executors need from the session while one statement runs: the working root they
 * read and change, history for AS OF, variables, and the values functions report. The
 * session decides what "the working root" is (the branch's, or a transaction's buffer) and
 * writes it back after the statement.
 */
public interface QueryContext {
    SessionContext session();

    /** The current database's name, or null if none is selected. */
    String database();

    /** The session's branch in the current database. */
    String branch();

    /** The working root of the current database, as this statement sees it; errors if no database is selected. */
    RootValue root() throws IOException;

    /** Replaces the working root with one containing this statement's changes. */
    void setRoot(RootValue next);

    /**
     * The working root a write to {@code database} starts from: the current database's (as
     * {@link #root()}) when it is null or names the current database, otherwise that
     * database's working root on its checked-out branch. Errors if the database is unknown.
     */
    RootValue root(String database) throws IOException;

    /** Replaces {@code database}'s working root (null: the current one) with this statement's changes. */
    void setRoot(String database, RootValue next) throws IOException;

    /**
     * The root a read of {@code database} (null: the current one) sees: the working root, or
     * the root of the commit {@code ref} names (a branch, tag, hash or {@code main~1}).
     */
    RootValue readRoot(String database, String ref) throws IOException;

    /** The commit hash a ref resolves to in the current database ({@code hashof}). */
    String hashOf(String ref) throws IOException;

    /** The SQL text of the statement's i-th AS OF expression (see {@code AsOfRewriter}). */
    String asOfExpression(int index);

    /** A system variable's value ({@code @@name}), or null if it is unknown. */
    Object systemVariable(String name);

    /** A user variable ({@code @name}); unset ones are NULL. */
    Object userVariable(String name);

    long lastInsertId();

    void setLastInsertId(long id);

    /** The statement's start time: every now() in one statement agrees. */
    LocalDateTime now();

    /** Counts rows read from table storage, so tests can tell a point lookup from a scan. */
    void rowsVisited(long n);

    /**
     * The literal the statement's {@code index}-th {@code ?} stands for (1 is the first), when
     * its text was parsed as a template (see {@code StatementTemplates}); null otherwise.
     */
    default Expression parameter(int index) {
        return null;
    }
}
