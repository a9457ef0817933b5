package dev.cairn.sql.procs.args;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Options and operands of {@code tag} / {@code dolt_tag}. */
public class TagArgs {
    @Option(names = {"-m", "--message"}, paramLabel = "MSG", description = "The tag's message.")
    public String message;

    @Option(names = {"-d", "--delete"}, description = "Delete the named tags.")
    public boolean delete;

    @Option(names = "--author", paramLabel = "\"NAME <EMAIL>\"", description = "Override the tagger.")
    public String author;

    @Option(names = {"-v", "--verbose"}, description = "Show each tag's commit and message (listing only).")
    public boolean verbose;

    @Parameters(paramLabel = "TAG", description = "NAME [REF] to create, or the tags to delete.")
    public List<String> operands = new ArrayList<>();
}
