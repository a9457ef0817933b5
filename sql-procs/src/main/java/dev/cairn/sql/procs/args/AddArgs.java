package dev.cairn.sql.procs.args;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Options and operands of {@code add} / {@code dolt_add}. */
public class AddArgs {
    @Option(names = {"-A", "--all"}, description = "Stage all tables, new and deleted ones included.")
    public boolean all;

    @Parameters(paramLabel = "TABLE", description = "Tables to stage; '.' stages everything.")
    public List<String> tables = new ArrayList<>();
}
