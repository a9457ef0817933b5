package dev.cairn.sql.procs.args;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Options and operands of {@code pull} / {@code dolt_pull}: {@code [REMOTE [BRANCH]]}. */
public class PullArgs {
    @Option(names = "--no-ff", description = "Always create a merge commit.")
    public boolean noFastForward;

    @Option(names = {"-m", "--message"}, paramLabel = "MSG", description = "The merge commit's message.")
    public String message;

    @Option(names = "--author", paramLabel = "\"NAME <EMAIL>\"", description = "Override the merge commit's author.")
    public String author;

    @Parameters(paramLabel = "REMOTE BRANCH", description = "The remote (default origin) and branch to pull.")
    public List<String> operands = new ArrayList<>();
}
