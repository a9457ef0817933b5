package dev.cairn.sql.exec;

import dev.cairn.chunkstore.row.SqlType;
import dev.cairn.sql.ResultColumn;
import dev.cairn.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SHOW statements MySQL clients and drivers send about the server rather than the data:
 * {@code SHOW [SESSION|GLOBAL] VARIABLES|STATUS [LIKE 'p' | WHERE Variable_name ...]},
 * {@code SHOW WARNINGS|ERRORS}, {@code SHOW COLLATION}, {@code SHOW CHARACTER SET},
 * {@code SHOW ENGINES}. Answers come from the session's {@link SystemVariables}.
 */
public final class ShowStatements {
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
    private static final String FILTER = "(?:\\s+LIKE\\s+'((?:[^'\\\\]|\\\\.|'')*)'|\\s+WHERE\\s+(.+))?";
    private static final Pattern VARIABLES = Pattern.compile(
            "SHOW\\s+(?:(?:GLOBAL|SESSION|LOCAL)\\s+)?(VARIABLES|STATUS)" + FILTER, FLAGS);
    private static final Pattern WARNINGS = Pattern.compile(
            "SHOW\\s+(COUNT\\s*\\(\\s*\\*\\s*\\)\\s+)?(WARNINGS|ERRORS)(?:\\s+LIMIT\\s+.*)?", FLAGS);
    private static final Pattern COLLATION = Pattern.compile("SHOW\\s+COLLATION" + FILTER, FLAGS);
    private static final Pattern CHARSET = Pattern.compile("SHOW\\s+(?:CHARACTER\\s+SET|CHARSET)" + FILTER, FLAGS);
    private static final Pattern ENGINES = Pattern.compile("SHOW\\s+(?:STORAGE\\s+)?ENGINES", FLAGS);
    private static final Pattern QUOTED = Pattern.compile("'((?:[^'\\\\]|\\\\.|'')*)'");

    private ShowStatements() {
    }

    private static ResultColumn text(String name) {
        return new ResultColumn(name, SqlType.TEXT);
    }

    /** The answer to {@code sql} if it is one of these statements, else null. */
    public static ResultSet run(String sql, SystemVariables variables) {
        if (!sql.regionMatches(true, 0, "SHOW", 0, 4)) {
            return null;
        }
        Matcher m;
        if ((m = VARIABLES.matcher(sql)).matches()) {
            boolean status = m.group(1).equalsIgnoreCase("STATUS");
            Map<String, Object> source = status ? Map.of() : variables.all();
            List<Object[]> rows = new ArrayList<>();
            Pattern like = m.group(2) == null ? null : likePattern(ExprCompiler.unescape(m.group(2)));
            Set<String> names = m.group(3) == null ? null : quotedNames(m.group(3));
            for (Map.Entry<String, Object> e : source.entrySet()) {
                String name = e.getKey();
                if ((like == null || like.matcher(name).matches()) && (names == null || names.contains(name))) {
                    Object v = e.getValue();
                    rows.add(new Object[] {name, v == null ? "" : Values.toText(v)});
                }
            }
            return ResultSet.of(List.of(text("Variable_name"), text("Value")), rows);
        }
        if ((m = WARNINGS.matcher(sql)).matches()) {
            if (m.group(1) != null) {
                String label = m.group(2).equalsIgnoreCase("WARNINGS") ? "@@session.warning_count"
                        : "@@session.error_count";
                return ResultSet.of(List.of(new ResultColumn(label, SqlType.BIGINT)),
                        List.<Object[]>of(new Object[] {0L}));
            }
            // Statements report no warnings, so there are none to show.
            return ResultSet.of(List.of(text("Level"), new ResultColumn("Code", SqlType.INT), text("Message")),
                    List.of());
        }
        if ((m = COLLATION.matcher(sql)).matches()) {
            List<Object[]> rows = new ArrayList<>();
            rows.add(new Object[] {"binary", "binary", 63L, "Yes", "Yes", 1L, "NO PAD"});
            rows.add(new Object[] {"utf8mb4_0900_ai_ci", "utf8mb4", 255L, "Yes", "Yes", 0L, "NO PAD"});
            rows.add(new Object[] {"utf8mb4_0900_bin", "utf8mb4", 309L, "", "Yes", 1L, "NO PAD"});
            rows.add(new Object[] {"utf8mb4_bin", "utf8mb4", 46L, "", "Yes", 1L, "PAD SPACE"});
            rows.add(new Object[] {"utf8mb4_general_ci", "utf8mb4", 45L, "", "Yes", 1L, "PAD SPACE"});
            return ResultSet.of(List.of(text("Collation"), text("Charset"), new ResultColumn("Id", SqlType.BIGINT),
                    text("Default"), text("Compiled"), new ResultColumn("Sortlen", SqlType.INT), text("Pad_attribute")),
                    filter(rows, m));
        }
        if ((m = CHARSET.matcher(sql)).matches()) {
            List<Object[]> rows = new ArrayList<>();
            rows.add(new Object[] {"binary", "Binary pseudo charset", "binary", 1L});
            rows.add(new Object[] {"utf8mb4", "UTF-8 Unicode", "utf8mb4_0900_ai_ci", 4L});
            return ResultSet.of(List.of(text("Charset"), text("Description"), text("Default collation"),
                    new ResultColumn("Maxlen", SqlType.INT)), filter(rows, m));
        }
        if (ENGINES.matcher(sql).matches()) {
            return ResultSet.of(List.of(text("Engine"), text("Support"), text("Comment"), text("Transactions"),
                    text("XA"), text("Savepoints")), List.<Object[]>of(new Object[] {"Cairn", "DEFAULT",
                    "Versioned, content-addressed storage", "YES", "NO", "NO"}));
        }
        return null;
    }

    private static List<Object[]> filter(List<Object[]> rows, Matcher m) {
        Pattern like = m.group(1) == null ? null : likePattern(ExprCompiler.unescape(m.group(1)));
        Set<String> names = m.group(2) == null ? null : quotedNames(m.group(2));
        List<Object[]> out = new ArrayList<>();
        for (Object[] r : rows) {
            String name = (String) r[0];
            if ((like == null || like.matcher(name).matches()) && (names == null || names.contains(name))) {
                out.add(r);
            }
        }
        return out;
    }

    /** The names a {@code WHERE Variable_name = 'a' OR Variable_name IN ('b', 'c')} clause asks for. */
    private static Set<String> quotedNames(String where) {
        Set<String> out = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        Matcher q = QUOTED.matcher(where);
        while (q.find()) {
            out.add(ExprCompiler.unescape(q.group(1)).toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /** A LIKE pattern as a case-insensitive regex: {@code %} any run, {@code _} one character. */
    static Pattern likePattern(String like) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < like.length(); i++) {
            char c = like.charAt(i);
            if (c == '\\' && i + 1 < like.length()) {
                re.append(Pattern.quote(String.valueOf(like.charAt(++i))));
            } else if (c == '%') {
                re.append(".*");
            } else if (c == '_') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }
}
