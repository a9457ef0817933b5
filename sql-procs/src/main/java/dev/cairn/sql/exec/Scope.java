package dev.cairn.sql.exec;

import dev.cairn.chunkstore.row.SqlType;
import dev.cairn.sql.ColumnOrigin;
import dev.cairn.sql.SqlException;
import java.util.ArrayList;
import java.util.List;

/**
 * The columns a row carries while a statement runs (the tables of a FROM clause side by side,
 * or a grouped row), and how names resolve to their positions, with MySQL's errors for
 * unknown and ambiguous names.
 */
public final class Scope {
    /** One column: the table (alias) it came from, its name and type, and its stored origin if any. */
    public record Col(String table, String name, SqlType type, ColumnOrigin origin) {
        public Col(String table, String name, SqlType type) {
            this(table, name, type, null);
        }
    }

    private final List<Col> cols;

    public Scope(List<Col> cols) {
        this.cols = List.copyOf(cols);
    }

    /** These columns as the optional side of an outer join: none is known to be NOT NULL. */
    public Scope nullable() {
        List<Col> out = new ArrayList<>(cols.size());
        for (Col c : cols) {
            ColumnOrigin o = c.origin();
            out.add(o == null || !o.notNull() ? c : new Col(c.table(), c.name(), c.type(),
                    new ColumnOrigin(o.table(), o.storedTable(), o.column(), false, o.primaryKey(), o.autoIncrement())));
        }
        return new Scope(out);
    }

    public static Scope empty() {
        return new Scope(List.of());
    }

    public List<Col> columns() {
        return cols;
    }

    public int size() {
        return cols.size();
    }

    public Scope concat(Scope other) {
        List<Col> all = new ArrayList<>(cols);
        all.addAll(other.cols);
        return new Scope(all);
    }

    /** True if some column of this scope came from {@code table}. */
    public boolean hasTable(String table) {
        return cols.stream().anyMatch(c -> c.table() != null && c.table().equalsIgnoreCase(table));
    }

    /** The index of the column, or -1 if there is none. */
    public int find(String table, String name, String clause) {
        int found = -1;
        for (int i = 0; i < cols.size(); i++) {
            Col c = cols.get(i);
            if (c.name().equalsIgnoreCase(name) && (table == null || table.equalsIgnoreCase(c.table()))) {
                if (found >= 0 && table == null) {
                    throw new SqlException(1052, "23000", "Column '" + name + "' in " + clause + " is ambiguous");
                }
                if (found < 0) {
                    found = i;
                }
            }
        }
        return found;
    }

    /** The index of the column, or MySQL's unknown-column error. */
    public int resolve(String table, String name, String clause) {
        int i = find(table, name, clause);
        if (i < 0) {
            throw unknownColumn(table == null ? name : table + "." + name, clause);
        }
        return i;
    }

    public static SqlException unknownColumn(String name, String clause) {
        return new SqlException(SqlException.ER_BAD_FIELD, "42S22", "Unknown column '" + name + "' in '" + clause + "'");
    }
}
