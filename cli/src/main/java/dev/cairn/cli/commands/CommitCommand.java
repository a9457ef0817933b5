package dev.cairn.cli.commands;

import dev.cairn.cli.CliSession;
import dev.cairn.sql.ops.CommitOp;
import dev.cairn.sql.procs.args.CommitArgs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code cairn commit}: commits the staged tables and prints the new commit's hash, as {@code dolt_commit} returns it. */
@Command(name = "commit", description = "Record the staged changes as a new commit.")
public final class CommitCommand extends CairnCommand {
    @Mixin
    CommitArgs args = new CommitArgs();

    @Override
    protected void run() throws Exception {
        try (CliSession s = repoSession()) {
            out().println(CommitOp.run(s, args));
        }
    }
}
