package dev.cairn.sql.procs.args;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Options and operands of {@code reset} / {@code dolt_reset}. */
public class ResetArgs {
    @Option(names = "--hard", description = "Move the branch to the commit (default HEAD) and discard all changes.")
    public boolean hard;

    @Option(names = "--soft", description = "Without a commit, unstage everything; with one, move the branch and keep all changes.")
    public boolean soft;

    @Parameters(paramLabel = "COMMIT|TABLE", description = "A commit to reset to, or tables to unstage.")
    public List<String> operands = new ArrayList<>();
}
