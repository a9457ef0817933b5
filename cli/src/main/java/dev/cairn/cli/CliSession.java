package dev.cairn.cli;

import dev.cairn.cli.progress.Terminal;
import dev.cairn.cli.progress.TransferProgress;
import dev.cairn.remotes.sync.ProgressListener;
import dev.cairn.remotes.sync.SyncProgress;
import dev.cairn.remotes.sync.TransferDirection;
import dev.cairn.repo.Repo;
import dev.cairn.repo.Workspace;
import dev.cairn.sql.SessionContext;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The session of one CLI command: the database in the current directory, on its checked-out
 * branch. Unlike a SQL session, switching branch here is the user's checkout, so it is
 * written to the repo state and the next command starts on it.
 */
public final class CliSession implements SessionContext, AutoCloseable {
    /** Dolt's message for a database command run outside a database. */
    public static final String NOT_A_REPO = "The current directory is not a valid cairn repository.";

    private final Path dir;
    private final List<TransferProgress> transfers = new ArrayList<>();
    private PrintWriter messages;
    private boolean liveProgress;
    private Workspace workspace;
    private Repo repo;

    private CliSession(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** A session in {@code dir}; the database there is opened on first use. */
    public static CliSession in(Path dir) {
        return new CliSession(dir);
    }

    /** A session in {@code dir}, which must be a database: fails with {@link #NOT_A_REPO} otherwise. */
    public static CliSession requiring(Path dir) throws IOException {
        CliSession s = new CliSession(dir);
        s.requireRepo();
        return s;
    }

    /**
     * Sends progress lines and notices to {@code err} (a command's stderr); without this call
     * they are dropped, as in a SQL session.
     */
    public CliSession reportingTo(PrintWriter err) {
        this.messages = err;
        this.liveProgress = Terminal.interactive();
        return this;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public synchronized Workspace workspace() {
        if (workspace == null) {
            workspace = Workspace.open(dir);
        }
        return workspace;
    }

    @Override
    public synchronized Repo currentRepo() throws IOException {
        if (repo == null && Repo.isRepo(dir)) {
            repo = Repo.open(dir);
        }
        return repo;
    }

    @Override
    public Repo requireRepo() throws IOException {
        Repo r = currentRepo();
        if (r == null) {
            throw UserError.bare(NOT_A_REPO);
        }
        return r;
    }

    @Override
    public void useDatabase(String name) {
        throw new UserError("a command works on the database in the current directory; cd into '" + name + "'");
    }

    @Override
    public String currentBranch() throws IOException {
        return requireRepo().state().currentBranch();
    }

    @Override
    public void setCurrentBranch(String branch) throws IOException {
        requireRepo().updateState(s -> s.withCurrentBranch(branch));
    }

    @Override
    public void flushWorkingSet() {
        // Every op writes straight to the stored working set; the CLI keeps nothing in memory.
    }

    /**
     * A progress line for each transfer the op starts. The engine reports cumulative
     * counts; {@link TransferProgress} wants increments, so the adapter keeps the last report.
     */
    @Override
    public synchronized ProgressListener progress(TransferDirection direction) {
        if (messages == null) {
            return ProgressListener.NONE;
        }
        TransferProgress line = new TransferProgress(direction == TransferDirection.UPLOAD
                ? TransferProgress.Direction.UPLOAD : TransferProgress.Direction.DOWNLOAD,
                -1, -1, messages, liveProgress, System::nanoTime);
        transfers.add(line);
        long[] last = new long[2];
        return (SyncProgress p) -> {
            line.totals(p.bytesTotal(), p.chunksTotal());
            line.advance(p.bytesDone() - last[0], p.chunksDone() - last[1]);
            last[0] = p.bytesDone();
            last[1] = p.chunksDone();
        };
    }

    /**
     * Prints the summary line of every transfer so far. Called once the op succeeded; a failed
     * transfer shows its error instead of a summary that would read like success.
     */
    public synchronized void finishTransfers() {
        for (TransferProgress t : transfers) {
            t.finish();
        }
        transfers.clear();
    }

    /** A notice follows the transfer it is about, so that transfer's summary line comes first. */
    @Override
    public synchronized void notice(String message) {
        finishTransfers();
        if (messages != null) {
            messages.println(message);
            messages.flush();
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (liveProgress && !transfers.isEmpty()) {
            messages.println(); // a failed transfer's live line must not run into the error after it
            messages.flush();
            transfers.clear();
        }
        try {
            if (repo != null) {
                repo.close();
            }
        } finally {
            repo = null;
            if (workspace != null) {
                workspace.close();
                workspace = null;
            }
        }
    }
}
