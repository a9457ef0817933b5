package dev.cairn.cli;

/**
 * Whether text typed into the shell is a finished statement: its last significant character
 * is a {@code ;} outside quotes, backquoted names and comments. The shell keeps reading lines
 * until it is, so a {@code ;} inside {@code 'a;b'} or a comment does not end a statement.
 */
final class StatementEnd {
    private StatementEnd() {
    }

    static boolean isTerminated(String text) {
        boolean terminated = false;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int close = closingQuote(text, i);
                if (close < 0) {
                    return false;
                }
                terminated = false;
                i = close + 1;
            } else if (c == '#' || (c == '-' && text.startsWith("--", i)
                    && (i + 2 >= n || Character.isWhitespace(text.charAt(i + 2))))) {
                int nl = text.indexOf('\n', i);
                i = nl < 0 ? n : nl;
            } else if (c == '/' && text.startsWith("/*", i)) {
                int close = text.indexOf("*/", i + 2);
                if (close < 0) {
                    return false;
                }
                i = close + 2;
            } else {
                if (!Character.isWhitespace(c)) {
                    terminated = c == ';';
                }
                i++;
            }
        }
        return terminated;
    }

    /** The index of the quote closing the one at {@code open}, or -1; doubled quotes and backslashes escape. */
    private static int closingQuote(String s, int open) {
        char q = s.charAt(open);
        int i = open + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\' && q != '`') {
                i += 2;
            } else if (c == q && i + 1 < s.length() && s.charAt(i + 1) == q) {
                i += 2;
            } else if (c == q) {
                return i;
            } else {
                i++;
            }
        }
        return -1;
    }
}
