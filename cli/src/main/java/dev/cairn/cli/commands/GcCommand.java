package dev.cairn.cli.commands;

import dev.cairn.chunkstore.GcResult;
import dev.cairn.cli.CliSession;
import dev.cairn.remotes.sync.ProgressFormat;
import dev.cairn.sql.ops.GcOp;
import dev.cairn.sql.procs.args.GcArgs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code cairn gc}: drops unreachable chunks; the same operation as {@code dolt_gc}. */
@Command(name = "gc", description = "Remove data no branch, tag or working set can reach.")
public final class GcCommand extends CairnCommand {
    @Mixin
    GcArgs args = new GcArgs();

    @Override
    protected void run() throws Exception {
        try (CliSession s = repoSession()) {
            GcResult r = GcOp.run(s, args);
            err().println("Removed " + r.chunksDropped() + (r.chunksDropped() == 1 ? " chunk" : " chunks")
                    + ", kept " + r.chunksKept() + "; " + ProgressFormat.bytes(r.bytesBefore()) + " -> "
                    + ProgressFormat.bytes(r.bytesAfter()) + ".");
        }
    }
}
