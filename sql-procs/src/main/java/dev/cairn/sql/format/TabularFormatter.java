package dev.cairn.sql.format;

import dev.cairn.sql.ResultColumn;
import dev.cairn.sql.ResultSet;
import java.util.List;

/**
 * The mysql client's boxed table: {@code +---+} borders, a header row, NULL printed as
 * NULL, numbers right-aligned and everything else left-aligned. Widths count code points.
 */
public final class TabularFormatter implements ResultFormatter {
    @Override
    public String format(ResultSet rs) {
        if (!rs.hasRows()) {
            return "";
        }
        List<ResultColumn> cols = rs.columns();
        int n = cols.size();
        int[] width = new int[n];
        String[][] cells = new String[rs.rows().size()][n];
        boolean[][] right = new boolean[rs.rows().size()][n];
        for (int c = 0; c < n; c++) {
            width[c] = length(cols.get(c).name());
        }
        for (int r = 0; r < cells.length; r++) {
            Object[] row = rs.rows().get(r);
            for (int c = 0; c < n; c++) {
                String text = ValueText.of(row[c]);
                cells[r][c] = text == null ? "NULL" : text;
                right[r][c] = row[c] != null && ValueText.numeric(cols.get(c).type(), row[c]);
                width[c] = Math.max(width[c], length(cells[r][c]));
            }
        }
        StringBuilder sb = new StringBuilder();
        String border = border(width);
        sb.append(border);
        sb.append('|');
        for (int c = 0; c < n; c++) {
            sb.append(' ').append(pad(cols.get(c).name(), width[c], false)).append(" |");
        }
        sb.append('\n').append(border);
        for (int r = 0; r < cells.length; r++) {
            sb.append('|');
            for (int c = 0; c < n; c++) {
                sb.append(' ').append(pad(cells[r][c], width[c], right[r][c])).append(" |");
            }
            sb.append('\n');
        }
        if (cells.length > 0) {
            sb.append(border);
        }
        return sb.toString();
    }

    private static String border(int[] width) {
        StringBuilder sb = new StringBuilder("+");
        for (int w : width) {
            sb.append("-".repeat(w + 2)).append('+');
        }
        return sb.append('\n').toString();
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(width - length(s));
        return right ? fill + s : s + fill;
    }
}
