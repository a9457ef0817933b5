package dev.cairn.chunkstore.row;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the type part of a column definition: one or more words, optional
 * parameters in parentheses, optional trailing words ({@code SIGNED}).
 * Hand-written rather than a regex so each mistake gets its own message.
 */
final class SqlTypeParser {
    private final String text;
    private final List<String> words = new ArrayList<>();
    private final List<String> suffix = new ArrayList<>();
    private final List<Integer> params = new ArrayList<>();
    private boolean hasParens;

    private SqlTypeParser(String text) {
        this.text = text;
    }

    static SqlType parse(String text) {
        if (text == null || text.isBlank()) {
            throw new SchemaException("missing column type");
        }
        SqlTypeParser p = new SqlTypeParser(text);
        p.tokenize(text.trim().toUpperCase(Locale.ROOT));
        return p.build();
    }

    private void tokenize(String s) {
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (isWordChar(c)) {
                int start = i;
                while (i < n && isWordChar(s.charAt(i))) {
                    i++;
                }
                (hasParens ? suffix : words).add(s.substring(start, i));
            } else if (c == '(' && !hasParens && !words.isEmpty()) {
                hasParens = true;
                i = parseParams(s, i + 1);
            } else {
                throw invalid();
            }
        }
        // "INT UNSIGNED" has no parentheses, so the modifiers landed among the name words.
        while (words.size() > 1 && isModifier(words.get(words.size() - 1))) {
            suffix.add(0, words.remove(words.size() - 1));
        }
    }

    private int parseParams(String s, int i) {
        int n = s.length();
        while (true) {
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            if (start == i || i - start > 9) {
                throw invalid();
            }
            params.add(Integer.parseInt(s.substring(start, i)));
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i < n && s.charAt(i) == ',' && params.size() < 2) {
                i++;
            } else if (i < n && s.charAt(i) == ')') {
                return i + 1;
            } else {
                throw invalid();
            }
        }
    }

    private static boolean isWordChar(char c) {
        return c >= 'A' && c <= 'Z' || c == '_';
    }

    private static boolean isModifier(String w) {
        return w.equals("SIGNED") || w.equals("UNSIGNED") || w.equals("ZEROFILL");
    }

    private SqlType build() {
        for (String w : suffix) {
            if (w.equals("UNSIGNED") || w.equals("ZEROFILL")) {
                throw new SchemaException(w + " is not supported (column type '" + text.trim() + "')");
            }
            if (!w.equals("SIGNED")) {
                throw invalid();
            }
        }
        String name = String.join(" ", words);
        return switch (name) {
            case "TINYINT" -> displayWidth() == 1 ? SqlType.BOOLEAN : SqlType.TINYINT;
            case "SMALLINT" -> integer(SqlType.SMALLINT);
            case "INT", "INTEGER" -> integer(SqlType.INT);
            case "BIGINT" -> integer(SqlType.BIGINT);
            case "BOOL", "BOOLEAN" -> noParams(SqlType.BOOLEAN);
            case "DECIMAL", "DEC", "NUMERIC", "FIXED" -> SqlType.decimal(param(0, 10), param(1, 0));
            case "FLOAT" -> floatType();
            case "DOUBLE", "DOUBLE PRECISION", "REAL" -> noParams(SqlType.DOUBLE);
            case "VARCHAR", "CHARACTER VARYING", "CHAR VARYING" -> {
                if (params.size() != 1) {
                    throw new SchemaException("VARCHAR needs a length, as in VARCHAR(255)");
                }
                yield SqlType.varchar(params.get(0));
            }
            case "CHAR", "CHARACTER" -> {
                if (params.size() > 1) {
                    throw invalid();
                }
                yield SqlType.character(param(0, 1));
            }
            case "TEXT" -> noParams(SqlType.TEXT);
            case "BLOB" -> noParams(SqlType.BLOB);
            case "DATE" -> noParams(SqlType.DATE);
            case "DATETIME" -> SqlType.datetime(fsp());
            case "TIMESTAMP" -> SqlType.timestamp(fsp());
            case "JSON" -> noParams(SqlType.JSON);
            default -> throw new SchemaException("unsupported column type '" + text.trim() + "'");
        };
    }

    private int displayWidth() {
        if (params.size() > 1) {
            throw invalid();
        }
        return param(0, 0);
    }

    private SqlType integer(SqlType t) {
        // The display width, as in int(11), has no effect on values; MySQL 8 drops it too.
        displayWidth();
        return t;
    }

    private SqlType floatType() {
        if (params.size() == 2) {
            throw new SchemaException("FLOAT(M,D) is not supported; use DECIMAL(M,D) or FLOAT");
        }
        int p = param(0, 0);
        if (p > 53) {
            throw new SchemaException("Too-big precision " + p + " specified. Maximum is 53.");
        }
        // MySQL's rule: FLOAT(p) is single precision up to 24 bits of mantissa, double beyond.
        return p <= 24 ? SqlType.FLOAT : SqlType.DOUBLE;
    }

    private int fsp() {
        if (params.size() > 1) {
            throw invalid();
        }
        return param(0, 0);
    }

    private SqlType noParams(SqlType t) {
        if (hasParens) {
            throw new SchemaException(t.kind() + " takes no parameters (column type '" + text.trim() + "')");
        }
        return t;
    }

    private int param(int i, int dflt) {
        return i < params.size() ? params.get(i) : dflt;
    }

    private SchemaException invalid() {
        return new SchemaException("invalid column type '" + text.trim() + "'");
    }
}
