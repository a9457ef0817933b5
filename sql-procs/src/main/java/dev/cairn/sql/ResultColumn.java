package dev.cairn.sql;

import dev.cairn.chunkstore.row.SqlType;

/**
 * A result column: its label and type (the type drives formatting and the wire protocol),
 * and, for a table's column selected as is, where it comes from (else null).
 */
public record ResultColumn(String name, SqlType type, ColumnOrigin origin) {
    public ResultColumn(String name, SqlType type) {
        this(name, type, null);
    }
}
