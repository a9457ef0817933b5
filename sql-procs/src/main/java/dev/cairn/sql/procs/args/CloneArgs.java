package dev.cairn.sql.procs.args;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Options and operands of {@code clone} / {@code dolt_clone}: {@code URL [NAME]}. */
public class CloneArgs {
    @Mixin
    public UrlOptions options = new UrlOptions();

    @Option(names = {"-b", "--branch"}, paramLabel = "BRANCH", description = "The branch to check out (default: the remote's default).")
    public String branch;

    @Option(names = "--remote", paramLabel = "NAME", description = "The name of the remote to create (default origin).")
    public String remote = "origin";

    @Parameters(paramLabel = "URL [NAME]", description = "What to clone and the new database's name.")
    public List<String> operands = new ArrayList<>();
}
