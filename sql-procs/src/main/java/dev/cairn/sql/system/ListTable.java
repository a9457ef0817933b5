package dev.cairn.sql.system;

import dev.cairn.sql.ResultColumn;
import java.util.Iterator;
import java.util.List;

/** A system table whose rows were computed up front; system tables are small (refs, log, status). */
public record ListTable(List<ResultColumn> columns, List<Object[]> rowList) implements SystemTable {
    public ListTable {
        columns = List.copyOf(columns);
        rowList = List.copyOf(rowList);
    }

    @Override
    public Iterator<Object[]> rows() {
        return rowList.iterator();
    }
}
