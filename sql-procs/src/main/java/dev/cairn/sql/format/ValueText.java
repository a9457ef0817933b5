package dev.cairn.sql.format;

import dev.cairn.chunkstore.row.SqlType;
import dev.cairn.sql.exec.Values;

/** How the formatters print one value: MySQL's text, with BOOLEAN as 1/0 and NULL as null. */
final class ValueText {
    private ValueText() {
    }

    static String of(Object v) {
        return v == null ? null : Values.toText(v);
    }

    /** Numbers are right-aligned in tables and unquoted in JSON. */
    static boolean numeric(SqlType type, Object v) {
        if (v instanceof Number || v instanceof Boolean) {
            return true;
        }
        if (type == null || v != null) {
            return false;
        }
        return type.isInteger() || type.kind() == SqlType.Kind.DECIMAL || type.kind() == SqlType.Kind.FLOAT
                || type.kind() == SqlType.Kind.DOUBLE || type.kind() == SqlType.Kind.BOOLEAN;
    }
}
