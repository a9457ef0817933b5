package dev.cairn.sql.parse;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.statement.Statement;

/**
 * Parses a SELECT once per shape rather than once per text. JSqlParser takes about two thirds
 * of a point select's time ({@code bench/RESULTS.md}, step 8), and clients send the same
 * query with a different key each time ({@code WHERE pk = 17}, {@code WHERE pk = 42}).
 *
 * <p>A literal is lifted out of the text, and replaced by {@code ?}, only where it cannot
 * change what the statement means beyond its value: an integer of fewer than 19 digits or a
 * plain single-quoted string (no backslash, no doubled quote, no string right after it),
 * directly after a comparison operator ({@code = <> != < > <= >=}), inside the statement's
 * WHERE clause. Select-list expressions, whose text names result columns and aggregates, and
 * ORDER BY or GROUP BY positions are never lifted. Statements with comments, a {@code ?} of
 * their own, a subquery, UNION and the like, or not starting with SELECT are not templated. The literal is
 * kept as the very {@link LongValue} or {@link StringValue} the parser would have made, and
 * the executors compile a {@code ?} into it, so the statement evaluates exactly as the
 * original text would.
 *
 * <p>Templates are shared between sessions and threads: the executors only read the tree.
 */
public final class StatementTemplates {
    /** A statement and the literals its {@code ?}s stand for, in order (index 1 is the first). */
    public record Parsed(Statement statement, List<Expression> parameters) {
        public Expression parameter(int index) {
            return index >= 1 && index <= parameters.size() ? parameters.get(index - 1) : null;
        }
    }

    private static final Set<String> COMPARISONS = Set.of("=", "<>", "!=", "<", ">", "<=", ">=");
    private static final Set<String> SET_OPERATIONS = Set.of("UNION", "EXCEPT", "INTERSECT", "MINUS");
    private static final Set<String> WHERE_ENDS = Set.of("GROUP", "HAVING", "WINDOW", "ORDER", "LIMIT", "FOR", "INTO",
            "LOCK");
    private static final Pattern NUMBERED_PARAMETER = Pattern.compile("\\?[0-9:]");
    /** Shapes whose template did not parse map to empty, so they are not tried again. */
    private static final Cache<String, Optional<Statement>> TEMPLATES = CacheBuilder.newBuilder()
            .maximumSize(2048).build();

    private StatementTemplates() {
    }

    /** {@code sql} parsed, from its shape's template when it has one. */
    public static Parsed parse(String sql) {
        Lifted lifted = lift(sql);
        if (lifted == null) {
            return new Parsed(SqlParser.parse(sql), List.of());
        }
        Optional<Statement> template = TEMPLATES.getIfPresent(lifted.shape);
        if (template == null) {
            Statement t;
            try {
                t = SqlParser.parse(lifted.shape);
                // "? 1" would read as the numbered parameter ?1: the text it came from was an error
                if (NUMBERED_PARAMETER.matcher(t.toString()).find()) {
                    t = null;
                }
            } catch (RuntimeException e) {
                t = null;
            }
            template = Optional.ofNullable(t);
            TEMPLATES.put(lifted.shape, template);
        }
        return template.isPresent() ? new Parsed(template.get(), lifted.literals)
                : new Parsed(SqlParser.parse(sql), List.of());
    }

    record Lifted(String shape, List<Expression> literals) {
    }

    /** The shape of {@code sql} and the literals lifted from it, or null if it is not templated. */
    static Lifted lift(String sql) {
        int n = sql.length();
        StringBuilder shape = new StringBuilder(n);
        List<Expression> literals = new ArrayList<>();
        int depth = 0;
        boolean first = true;
        boolean afterWhere = false;
        String previous = ""; // the last token outside literals: a word, an operator or punctuation
        int copied = 0;
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-' || c == '#' || c == '/' && i + 1 < n
                    && sql.charAt(i + 1) == '*' || c == '?') {
                return null;
            }
            if (c == '`' || c == '"') {
                int end = sql.indexOf(c, i + 1);
                if (end < 0) {
                    return null;
                }
                i = end + 1;
                previous = "ident";
                continue;
            }
            if (c == '\'') {
                int end = sql.indexOf('\'', i + 1);
                if (end < 0) {
                    return null;
                }
                boolean plain = sql.indexOf('\\', i + 1) < 0 || sql.indexOf('\\', i + 1) > end;
                boolean doubled = end + 1 < n && sql.charAt(end + 1) == '\'';
                if (doubled) {
                    return null; // an escaped quote: leave the whole statement to the parser
                }
                if (!plain) {
                    return null;
                }
                if (afterWhere && COMPARISONS.contains(previous) && !nextIs(sql, end + 1, "'0123456789")) {
                    shape.append(sql, copied, i).append('?');
                    literals.add(new StringValue(sql.substring(i, end + 1)));
                    copied = end + 1;
                }
                i = end + 1;
                previous = "string";
                continue;
            }
            if (isWordChar(c)) {
                int end = i;
                while (end < n && isWordChar(sql.charAt(end))) {
                    end++;
                }
                String word = sql.substring(i, end);
                String upper = word.toUpperCase(Locale.ROOT);
                if (upper.equals("SELECT")) {
                    if (!first) {
                        return null; // a subquery: its select list and aggregates are named by their text
                    }
                } else if (first) {
                    return null;
                }
                first = false;
                if (depth == 0 && SET_OPERATIONS.contains(upper)) {
                    return null;
                }
                if (depth == 0 && upper.equals("WHERE")) {
                    afterWhere = true;
                } else if (depth == 0 && WHERE_ENDS.contains(upper)) {
                    afterWhere = false;
                }
                boolean digits = word.chars().allMatch(ch -> ch >= '0' && ch <= '9');
                boolean partOfNumber = end < n && sql.charAt(end) == '.' || i > 0 && sql.charAt(i - 1) == '.';
                if (digits && !partOfNumber && word.length() < 19 && afterWhere && COMPARISONS.contains(previous)
                        && !nextIs(sql, end, "'0123456789")) {
                    shape.append(sql, copied, i).append('?');
                    literals.add(new LongValue(word));
                    copied = end;
                }
                i = end;
                previous = digits ? "number" : upper;
                continue;
            }
            if (first) {
                return null;
            }
            if (c == '=' || c == '<' || c == '>' || c == '!') {
                int end = i;
                while (end < n && "=<>!".indexOf(sql.charAt(end)) >= 0) {
                    end++;
                }
                previous = sql.substring(i, end);
                i = end;
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
            previous = String.valueOf(c);
            i++;
        }
        if (literals.isEmpty()) {
            return null;
        }
        shape.append(sql, copied, n);
        return new Lifted(shape.toString(), literals);
    }

    /** Whether the first character after {@code from} that is not white space is one of {@code chars}. */
    private static boolean nextIs(String sql, int from, String chars) {
        for (int i = from; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (!Character.isWhitespace(c)) {
                return chars.indexOf(c) >= 0;
            }
        }
        return false;
    }

    private static boolean isWordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$'
                || c > 127;
    }
}
