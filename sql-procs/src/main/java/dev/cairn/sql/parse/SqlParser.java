package dev.cairn.sql.parse;

import dev.cairn.sql.SqlException;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.statement.Statement;

/**
 * JSqlParser behind MySQL's error: a parse failure becomes error 1064 with the text near
 * the failing token and its line, as a MySQL client prints it.
 */
public final class SqlParser {
    private SqlParser() {
    }

    public static Statement parse(String sql) {
        try {
            // Parsed on this thread: CCJSqlParserUtil.parse hands each statement to a new executor
            // thread to enforce a timeout, which costs more than a point lookup.
            // Backslash escapes as in MySQL (without NO_BACKSLASH_ESCAPES): drivers quote 'O\'Brien'.
            return CCJSqlParserUtil.newParser(sql).withAllowComplexParsing(true).withBackslashEscapeCharacter(true)
                    .Statement();
        } catch (ParseException e) {
            throw syntaxError(sql, e);
        } catch (RuntimeException e) {
            throw syntaxError(sql, null);
        }
    }

    public static Expression parseExpression(String sql) {
        try {
            return CCJSqlParserUtil.parseExpression(sql, false, p -> p.withBackslashEscapeCharacter(true));
        } catch (JSQLParserException e) {
            throw syntaxError(sql, e);
        }
    }

    /** MySQL's syntax error for {@code sql}, pointing at the token the parser stopped on. */
    public static SqlException syntaxError(String sql, Throwable cause) {
        int line = 1;
        String near = "";
        Throwable t = cause;
        while (t != null && !(t instanceof ParseException)) {
            t = t.getCause();
        }
        if (t instanceof ParseException pe && pe.currentToken != null) {
            Token bad = pe.currentToken.next != null ? pe.currentToken.next : pe.currentToken;
            line = Math.max(1, bad.beginLine);
            near = textFrom(sql, bad.beginLine, bad.beginColumn);
        }
        String msg = "You have an error in your SQL syntax; check the manual that corresponds to your MySQL "
                + "server version for the right syntax to use near '" + near + "' at line " + line;
        return new SqlException(SqlException.ER_PARSE, "42000", msg, cause);
    }

    private static String textFrom(String sql, int line, int column) {
        int pos = 0;
        for (int l = 1; l < line && pos >= 0; l++) {
            pos = sql.indexOf('\n', pos);
            pos = pos < 0 ? -1 : pos + 1;
        }
        if (pos < 0) {
            return "";
        }
        pos += Math.max(0, column - 1);
        if (pos >= sql.length()) {
            return "";
        }
        String rest = sql.substring(pos);
        return rest.length() > 80 ? rest.substring(0, 80) : rest;
    }
}
