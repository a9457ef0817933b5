package dev.cairn.sql.format;

import dev.cairn.sql.ResultColumn;
import dev.cairn.sql.ResultSet;

/**
 * CSV per RFC 4180: a header line, then one line per row; a field containing a comma, quote,
 * CR or LF is quoted with inner quotes doubled; NULL is an empty field. Lines end with LF,
 * as Dolt's {@code -r csv} writes them.
 */
public final class CsvFormatter implements ResultFormatter {
    @Override
    public String format(ResultSet rs) {
        if (!rs.hasRows()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        int n = rs.columns().size();
        for (int c = 0; c < n; c++) {
            ResultColumn col = rs.columns().get(c);
            sb.append(c == 0 ? "" : ",").append(field(col.name()));
        }
        sb.append('\n');
        for (Object[] row : rs.rows()) {
            for (int c = 0; c < n; c++) {
                String text = ValueText.of(row[c]);
                sb.append(c == 0 ? "" : ",").append(text == null ? "" : field(text));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String field(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
