package dev.cairn.cli.commands;

import dev.cairn.cli.CliSession;
import dev.cairn.sql.ops.TransferOps;
import dev.cairn.sql.procs.args.PushArgs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code cairn push [-u] [-f] REMOTE BRANCH}: as {@code dolt_push}; a non-fast-forward is refused without {@code -f}. */
@Command(name = "push", description = "Update a remote branch from a local one.")
public final class PushCommand extends CairnCommand {
    @Mixin
    PushArgs args = new PushArgs();

    @Override
    protected void run() throws Exception {
        try (CliSession s = repoSession()) {
            TransferOps.push(s, args);
            s.finishTransfers();
        }
    }
}
