package dev.cairn.sql.procs.args;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Options and operands of {@code push} / {@code dolt_push}: {@code [REMOTE [BRANCH]]}. */
public class PushArgs {
    @Option(names = {"-u", "--set-upstream"}, description = "Remember REMOTE as the branch's upstream.")
    public boolean setUpstream;

    @Option(names = {"-f", "--force"}, description = "Update the remote branch even if it is not a fast-forward.")
    public boolean force;

    @Parameters(paramLabel = "REMOTE BRANCH", description = "The remote and the branch (or refspec) to push.")
    public List<String> operands = new ArrayList<>();
}
