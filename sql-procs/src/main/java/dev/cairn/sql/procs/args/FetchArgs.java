package dev.cairn.sql.procs.args;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Options and operands of {@code fetch} / {@code dolt_fetch}: {@code [REMOTE [REFSPEC...]]}. */
public class FetchArgs {
    @Option(names = "--prune", description = "Remove remote-tracking branches the remote no longer has.")
    public boolean prune;

    @Parameters(paramLabel = "REMOTE REFSPEC", description = "The remote (default origin) and refspecs to fetch.")
    public List<String> operands = new ArrayList<>();
}
