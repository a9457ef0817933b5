package dev.cairn.sql;

import dev.cairn.chunkstore.row.SqlType;

/** A result column: its label and type (the type drives formatting and the wire protocol). */
public record ResultColumn(String name, SqlType type) {
}
