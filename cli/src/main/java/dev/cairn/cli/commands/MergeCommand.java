package dev.cairn.cli.commands;

import dev.cairn.chunkstore.Hash;
import dev.cairn.cli.CliSession;
import dev.cairn.sql.ops.MergeOp;
import dev.cairn.sql.ops.MergeOutcome;
import dev.cairn.sql.procs.args.MergeArgs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code cairn merge}: merges a branch into the current one through the operation
 * {@code dolt_merge} runs, and says what happened as git does. A conflicting merge changes
 * nothing and is an error.
 */
@Command(name = "merge", description = "Merge a branch into the current branch.")
public final class MergeCommand extends CairnCommand {
    @Mixin
    MergeArgs args = new MergeArgs();

    @Override
    protected void run() throws Exception {
        try (CliSession s = repoSession()) {
            Hash before = args.operands.isEmpty() || args.abort ? null
                    : s.requireRepo().db().branchHead(s.currentBranch());
            MergeOutcome m = MergeOp.run(s, args);
            if (before == null || m.hash().equals(before.toString())) {
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
