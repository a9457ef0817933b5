package dev.cairn.cli.commands;

import dev.cairn.chunkstore.model.Table;
import dev.cairn.chunkstore.model.TableDelta;
import dev.cairn.chunkstore.row.Column;
import dev.cairn.chunkstore.row.RowCodec;
import dev.cairn.chunkstore.row.Schema;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Prints one table's differences as Dolt does: a {@code diff --cairn a/t b/t} header, then a
 * text table of the changed rows marked {@code +} (added), {@code -} (deleted), {@code <} and
 * {@code >} (a modified row before and after); or, for {@code --stat}, the counts. Each side
 * is decoded with its own schema and placed by column name, so a diff across a schema change
 * lines up.
 */
final class RowDiffPrinter {
    private RowDiffPrinter() {
    }

    static void print(PrintWriter out, TableDelta d, boolean stat) throws IOException {
        String name = d.name();
        out.println("diff --cairn a/" + name + " b/" + name);
        switch (d.kind()) {
            case ADDED -> out.println("added table");
            case DROPPED -> out.println("deleted table");
            case MODIFIED -> {
                if (d.schemaChanged()) {
                    out.println("schema changed");
                }
            }
        }
        out.println("--- " + (d.kind() == TableDelta.Kind.ADDED ? "/dev/null" : "a/" + name));
        out.println("+++ " + (d.kind() == TableDelta.Kind.DROPPED ? "/dev/null" : "b/" + name));
        List<String> columns = columns(d);
        Side before = Side.of(d.fromTable(), columns);
        Side after = Side.of(d.toTable(), columns);
        List<String[]> rows = new ArrayList<>();
        long[] counts = new long[3];
        d.rows(diff -> {
            switch (diff.kind()) {
                case ADDED -> {
                    counts[0]++;
                    rows.add(row("+", after.cells(diff.key(), diff.newValue())));
                }
                case REMOVED -> {
                    counts[1]++;
                    rows.add(row("-", before.cells(diff.key(), diff.oldValue())));
                }
                case MODIFIED -> {
                    counts[2]++;
                    rows.add(row("<", before.cells(diff.key(), diff.oldValue())));
                    rows.add(row(">", after.cells(diff.key(), diff.newValue())));
                }
            }
            return true;
        });
        if (stat) {
            out.println(" " + count(counts[0], "Added"));
            out.println(" " + count(counts[1], "Deleted"));
            out.println(" " + count(counts[2], "Modified"));
            return;
        }
        if (!rows.isEmpty()) {
            List<String> header = new ArrayList<>();
            header.add("");
            header.addAll(columns);
            printTable(out, header.toArray(String[]::new), rows);
        }
    }

    private static String count(long n, String what) {
        return n + (n == 1 ? " Row " : " Rows ") + what;
    }

    private static String[] row(String marker, String[] cells) {
        String[] r = new String[cells.length + 1];
        r[0] = marker;
        System.arraycopy(cells, 0, r, 1, cells.length);
        return r;
    }

    /** The new side's columns in order, then any the old side had that the new one lacks. */
    private static List<String> columns(TableDelta d) {
        List<String> out = new ArrayList<>();
        for (Table t : new Table[] {d.toTable(), d.fromTable()}) {
            if (t == null) {
                continue;
            }
            for (Column c : Schema.decode(t.schema()).columns()) {
                if (out.stream().noneMatch(n -> n.equalsIgnoreCase(c.name()))) {
                    out.add(c.name());
                }
            }
        }
        return out;
    }

    static void printTable(PrintWriter out, String[] header, List<String[]> rows) {
        int[] width = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            width[i] = header[i].length();
            for (String[] r : rows) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder rule = new StringBuilder("+");
        for (int w : width) {
            rule.append("-".repeat(w + 2)).append('+');
        }
        out.println(rule);
        out.println(line(header, width));
        out.println(rule);
        for (String[] r : rows) {
            out.println(line(r, width));
        }
        out.println(rule);
    }

    private static String line(String[] cells, int[] width) {
        StringBuilder sb = new StringBuilder("|");
        for (int i = 0; i < cells.length; i++) {
            sb.append(' ').append(cells[i]).append(" ".repeat(width[i] - cells[i].length())).append(" |");
        }
        return sb.toString();
    }

    static String format(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof byte[] b) {
            return "0x" + HexFormat.of().withUpperCase().formatHex(b);
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return v.toString();
    }

    /** One side's codec and where each output column comes from in its rows (-1: absent). */
    private record Side(RowCodec codec, int[] source) {
        static Side of(Table t, List<String> columns) {
            if (t == null) {
                return new Side(null, null);
            }
            Schema s = Schema.decode(t.schema());
            int[] idx = new int[columns.size()];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = -1;
                for (int j = 0; j < s.columnCount(); j++) {
                    if (s.column(j).name().toLowerCase(Locale.ROOT).equals(columns.get(i).toLowerCase(Locale.ROOT))) {
                        idx[i] = j;
                    }
                }
            }
            return new Side(RowCodec.of(s), idx);
        }

        String[] cells(byte[] key, byte[] value) {
            Object[] row = codec.decode(key, value);
            String[] out = new String[source.length];
            for (int i = 0; i < source.length; i++) {
                out[i] = source[i] < 0 ? "" : format(row[source[i]]);
            }
            return out;
        }
    }
}
