package dev.cairn.sql.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Rewrites Dolt's {@code FROM t AS OF <expr>}, which JSqlParser cannot parse, into a table
 * name JSqlParser accepts: {@code `t$asof$0` AS `t`}. The executor recognises the marker,
 * evaluates expression 0 (kept as SQL text) to a ref or hash and reads the table as of that
 * commit. The alias keeps {@code t.col} references working; an alias the user wrote wins.
 */
public final class AsOfRewriter {
    /** Separates the table name from the index of its AS OF expression. */
    public static final String MARKER = "$asof$";

    private static final Set<String> NOT_ALIASES = Set.of("where", "join", "left", "right", "inner", "outer",
            "cross", "natural", "on", "order", "group", "limit", "having", "union", "using", "for", "window",
            "straight_join", "set", "values", "offset");

    /** A rewritten statement and the AS OF expressions it referred to, by index. */
    public record Result(String sql, List<String> asOfExpressions) {
    }

    private AsOfRewriter() {
    }

    public static Result rewrite(String sql) {
        List<String> exprs = new ArrayList<>();
        StringBuilder out = new StringBuilder();
        int i = 0;
        int copied = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = StatementSplitter.skipQuoted(sql, i);
                continue;
            }
            if (isWordStart(sql, i) && matchWord(sql, i, "as")) {
                int of = skipSpace(sql, i + 2);
                if (of > i + 2 && matchWord(sql, of, "of")) {
                    int exprStart = skipSpace(sql, of + 2);
                    int exprEnd = expressionEnd(sql, exprStart);
                    int[] table = tableBefore(sql, i);
                    if (table != null && exprEnd > exprStart && table[0] >= copied) {
                        String qualified = sql.substring(table[0], table[1]);
                        int dot = lastDotOutsideQuotes(qualified);
                        String prefix = dot < 0 ? "" : qualified.substring(0, dot + 1);
                        String name = unquote(dot < 0 ? qualified : qualified.substring(dot + 1));
                        out.append(sql, copied, table[0]);
                        out.append(prefix).append('`').append(name).append(MARKER).append(exprs.size()).append('`');
                        if (!aliasFollows(sql, exprEnd)) {
                            out.append(" AS `").append(name).append('`');
                        }
                        exprs.add(sql.substring(exprStart, exprEnd));
                        copied = exprEnd;
                        i = exprEnd;
                        continue;
                    }
                }
            }
            i++;
        }
        if (exprs.isEmpty()) {
            return new Result(sql, List.of());
        }
        out.append(sql, copied, n);
        return new Result(out.toString(), List.copyOf(exprs));
    }

    private static boolean isWordStart(String s, int i) {
        return i == 0 || !isIdentChar(s.charAt(i - 1));
    }

    private static boolean isIdentChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static boolean matchWord(String s, int i, String word) {
        int end = i + word.length();
        return end <= s.length() && s.regionMatches(true, i, word, 0, word.length())
                && (end == s.length() || !isIdentChar(s.charAt(end)));
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** End of a string literal, or of a name optionally followed by a parenthesised argument list. */
    private static int expressionEnd(String s, int i) {
        if (i >= s.length()) {
            return i;
        }
        char c = s.charAt(i);
        if (c == '\'' || c == '"') {
            return StatementSplitter.skipQuoted(s, i);
        }
        int j = i;
        while (j < s.length() && isIdentChar(s.charAt(j))) {
            j++;
        }
        int k = skipSpace(s, j);
        if (j > i && k < s.length() && s.charAt(k) == '(') {
            int depth = 0;
            while (k < s.length()) {
                char d = s.charAt(k);
                if (d == '\'' || d == '"' || d == '`') {
                    k = StatementSplitter.skipQuoted(s, k);
                    continue;
                }
                if (d == '(') {
                    depth++;
                } else if (d == ')' && --depth == 0) {
                    return k + 1;
                }
                k++;
            }
            return s.length();
        }
        return j;
    }

    /** The [start, end) of the (possibly qualified, possibly backquoted) table name ending before {@code asAt}. */
    private static int[] tableBefore(String s, int asAt) {
        int end = asAt;
        while (end > 0 && Character.isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        int start = end;
        while (start > 0) {
            char c = s.charAt(start - 1);
            if (c == '`') {
                int open = s.lastIndexOf('`', start - 2);
                if (open < 0) {
                    return null;
                }
                start = open;
            } else if (isIdentChar(c) || c == '.') {
                start--;
            } else {
                break;
            }
        }
        if (start == end) {
            return null;
        }
        String word = s.substring(start, end).toLowerCase(Locale.ROOT);
        if (word.equals("tables")) {
            return null;
        }
        return new int[] {start, end};
    }

    private static int lastDotOutsideQuotes(String s) {
        boolean quoted = false;
        for (int i = s.length() - 1; i >= 0; i--) {
            char c = s.charAt(i);
            if (c == '`') {
                quoted = !quoted;
            } else if (c == '.' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    static String unquote(String name) {
        if (name.length() >= 2 && name.startsWith("`") && name.endsWith("`")) {
            return name.substring(1, name.length() - 1).replace("``", "`");
        }
        return name;
    }

    private static boolean aliasFollows(String s, int i) {
        i = skipSpace(s, i);
        if (i >= s.length()) {
            return false;
        }
        if (s.charAt(i) == '`') {
            return true;
        }
        int j = i;
        while (j < s.length() && isIdentChar(s.charAt(j))) {
            j++;
        }
        if (j == i) {
            return false;
        }
        String word = s.substring(i, j).toLowerCase(Locale.ROOT);
        return word.equals("as") || !NOT_ALIASES.contains(word);
    }
}
