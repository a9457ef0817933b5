package dev.cairn.cli.commands;

import dev.cairn.cli.CliSession;
import dev.cairn.sql.ops.BackupOp;
import dev.cairn.sql.procs.args.AwsArgs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn backup}: lists backups ({@code -v}: {@code name url params}); {@code add} and
 * {@code remove|rm} run the operations {@code dolt_backup} runs. The transfers (sync,
 * sync-url, restore) come with the sync engine.
 */
@Command(name = "backup", description = "List, add or remove backups.",
        subcommands = {BackupCommand.Add.class, BackupCommand.Remove.class})
public final class BackupCommand extends CairnCommand {
    @Option(names = {"-v", "--verbose"}, description = "Show each backup's URL and parameters.")
    boolean verbose;

    @Override
    protected void run() throws Exception {
        try (CliSession s = repoSession()) {
            RemoteListing.print(out(), s.requireRepo().state().backups().values(), verbose);
        }
    }

    /** {@code cairn backup add [aws opts] NAME URL}. */
    @Command(name = "add", description = "Add a backup.")
    public static final class Add extends CairnCommand {
        @Mixin
        AwsArgs aws = new AwsArgs();

        @Parameters(index = "0", paramLabel = "NAME", description = "The backup's name.")
        String name;

        @Parameters(index = "1", paramLabel = "URL", description = "Where the backup goes.")
        String url;

        @Override
        protected void run() throws Exception {
            try (CliSession s = repoSession()) {
                BackupOp.add(s, name, url, aws);
            }
        }
    }

    /** {@code cairn backup remove|rm NAME}. */
    @Command(name = "remove", aliases = "rm", description = "Remove a backup.")
    public static final class Remove extends CairnCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The backup's name.")
        String name;

        @Override
        protected void run() throws Exception {
            try (CliSession s = repoSession()) {
                BackupOp.remove(s, name);
            }
        }
    }
}
