package dev.cairn.sql.procs.args;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Options and operands of {@code merge} / {@code dolt_merge}. */
public class MergeArgs {
    @Option(names = "--no-ff", description = "Always create a merge commit, even when a fast-forward is possible.")
    public boolean noFastForward;

    @Option(names = {"-m", "--message"}, paramLabel = "MSG", description = "The merge commit's message.")
    public String message;

    @Option(names = "--author", paramLabel = "\"NAME <EMAIL>\"", description = "Override the merge commit's author.")
    public String author;

    @Option(names = "--abort", description = "Abort a merge in progress.")
    public boolean abort;

    @Parameters(paramLabel = "BRANCH", description = "The branch or commit to merge into the current branch.")
    public List<String> operands = new ArrayList<>();
}
