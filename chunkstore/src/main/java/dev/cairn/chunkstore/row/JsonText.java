package dev.cairn.chunkstore.row;

/**
 * Checks that text is one well-formed JSON document (RFC 8259), reporting
 * the first problem with MySQL's wording and position, as in
 * {@code Invalid JSON text: "Invalid value." at position 3}. The text is
 * stored as given; Cairn does not normalize JSON.
 */
final class JsonText {
    /** MySQL's limit on nesting, which also keeps the recursion shallow. */
    private static final int MAX_DEPTH = 100;

    private final String s;
    private int pos;
    private String problem;
    private int problemPos;

    private JsonText(String s) {
        this.s = s;
    }

    /** Null if {@code text} is valid JSON, otherwise {@code "reason" at position N}. */
    static String problem(String text) {
        JsonText j = new JsonText(text);
        j.skipSpace();
        if (j.pos == text.length()) {
            j.fail("The document is empty.");
            return j.describe();
        }
        if (!j.value(0)) {
            return j.describe();
        }
        j.skipSpace();
        if (j.pos != text.length()) {
            j.fail("The document root must not be followed by other values.");
            return j.describe();
        }
        return null;
    }

    private String describe() {
        return "\"" + problem + "\" at position " + problemPos;
    }

    private boolean fail(String why) {
        problem = why;
        problemPos = pos;
        return false;
    }

    private boolean value(int depth) {
        if (depth >= MAX_DEPTH) {
            return fail("The JSON document exceeds the maximum depth of " + MAX_DEPTH + ".");
        }
        if (pos >= s.length()) {
            return fail("Invalid value.");
        }
        char c = s.charAt(pos);
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> c == '-' || (c >= '0' && c <= '9') ? number() : fail("Invalid value.");
        };
    }

    private boolean object(int depth) {
        pos++;
        skipSpace();
        if (peek() == '}') {
            pos++;
            return true;
        }
        while (true) {
            if (peek() != '"') {
                return fail("Missing a name for object member.");
            }
            if (!string()) {
                return false;
            }
            skipSpace();
            if (peek() != ':') {
                return fail("Missing a colon after a name of object member.");
            }
            pos++;
            skipSpace();
            if (!value(depth + 1)) {
                return false;
            }
            skipSpace();
            char c = peek();
            pos++;
            if (c == '}') {
                return true;
            }
            if (c != ',') {
                pos--;
                return fail("Missing a comma or '}' after an object member.");
            }
            skipSpace();
        }
    }

    private boolean array(int depth) {
        pos++;
        skipSpace();
        if (peek() == ']') {
            pos++;
            return true;
        }
        while (true) {
            if (!value(depth + 1)) {
                return false;
            }
            skipSpace();
            char c = peek();
            pos++;
            if (c == ']') {
                return true;
            }
            if (c != ',') {
                pos--;
                return fail("Missing a comma or ']' after an array element.");
            }
            skipSpace();
        }
    }

    private boolean string() {
        int start = pos++;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '"') {
                pos++;
                return true;
            }
            if (c < 0x20) {
                return fail("Invalid encoding in string.");
            }
            if (c == '\\') {
                pos++;
                char e = peek();
                if (e == 'u') {
                    for (int i = 1; i <= 4; i++) {
                        if (pos + i >= s.length() || Character.digit(s.charAt(pos + i), 16) < 0) {
                            return fail("Incorrect hex digit after \\u escape in string.");
                        }
                    }
                    pos += 4;
                } else if ("\"\\/bfnrt".indexOf(e) < 0 || e == 0) {
                    return fail("Invalid escape character in string.");
                }
            }
            pos++;
        }
        pos = start;
        return fail("Missing a closing quotation mark in string.");
    }

    private boolean literal(String word) {
        if (s.startsWith(word, pos)) {
            pos += word.length();
            return true;
        }
        return fail("Invalid value.");
    }

    private boolean number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (!digits()) {
            return fail("Invalid value.");
        }
        if (peek() == '.') {
            pos++;
            if (!digits()) {
                return fail("Miss fraction part in number.");
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!digits()) {
                return fail("Miss exponent in number.");
            }
        }
        if (Double.isInfinite(Double.parseDouble(s.substring(start, pos)))) {
            pos = start;
            return fail("Number too big to be stored in double.");
        }
        return true;
    }

    private boolean digits() {
        int start = pos;
        while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
            pos++;
        }
        return pos > start;
    }

    private char peek() {
        return pos < s.length() ? s.charAt(pos) : 0;
    }

    private void skipSpace() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }
}
