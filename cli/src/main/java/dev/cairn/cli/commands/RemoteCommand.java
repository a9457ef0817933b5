package dev.cairn.cli.commands;

import dev.cairn.cli.CliSession;
import dev.cairn.sql.ops.RemoteOp;
import dev.cairn.sql.procs.args.UrlOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn remote}: lists remotes; {@code add} and {@code remove|rm} run the operations
 * {@code dolt_remote} runs, with the same URL options (AWS, --ref).
 */
@Command(name = "remote", description = "List, add or remove remotes.",
        subcommands = {RemoteCommand.Add.class, RemoteCommand.Remove.class})
public final class RemoteCommand extends CairnCommand {
    @Option(names = {"-v", "--verbose"}, description = "Show each remote's URL and parameters.")
    boolean verbose;

    @Override
    protected void run() throws Exception {
        try (CliSession s = repoSession()) {
            RemoteListing.print(out(), s.requireRepo().state().remotes().values(), verbose);
        }
    }

    /** {@code cairn remote add NAME URL}. */
    @Command(name = "add", description = "Add a remote.")
    public static final class Add extends CairnCommand {
        @Mixin
        UrlOptions options = new UrlOptions();

        @Parameters(index = "0", paramLabel = "NAME", description = "The remote's name.")
        String name;

        @Parameters(index = "1", paramLabel = "URL", description = "Where the remote is.")
        String url;

        @Override
        protected void run() throws Exception {
            try (CliSession s = repoSession()) {
                RemoteOp.add(s, name, url, options);
            }
        }
    }

    /** {@code cairn remote remove|rm NAME}. */
    @Command(name = "remove", aliases = "rm", description = "Remove a remote and its remote-tracking branches.")
    public static final class Remove extends CairnCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The remote's name.")
        String name;

        @Override
        protected void run() throws Exception {
            try (CliSession s = repoSession()) {
                RemoteOp.remove(s, name);
            }
        }
    }
}
