package dev.cairn.sql.procs.args;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Options and operands of {@code remote} / {@code dolt_remote}: {@code add NAME URL} or {@code remove|rm NAME}. */
public class RemoteArgs {
    @Mixin
    public UrlOptions options = new UrlOptions();

    @Option(names = {"-v", "--verbose"}, description = "List remotes with their URLs (listing only).")
    public boolean verbose;

    @Parameters(paramLabel = "ARG", description = "The action and its operands.")
    public List<String> operands = new ArrayList<>();
}
