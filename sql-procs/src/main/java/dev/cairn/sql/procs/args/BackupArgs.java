package dev.cairn.sql.procs.args;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Options and operands of {@code dolt_backup}: the action ({@code add}, {@code remove}/{@code rm},
 * {@code sync}, {@code sync-url}, {@code restore}) followed by its operands. The CLI's
 * {@code backup} subcommands mix in {@link UrlOptions} and use {@link #force} the same way.
 */
public class BackupArgs {
    @Mixin
    public UrlOptions options = new UrlOptions();

    @Option(names = {"-f", "--force"}, description = "restore: replace an existing database.")
    public boolean force;

    @Option(names = "--prune-with-grace-period", paramLabel = "DURATION",
            description = "sync, sync-url: afterwards delete files interrupted syncs left that are older than "
                    + "DURATION (e.g. 1h; at least 10m unless CAIRN_BACKUP_PRUNE_MIN_GRACE allows less).")
    public String pruneGrace;

    @Option(names = {"-v", "--verbose"}, description = "List backups with their URLs and parameters (listing only).")
    public boolean verbose;

    @Parameters(paramLabel = "ARG", description = "The action and its operands.")
    public List<String> operands = new ArrayList<>();
}
