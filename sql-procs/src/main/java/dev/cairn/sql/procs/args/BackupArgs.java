package dev.cairn.sql.procs.args;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Options and operands of {@code dolt_backup}: the action ({@code add}, {@code remove}/{@code rm},
 * {@code sync}, {@code sync-url}, {@code restore}) followed by its operands. The CLI's
 * {@code backup} subcommands mix in {@link AwsArgs} and use {@link #force} the same way.
 */
public class BackupArgs {
    @Mixin
    public AwsArgs aws = new AwsArgs();

    @Option(names = {"-f", "--force"}, description = "restore: replace an existing database.")
    public boolean force;

    @Option(names = {"-v", "--verbose"}, description = "List backups with their URLs and parameters (listing only).")
    public boolean verbose;

    @Parameters(paramLabel = "ARG", description = "The action and its operands.")
    public List<String> operands = new ArrayList<>();
}
