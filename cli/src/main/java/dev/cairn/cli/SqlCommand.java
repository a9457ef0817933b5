package dev.cairn.cli;

import dev.cairn.repo.Workspace;
import dev.cairn.sql.SqlSession;
import dev.cairn.sql.format.ResultFormatter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cairn sql}: runs SQL from {@code -q}, from {@code -f FILE}, from standard input
 * when it is not a terminal, or else in an interactive shell. The current directory is the
 * workspace: a database, a directory of databases, or both.
 */
@Command(name = "sql", description = {
        "Run SQL statements against the databases in the current directory.",
        "With no -q or -f, reads statements from standard input when it is not a terminal,"
                + " otherwise opens an interactive shell."})
final class SqlCommand implements Callable<Integer> {
    @Option(names = {"-q", "--query"}, paramLabel = "QUERY", description = "Run these statements and exit.")
    String query;

    @Option(names = {"-r", "--result-format"}, paramLabel = "FORMAT", defaultValue = "tabular",
            description = "How to print results: tabular, csv or json (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Run the statements in this file and exit.")
    Path file;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        ResultFormatter formatter;
        try {
            formatter = ResultFormatter.forName(format);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        if (query != null && file != null) {
            throw new UserError("-q and -f cannot be used together");
        }
        String script = file != null ? readFile(file) : query;
        // Checked before opening anything, so a bad flag never leaves a half-started shell.
        boolean interactive = script == null && System.console() != null;
        Path cwd = spec.root().userObject() instanceof WorkingDirectory w ? w.workingDirectory()
                : Path.of("").toAbsolutePath();
        try (Workspace workspace = Workspace.open(cwd)) {
            SqlSession session = new SqlSession(workspace);
            if (interactive) {
                return new SqlShell(session, formatter).run();
            }
            if (script == null) {
                script = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
            }
            SqlBatch.run(session, script, formatter);
            return ExitCodes.OK;
        }
    }

    private static String readFile(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserError("file '" + file + "' not found");
        }
    }
}
