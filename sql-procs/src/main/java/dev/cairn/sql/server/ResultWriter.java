package dev.cairn.sql.server;

import dev.cairn.sql.ColumnOrigin;
import dev.cairn.sql.ResultColumn;
import dev.cairn.sql.ResultSet;
import dev.cairn.sql.exec.Values;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Writes responses on one connection: OK, EOF and ERR packets, column definitions, and rows
 * in the text protocol (COM_QUERY: every value a length-encoded string, NULL as 0xFB) or the
 * binary protocol (COM_STMT_EXECUTE: a null bitmap with offset 2, then each value in its
 * type's binary form). With CLIENT_DEPRECATE_EOF the EOF packets after column definitions are
 * left out and a result set ends with an OK packet whose header is 0xFE instead of an EOF.
 */
final class ResultWriter {
    private final PacketChannel ch;
    private final boolean deprecateEof;

    ResultWriter(PacketChannel ch, boolean deprecateEof) {
        this.ch = ch;
        this.deprecateEof = deprecateEof;
    }

    void ok(long affectedRows, long lastInsertId, int status, int warnings) throws IOException {
        ch.write(new Payload().int1(0).lenenc(affectedRows).lenenc(lastInsertId).int2(status).int2(warnings));
    }

    void eof(int status, int warnings) throws IOException {
        ch.write(new Payload().int1(0xfe).int2(warnings).int2(status));
    }

    /** The end of a result set: an EOF packet, or with DEPRECATE_EOF an OK packet with the EOF header. */
    void endOfRows(int status, int warnings) throws IOException {
        if (deprecateEof) {
            ch.write(new Payload().int1(0xfe).lenenc(0).lenenc(0).int2(status).int2(warnings));
        } else {
            eof(status, warnings);
        }
    }

    /** The EOF after a run of column definitions, which DEPRECATE_EOF leaves out. */
    void endOfColumns(int status) throws IOException {
        if (!deprecateEof) {
            eof(status, 0);
        }
    }

    void error(int code, String sqlState, String message) throws IOException {
        String state = sqlState == null || sqlState.length() != 5 ? "HY000" : sqlState;
        ch.write(new Payload().int1(0xff).int2(code).rest("#" + state).rest(message == null ? "" : message));
    }

    void column(String schema, ResultColumn c) throws IOException {
        column(schema, null, c, false);
    }

    /**
     * A column definition (Protocol::ColumnDefinition41), with the table and constraints of a
     * table's column selected as is; COM_FIELD_LIST (which names {@code table}) adds a NULL default.
     */
    void column(String schema, String table, ResultColumn c, boolean withDefault) throws IOException {
        ColumnTypes t = ColumnTypes.of(c.type());
        ColumnOrigin o = c.origin();
        int flags = t.flags();
        if (o != null) {
            flags |= (o.notNull() ? Protocol.NOT_NULL_FLAG : 0) | (o.primaryKey() ? Protocol.PRI_KEY_FLAG : 0)
                    | (o.autoIncrement() ? Protocol.AUTO_INCREMENT_FLAG : 0);
        }
        String alias = table != null ? table : o != null ? o.table() : "";
        String stored = table != null ? table : o != null ? o.storedTable() : "";
        Payload p = new Payload()
                .lenencString("def")
                .lenencString(schema == null ? "" : schema)
                .lenencString(alias)
                .lenencString(stored)
                .lenencString(c.name())
                .lenencString(o != null ? o.column() : c.name())
                .lenenc(0x0c)
                .int2(t.charset())
                .int4(t.length())
                .int1(t.type())
                .int2(flags)
                .int1(t.decimals())
                .int2(0);
        if (withDefault) {
            p.int1(0xfb); // NULL: no default value
        }
        ch.write(p);
    }

    /** A whole query result: column count, definitions, rows, end; or an OK packet if it has no columns. */
    void result(String schema, ResultSet rs, int status, boolean binary) throws IOException {
        if (!rs.hasRows()) {
            ok(rs.affectedRows(), rs.lastInsertId(), status, rs.warnings());
            return;
        }
        List<ResultColumn> cols = rs.columns();
        ch.write(new Payload().lenenc(cols.size()));
        for (ResultColumn c : cols) {
            column(schema, c);
        }
        endOfColumns(status);
        for (Object[] row : rs.rows()) {
            ch.write(binary ? binaryRow(cols, row) : textRow(row));
        }
        endOfRows(status, rs.warnings());
    }

    private static Payload textRow(Object[] row) {
        Payload p = new Payload();
        for (Object v : row) {
            if (v == null) {
                p.int1(0xfb);
            } else if (v instanceof byte[] b) {
                p.lenencBytes(b);
            } else {
                p.lenencString(Values.toText(v));
            }
        }
        return p;
    }

    static Payload binaryRow(List<ResultColumn> cols, Object[] row) {
        byte[] nulls = new byte[(cols.size() + 7 + 2) / 8];
        for (int i = 0; i < row.length; i++) {
            if (row[i] == null) {
                int bit = i + 2;
                nulls[bit / 8] |= (byte) (1 << (bit % 8));
            }
        }
        Payload p = new Payload().int1(0).bytes(nulls);
        for (int i = 0; i < row.length; i++) {
            if (row[i] != null) {
                binaryValue(p, ColumnTypes.of(cols.get(i).type()).type(), row[i]);
            }
        }
        return p;
    }

    private static void binaryValue(Payload p, int type, Object v) {
        switch (type) {
            case Protocol.TYPE_TINY -> p.int1((int) asLong(v));
            case Protocol.TYPE_SHORT -> p.int2((int) asLong(v));
            case Protocol.TYPE_LONG -> p.int4(asLong(v));
            case Protocol.TYPE_LONGLONG -> p.int8(asLong(v));
            case Protocol.TYPE_FLOAT -> p.int4(Float.floatToIntBits(((Number) v).floatValue()));
            case Protocol.TYPE_DOUBLE -> p.int8(Double.doubleToLongBits(((Number) v).doubleValue()));
            case Protocol.TYPE_DATE, Protocol.TYPE_DATETIME, Protocol.TYPE_TIMESTAMP -> temporal(p, v);
            default -> p.lenencBytes(v instanceof byte[] b ? b : Values.toText(v).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static long asLong(Object v) {
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (v instanceof BigDecimal d) {
            return d.longValue();
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        return new BigDecimal(Values.toText(v).trim()).longValue();
    }

    /** MYSQL_TIME in binary: length 0, 4 (date), 7 (and time) or 11 (and microseconds). */
    private static void temporal(Payload p, Object v) {
        LocalDateTime t;
        if (v instanceof LocalDateTime dt) {
            t = dt;
        } else if (v instanceof LocalDate d) {
            t = d.atStartOfDay();
        } else {
            String s = Values.toText(v).trim().replace(' ', 'T');
            t = s.length() <= 10 ? LocalDate.parse(s).atStartOfDay() : LocalDateTime.parse(s);
        }
        int micros = t.getNano() / 1000;
        boolean hasTime = t.getHour() != 0 || t.getMinute() != 0 || t.getSecond() != 0 || micros != 0;
        p.int1(micros != 0 ? 11 : hasTime ? 7 : 4).int2(t.getYear()).int1(t.getMonthValue()).int1(t.getDayOfMonth());
        if (hasTime) {
            p.int1(t.getHour()).int1(t.getMinute()).int1(t.getSecond());
            if (micros != 0) {
                p.int4(micros);
            }
        }
    }
}
