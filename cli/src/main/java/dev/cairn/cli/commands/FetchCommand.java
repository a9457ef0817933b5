package dev.cairn.cli.commands;

import dev.cairn.cli.CliSession;
import dev.cairn.sql.ops.TransferOps;
import dev.cairn.sql.procs.args.FetchArgs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code cairn fetch [REMOTE]}: as {@code dolt_fetch}; the remote defaults to {@code origin}. */
@Command(name = "fetch", description = "Download every branch of a remote into its remote-tracking branches.")
public final class FetchCommand extends CairnCommand {
    @Mixin
    FetchArgs args = new FetchArgs();

    @Override
    protected void run() throws Exception {
        try (CliSession s = repoSession()) {
            TransferOps.fetch(s, args);
            s.finishTransfers();
        }
    }
}
