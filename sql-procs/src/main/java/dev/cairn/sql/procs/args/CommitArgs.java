package dev.cairn.sql.procs.args;

import picocli.CommandLine.Option;

/** Options of {@code commit} / {@code dolt_commit}. */
public class CommitArgs {
    @Option(names = {"-m", "--message"}, paramLabel = "MSG", description = "Use the given message as the commit message.")
    public String message;

    @Option(names = {"-a", "--all"}, description = "Stage all modified and deleted tables before committing (not new ones).")
    public boolean all;

    @Option(names = {"-A", "--ALL"}, description = "Stage all tables, new ones included, before committing.")
    public boolean allIncludingNew;

    @Option(names = "--allow-empty", description = "Allow a commit whose data equals its parent's.")
    public boolean allowEmpty;

    @Option(names = "--author", paramLabel = "\"NAME <EMAIL>\"", description = "Override the commit author.")
    public String author;
}
