package dev.cairn.cli.commands;

import dev.cairn.chunkstore.Hash;
import dev.cairn.cli.CliSession;
import dev.cairn.sql.ops.MergeOutcome;
import dev.cairn.sql.ops.TransferOps;
import dev.cairn.sql.procs.args.PullArgs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code cairn pull [REMOTE [BRANCH]]}: fetches, then merges the remote's branch into the
 * current one as {@code dolt_pull} does, and says what the merge did as {@code merge} does.
 */
@Command(name = "pull", description = "Fetch from a remote and merge its branch into the current branch.")
public final class PullCommand extends CairnCommand {
    @Mixin
    PullArgs args = new PullArgs();

    @Override
    protected void run() throws Exception {
        try (CliSession s = repoSession()) {
            Hash before = s.requireRepo().db().branchHead(s.currentBranch());
            MergeOutcome m = TransferOps.pull(s, args);
            s.finishTransfers();
            if (m.hash().equals(before.toString())) {
                out().println(m.message());
            } else if (m.fastForward()) {
                out().println("Updating " + before + ".." + m.hash());
                out().println("Fast-forward");
            } else {
                out().println("Merge made by the 'three-way' strategy.");
                out().println("commit " + m.hash());
            }
        }
    }
}
