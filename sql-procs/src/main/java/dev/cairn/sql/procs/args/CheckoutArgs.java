package dev.cairn.sql.procs.args;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Options and operands of {@code checkout} / {@code dolt_checkout}. */
public class CheckoutArgs {
    @Option(names = "-b", paramLabel = "NEW_BRANCH", description = "Create NEW_BRANCH (at START, else carrying the current changes) and switch to it.")
    public String newBranch;

    @Parameters(paramLabel = "BRANCH|START|TABLE", description = "A branch to switch to, the start of -b, or tables whose working changes to discard.")
    public List<String> operands = new ArrayList<>();
}
