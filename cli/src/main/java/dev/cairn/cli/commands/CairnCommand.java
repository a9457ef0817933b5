package dev.cairn.cli.commands;

import dev.cairn.cli.CliSession;
import dev.cairn.cli.ExitCodes;
import dev.cairn.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every command shares: the directory it runs in and its two streams, data on
 * {@link #out()} and messages on {@link #err()}, both taken from the command line so tests
 * can run commands in-process.
 */
public abstract class CairnCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    protected Path cwd() {
        return ((dev.cairn.cli.WorkingDirectory) spec.root().userObject()).workingDirectory();
    }

    /** A session on the database in the current directory, failing first if there is none. */
    protected CliSession repoSession() throws IOException {
        return CliSession.requiring(cwd()).reportingTo(err());
    }

    /** A session in the current directory that need not be a database (restore, clone). */
    protected CliSession dirSession() {
        return CliSession.in(cwd()).reportingTo(err());
    }

    @Override
    public final Integer call() throws Exception {
        run();
        return ExitCodes.OK;
    }

    protected abstract void run() throws Exception;
}
