package dev.cairn.chunkstore.row;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The stored form of a {@link Schema}, format version 1. Deterministic: the
 * same schema always gives the same bytes, so the same table definition is
 * the same chunk on every machine.
 *
 * <pre>
 *   'c' 's' 01            magic and version
 *   varint  next tag
 *   varint  column count
 *   per column, in display order:
 *     varint length, UTF-8   name
 *     varint                 tag
 *     u8                     type kind ({@link SqlType.Kind#code})
 *     varint, varint         type size (VARCHAR/CHAR length, DECIMAL precision, fsp) and DECIMAL scale
 *     u8                     flags: 01 nullable, 02 auto_increment, 04 literal default,
 *                            08 default expression, 10 backfill
 *     [varint length, payload]  literal default ({@link ValueFields} payload of the column type)
 *     [varint length, UTF-8]    default expression
 *     [varint length, payload]  backfill
 *   varint  primary key column count
 *   varint  column position, per key column in key order
 * </pre>
 */
final class SchemaCodec {
    private static final byte[] MAGIC = {'c', 's', 1};
    private static final int NULLABLE = 0x01;
    private static final int AUTO_INCREMENT = 0x02;
    private static final int DEFAULT_VALUE = 0x04;
    private static final int DEFAULT_EXPRESSION = 0x08;
    private static final int BACKFILL = 0x10;

    private SchemaCodec() {
    }

    static byte[] encode(Schema s) {
        Sink out = new Sink();
        out.bytes(MAGIC);
        out.varint(s.nextTag());
        out.varint(s.columnCount());
        for (Column c : s.columns()) {
            out.text(c.name());
            out.varint(c.tag());
            out.u8(c.type().kind().code());
            out.varint(c.type().size());
            out.varint(c.type().scale());
            int flags = (c.nullable() ? NULLABLE : 0) | (c.autoIncrement() ? AUTO_INCREMENT : 0)
                    | (c.defaultValue() != null ? DEFAULT_VALUE : 0)
                    | (c.defaultExpression() != null ? DEFAULT_EXPRESSION : 0)
                    | (c.backfill() != null ? BACKFILL : 0);
            out.u8(flags);
            if (c.defaultValue() != null) {
                out.value(c.type(), c.defaultValue());
            }
            if (c.defaultExpression() != null) {
                out.text(c.defaultExpression());
            }
            if (c.backfill() != null) {
                out.value(c.type(), c.backfill());
            }
        }
        int[] pk = s.primaryKeyIndexes();
        out.varint(pk.length);
        for (int i : pk) {
            out.varint(i);
        }
        return out.toByteArray();
    }

    static Schema decode(byte[] b) {
        if (b.length < MAGIC.length || b[0] != MAGIC[0] || b[1] != MAGIC[1]) {
            throw new IllegalArgumentException("not a stored schema");
        }
        if (b[2] != MAGIC[2]) {
            throw new IllegalArgumentException("unsupported schema format version " + b[2]);
        }
        TupleReader r = new TupleReader(b, MAGIC.length);
        try {
            int nextTag = r.varint();
            int count = r.varint();
            List<Column> columns = new ArrayList<>(Math.min(count, 4096));
            for (int i = 0; i < count; i++) {
                String name = text(r);
                int tag = r.varint();
                SqlType.Kind kind = SqlType.Kind.ofCode(r.u8());
                int size = r.varint();
                int scale = r.varint();
                SqlType type = SqlType.of(kind, size, scale);
                int flags = r.u8();
                Column c = Column.of(name, type).withTag(tag).withNullable((flags & NULLABLE) != 0)
                        .withAutoIncrement((flags & AUTO_INCREMENT) != 0);
                if ((flags & DEFAULT_VALUE) != 0) {
                    c = c.withDefault(value(r, type));
                }
                if ((flags & DEFAULT_EXPRESSION) != 0) {
                    c = c.withDefaultExpression(text(r));
                }
                if ((flags & BACKFILL) != 0) {
                    c = c.withBackfill(value(r, type));
                }
                columns.add(c);
            }
            int pkCount = r.varint();
            List<String> pk = new ArrayList<>();
            for (int i = 0; i < pkCount; i++) {
                pk.add(columns.get(r.varint()).name());
            }
            if (!r.atEnd()) {
                throw new IllegalArgumentException("trailing bytes after the schema");
            }
            return Schema.restore(columns, pk, nextTag);
        } catch (IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("truncated or malformed schema", e);
        }
    }

    private static String text(TupleReader r) {
        int len = r.varint();
        String s = new String(r.buf, r.pos, len, StandardCharsets.UTF_8);
        r.pos += len;
        return s;
    }

    private static Object value(TupleReader r, SqlType type) {
        int len = r.varint();
        Object v = ValueFields.read(type, r.buf, r.pos, len);
        r.pos += len;
        return v;
    }

    /** A growable output; schemas are small and written rarely. */
    private static final class Sink {
        private byte[] buf = new byte[256];
        private int pos;

        private void ensure(int n) {
            if (pos + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
            }
        }

        void u8(int v) {
            ensure(1);
            buf[pos++] = (byte) v;
        }

        void varint(long v) {
            ensure(10);
            pos = Varint.write(buf, pos, v);
        }

        void bytes(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buf, pos, b.length);
            pos += b.length;
        }

        void text(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            varint(b.length);
            bytes(b);
        }

        void value(SqlType t, Object v) {
            int len = ValueFields.length(t, v);
            varint(len);
            ensure(len);
            pos = ValueFields.write(t, v, buf, pos);
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, pos);
        }
    }
}
