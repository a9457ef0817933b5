package dev.cairn.sql.procs.args;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Options and operands of {@code branch} / {@code dolt_branch}. */
public class BranchArgs {
    @Option(names = {"-d", "--delete"}, description = "Delete branches that are fully merged.")
    public boolean delete;

    @Option(names = "-D", description = "Delete branches whatever their merge status (--delete --force).")
    public boolean forceDelete;

    @Option(names = {"-f", "--force"}, description = "Reset an existing branch, or delete an unmerged one.")
    public boolean force;

    @Option(names = {"-m", "--move"}, description = "Rename OLD to NEW.")
    public boolean move;

    @Option(names = {"-c", "--copy"}, description = "Copy OLD to NEW.")
    public boolean copy;

    @Option(names = {"-a", "--all"}, description = "List remote-tracking branches too (listing only).")
    public boolean listAll;

    @Option(names = {"-r", "--remote"}, description = "List remote-tracking branches only (listing only).")
    public boolean listRemote;

    @Option(names = {"-v", "--verbose"}, description = "Show each branch's head commit (listing only).")
    public boolean verbose;

    @Parameters(paramLabel = "BRANCH", description = "NAME [START], OLD NEW, or the branches to delete.")
    public List<String> operands = new ArrayList<>();
}
