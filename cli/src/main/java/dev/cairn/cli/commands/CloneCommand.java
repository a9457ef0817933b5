package dev.cairn.cli.commands;

import dev.cairn.cli.CliSession;
import dev.cairn.sql.ops.TransferOps;
import dev.cairn.sql.procs.args.CloneArgs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code cairn clone URL [DIR]}: as {@code dolt_clone}, into a new directory of the current one, which need not be a database. */
@Command(name = "clone", description = "Copy a remote database into a new directory.")
public final class CloneCommand extends CairnCommand {
    @Mixin
    CloneArgs args = new CloneArgs();

    @Override
    protected void run() throws Exception {
        try (CliSession s = dirSession()) {
            TransferOps.clone(s, args);
            s.finishTransfers();
        }
    }
}
