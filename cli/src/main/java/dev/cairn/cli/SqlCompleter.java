package dev.cairn.cli;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion in the shell: SQL keywords, in the case the user started typing them, and
 * the names of the current database's tables (only those after FROM, JOIN, INTO...).
 */
final class SqlCompleter implements Completer {
    static final List<String> KEYWORDS = List.of(
            "ADD", "ALTER", "AND", "AS", "ASC", "AUTO_INCREMENT", "AVG", "BEGIN", "BETWEEN", "BIGINT", "BLOB",
            "BOOLEAN", "BY", "CALL", "CHAR", "COLUMN", "COLUMNS", "COMMIT", "COUNT", "CREATE", "DATABASE",
            "DATABASES", "DATE", "DATETIME", "DECIMAL", "DEFAULT", "DELETE", "DESC", "DESCRIBE", "DISTINCT",
            "DOUBLE", "DROP", "DUPLICATE", "EXISTS", "FLOAT", "FROM", "GROUP", "HAVING", "IF", "IN", "INNER",
            "INSERT", "INT", "INTO", "IS", "JOIN", "JSON", "KEY", "LEFT", "LIKE", "LIMIT", "MAX", "MIN", "NOT",
            "NULL", "OF", "OFFSET", "ON", "OR", "ORDER", "PRIMARY", "RENAME", "REPLACE", "ROLLBACK", "SELECT",
            "SET", "SHOW", "SMALLINT", "START", "SUM", "TABLE", "TABLES", "TEXT", "TIMESTAMP", "TINYINT", "TO",
            "TRANSACTION", "UPDATE", "USE", "VALUES", "VARCHAR", "WHERE");

    /** Words after which only a table name makes sense, so keywords would only be noise. */
    private static final Set<String> BEFORE_TABLE = Set.of("FROM", "JOIN", "INTO", "UPDATE", "TABLE", "DESCRIBE",
            "DESC");

    private final Supplier<List<String>> tables;

    /** {@code tables} is asked on each completion, so it should be cheap after the first call. */
    SqlCompleter(Supplier<List<String>> tables) {
        this.tables = tables;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String word = line.word().substring(0, Math.min(line.wordCursor(), line.word().length()));
        boolean lower = !word.isEmpty() && word.equals(word.toLowerCase(Locale.ROOT));
        int i = line.wordIndex();
        boolean tableOnly = i > 0 && BEFORE_TABLE.contains(line.words().get(i - 1).toUpperCase(Locale.ROOT));
        for (String k : tableOnly ? List.<String>of() : KEYWORDS) {
            String value = lower ? k.toLowerCase(Locale.ROOT) : k;
            candidates.add(new Candidate(value, value, "keywords", null, null, null, true));
        }
        for (String t : tables.get()) {
            candidates.add(new Candidate(t, t, "tables", null, null, null, true));
        }
    }
}
