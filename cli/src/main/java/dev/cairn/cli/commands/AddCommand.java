package dev.cairn.cli.commands;

import dev.cairn.cli.CliSession;
import dev.cairn.sql.ops.AddOp;
import dev.cairn.sql.procs.args.AddArgs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code cairn add}: stages tables; the same operation and flags as {@code dolt_add}. */
@Command(name = "add", description = "Add table changes to the staged set.")
public final class AddCommand extends CairnCommand {
    @Mixin
    AddArgs args = new AddArgs();

    @Override
    protected void run() throws Exception {
        try (CliSession s = repoSession()) {
            AddOp.run(s, args);
        }
    }
}
