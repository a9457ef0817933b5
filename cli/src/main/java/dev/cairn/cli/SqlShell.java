package dev.cairn.cli;

import dev.cairn.repo.Config;
import dev.cairn.sql.ResultSet;
import dev.cairn.sql.SqlException;
import dev.cairn.sql.SqlSession;
import dev.cairn.sql.format.ResultFormatter;
import dev.cairn.sql.parse.StatementSplitter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The interactive {@code cairn sql} shell, like Dolt's: a {@code db/branch> } prompt,
 * statements that may span lines and end at {@code ;}, history kept across runs, completion
 * of keywords and table names. A failed statement prints one line and the shell goes on;
 * {@code exit}, {@code quit} or Ctrl-D leaves it.
 */
final class SqlShell {
    private static final String HISTORY_FILE = ".sqlhistory";

    private final SqlSession session;
    private final ResultFormatter formatter;
    private final boolean debug = "1".equals(System.getenv("CAIRN_DEBUG"));
    /** Table names for completion; null when a statement may have changed them. */
    private List<String> tableNames;

    SqlShell(SqlSession session, ResultFormatter formatter) {
        this.session = session;
        this.formatter = formatter;
    }

    int run() throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("cairn")
                    .parser(new SqlLineParser())
                    .completer(new SqlCompleter(this::tables))
                    .variable(LineReader.HISTORY_FILE, historyFile())
                    .variable(LineReader.SECONDARY_PROMPT_PATTERN, "%P -> ")
                    // '!' is common in SQL strings; history expansion would rewrite them.
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                    .option(LineReader.Option.CASE_INSENSITIVE, true)
                    .build();
            PrintWriter out = terminal.writer();
            try {
                while (true) {
                    String input;
                    try {
                        input = reader.readLine(prompt());
                    } catch (UserInterruptException e) {
                        continue; // Ctrl-C drops the statement being typed, as in mysql.
                    } catch (EndOfFileException e) {
                        break;
                    }
                    if (isExitCommand(input)) {
                        break;
                    }
                    runStatements(input, out);
                }
            } finally {
                reader.getHistory().save();
            }
            out.println("Bye");
            out.flush();
        }
        return ExitCodes.OK;
    }

    /** True for the words that leave the shell, with or without a {@code ;}. */
    static boolean isExitCommand(String line) {
        String s = line.strip();
        if (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        s = s.toLowerCase(Locale.ROOT);
        return s.equals("exit") || s.equals("quit") || s.equals("\\q");
    }

    private void runStatements(String input, PrintWriter out) {
        for (String statement : StatementSplitter.split(input)) {
            long t0 = System.nanoTime();
            try {
                ResultSet rs = session.executeStatement(statement);
                double secs = (System.nanoTime() - t0) / 1e9;
                if (rs.hasRows()) {
                    out.print(formatter.format(rs));
                    out.flush();
                } else {
                    long n = rs.affectedRows();
                    System.err.printf(Locale.ROOT, "Query OK, %d %s affected (%.2f sec)%n", n, n == 1 ? "row" : "rows",
                            secs);
                }
            } catch (IOException | RuntimeException e) {
                out.flush();
                if (debug && !(e instanceof SqlException)) {
                    e.printStackTrace();
                } else {
                    System.err.println("error: " + ErrorMessages.oneLine(e));
                }
                break; // Like a script, the rest of a line after a failed statement is not run.
            } finally {
                tableNames = null;
            }
        }
    }

    /** Dolt's prompt: {@code db/branch> }, or {@code > } before {@code USE} in a directory of databases. */
    private String prompt() {
        String db = session.currentDatabase();
        if (db == null) {
            return "> ";
        }
        String branch = session.currentBranch();
        return branch == null ? db + "> " : db + "/" + branch + "> ";
    }

    private List<String> tables() {
        if (tableNames == null) {
            List<String> names = new ArrayList<>();
            if (session.currentDatabase() != null) {
                try {
                    for (Object[] row : session.executeStatement("SHOW TABLES").rows()) {
                        names.add(String.valueOf(row[0]));
                    }
                } catch (IOException | RuntimeException e) {
                    // Completion is a convenience: a failure here must not disturb the prompt.
                }
            }
            tableNames = names;
        }
        return tableNames;
    }

    /** History lives with the global config, as Dolt keeps it under ~/.dolt. */
    private static Path historyFile() {
        Path root = Config.globalRoot();
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            // Without the directory JLine just cannot save history; the shell still works.
        }
        return root.resolve(HISTORY_FILE);
    }
}
