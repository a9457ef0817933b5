package dev.cairn.cli.commands;

import dev.cairn.cli.CliSession;
import dev.cairn.sql.ops.ResetOp;
import dev.cairn.sql.procs.args.ResetArgs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code cairn reset}: unstages tables or moves the branch; the same operation and flags as {@code dolt_reset}. */
@Command(name = "reset", description = "Unstage tables, or reset the branch to a commit.")
public final class ResetCommand extends CairnCommand {
    @Mixin
    ResetArgs args = new ResetArgs();

    @Override
    protected void run() throws Exception {
        try (CliSession s = repoSession()) {
            ResetOp.run(s, args);
        }
    }
}
