package dev.cairn.sql;

import dev.cairn.chunkstore.model.RootValue;
import dev.cairn.repo.Repo;
import dev.cairn.repo.Workspace;
import dev.cairn.remotes.sync.ProgressListener;
import dev.cairn.remotes.sync.TransferDirection;
import java.io.IOException;
import java.time.Clock;

/**
 * What a stored procedure or system table may know and change about the session running
 * it. Implemented by the SQL session; the CLI commands implement it too, so a command and
 * its procedure share one implementation.
 */
public interface SessionContext {
    /** The databases this session can see. */
    Workspace workspace();

    /** The current database, or null if none is selected. */
    Repo currentRepo() throws IOException;

    /** The current database, or an error saying none is selected. */
    default Repo requireRepo() throws IOException {
        Repo r = currentRepo();
        if (r == null) {
            throw SqlException.noDatabase();
        }
        return r;
    }

    /** Selects a database ({@code USE db}); its checked-out branch becomes the session's. */
    void useDatabase(String name) throws IOException;

    /** The session's branch in the current database. */
    String currentBranch() throws IOException;

    /** Switches the session's branch (and, from the CLI, the database's checked-out branch). */
    void setCurrentBranch(String branch) throws IOException;

    /**
     * Makes sure every change this session made is in the branch's stored working set, so a
     * procedure sees it. Called before a procedure runs.
     */
    void flushWorkingSet() throws IOException;

    /**
     * The working root of the session's branch as the session sees it: the stored one, or an
     * open transaction's, so system tables agree with the session's own SELECTs.
     */
    default RootValue workingRoot() throws IOException {
        return requireRepo().db().branch(currentBranch()).working();
    }

    /** The clock commits are stamped with. */
    default Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Where a transfer (backup, restore, push, fetch, pull, clone) reports its progress. The
     * CLI shows Dolt's progress line for {@code direction}; a SQL session shows nothing, as
     * procedures print nothing.
     */
    default ProgressListener progress(TransferDirection direction) {
        return ProgressListener.NONE;
    }

    /**
     * A one-line remark about an operation that succeeded, e.g. that a prune found the
     * backup busy and deleted nothing. The CLI prints it to stderr; a SQL session may drop it.
     */
    default void notice(String message) {
    }

    /** Who the session runs as, {@code user@host}, for USER() and CURRENT_USER(). */
    default String clientUser() {
        return "root@%";
    }

    /** The session's number, for CONNECTION_ID(): the server's connection id, else 1. */
    default long connectionId() {
        return 1L;
    }

    /**
     * The session's view of an environment variable ({@code CAIRN_BACKUP_PRUNE_MIN_GRACE}),
     * so that a server or a test can set one for its sessions without touching the process.
     */
    default String environment(String name) {
        return System.getenv(name);
    }
}
