package dev.cairn.cli.commands;

import dev.cairn.cli.CliSession;
import dev.cairn.sql.ops.BackupOp;
import dev.cairn.sql.procs.args.UrlOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn backup}: lists backups ({@code -v}: {@code name url params}); the subcommands
 * run the operations {@code dolt_backup} runs, the transfers with a progress line on stderr.
 */
@Command(name = "backup", description = "List, add, remove, sync and restore backups.",
        subcommands = {BackupCommand.Add.class, BackupCommand.Remove.class, BackupCommand.Sync.class,
            BackupCommand.SyncUrl.class, BackupCommand.Restore.class})
public final class BackupCommand extends CairnCommand {
    @Option(names = {"-v", "--verbose"}, description = "Show each backup's URL and parameters.")
    boolean verbose;

    @Override
    protected void run() throws Exception {
        try (CliSession s = repoSession()) {
            RemoteListing.print(out(), s.requireRepo().state().backups().values(), verbose);
        }
    }

    /** {@code cairn backup add [aws opts] [--ref REF] NAME URL}. */
    @Command(name = "add", description = "Add a backup.")
    public static final class Add extends CairnCommand {
        @Mixin
        UrlOptions options = new UrlOptions();

        @Parameters(index = "0", paramLabel = "NAME", description = "The backup's name.")
        String name;

        @Parameters(index = "1", paramLabel = "URL", description = "Where the backup goes.")
        String url;

        @Override
        protected void run() throws Exception {
            try (CliSession s = repoSession()) {
                BackupOp.add(s, name, url, options);
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

    /** {@code --prune-with-grace-period D}, shared by the two syncs. */
    static final class PruneOption {
        @Option(names = "--prune-with-grace-period", paramLabel = "DURATION",
                description = "Afterwards delete files interrupted syncs left that are older than DURATION "
                        + "(e.g. 1h; at least 10m unless CAIRN_BACKUP_PRUNE_MIN_GRACE allows less).")
        String grace;
    }

    /** {@code cairn backup sync NAME [--prune-with-grace-period D]}. */
    @Command(name = "sync", description = "Mirror the database (every branch, tag and working set) to a backup.")
    public static final class Sync extends CairnCommand {
        @Mixin
        PruneOption prune = new PruneOption();

        @Parameters(index = "0", paramLabel = "NAME", description = "The backup's name.")
        String name;

        @Override
        protected void run() throws Exception {
            try (CliSession s = repoSession()) {
                BackupOp.sync(s, name, BackupOp.pruneGrace(prune.grace));
                s.finishTransfers();
            }
        }
    }

    /** {@code cairn backup sync-url [aws opts] [--ref REF] URL [--prune-with-grace-period D]}. */
    @Command(name = "sync-url", description = "Mirror the database to a URL that is not a configured backup.")
    public static final class SyncUrl extends CairnCommand {
        @Mixin
        UrlOptions options = new UrlOptions();

        @Mixin
        PruneOption prune = new PruneOption();

        @Parameters(index = "0", paramLabel = "URL", description = "Where the backup goes.")
        String url;

        @Override
        protected void run() throws Exception {
            try (CliSession s = repoSession()) {
                BackupOp.syncUrl(s, url, options, BackupOp.pruneGrace(prune.grace));
                s.finishTransfers();
            }
        }
    }

    /**
     * {@code cairn backup restore [aws opts] [--ref REF] [--force] URL NAME}: creates database directory
     * NAME in the current directory, which need not be a database itself.
     */
    @Command(name = "restore", description = "Restore a backup into a new database directory.")
    public static final class Restore extends CairnCommand {
        @Mixin
        UrlOptions options = new UrlOptions();

        @Option(names = {"-f", "--force"}, description = "Replace an existing database NAME.")
        boolean force;

        @Parameters(index = "0", paramLabel = "URL", description = "The backup to restore.")
        String url;

        @Parameters(index = "1", paramLabel = "NAME", description = "The new database's directory.")
        String name;

        @Override
        protected void run() throws Exception {
            try (CliSession s = dirSession()) {
                BackupOp.restore(s, url, name, force, options);
                s.finishTransfers();
            }
        }
    }
}
