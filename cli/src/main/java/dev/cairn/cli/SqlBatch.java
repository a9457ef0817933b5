package dev.cairn.cli;

import dev.cairn.sql.ResultSet;
import dev.cairn.sql.SqlSession;
import dev.cairn.sql.format.ResultFormatter;
import dev.cairn.sql.parse.StatementSplitter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs a script without a shell ({@code -q}, {@code -f}, piped stdin): each result with
 * rows goes to stdout as the formatter renders it, statements without rows print nothing,
 * and the first error stops the script, so what follows a failed statement never runs.
 */
final class SqlBatch {
    private SqlBatch() {
    }

    static void run(SqlSession session, String script, ResultFormatter formatter) throws IOException {
        // UTF-8 whatever the locale says: the output is data, and '?' for every accented letter would corrupt it.
        PrintStream out = new PrintStream(new BufferedOutputStream(System.out, 1 << 16), false, StandardCharsets.UTF_8);
        try {
            // Statement by statement, not SqlSession.execute, so results before a failure are still printed.
            for (String statement : StatementSplitter.split(script)) {
                ResultSet rs = session.executeStatement(statement);
                if (rs.hasRows()) {
                    out.print(formatter.format(rs));
                }
            }
        } finally {
            // Flushed before Main reports an error, so stdout and stderr stay in statement order.
            out.flush();
        }
    }
}
