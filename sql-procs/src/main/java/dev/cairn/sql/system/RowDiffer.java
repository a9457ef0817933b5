package dev.cairn.sql.system;

import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.model.RootValue;
import dev.cairn.chunkstore.model.Table;
import dev.cairn.chunkstore.model.TableDelta;
import dev.cairn.chunkstore.prolly.Diff;
import dev.cairn.chunkstore.row.Column;
import dev.cairn.chunkstore.row.RowCodec;
import dev.cairn.chunkstore.row.Schema;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Decodes the row differences of one table between two root values into rows of a fixed
 * column list. Each side is decoded with its own schema and its values placed by column
 * name, so a diff across ALTER TABLE still lines up (a column missing on one side is NULL).
 * Keyless tables report one row per changed entry, whatever its duplicate count.
 */
final class RowDiffer {
    /** Receives one changed row: the new and old values in output column order (null when absent). */
    @FunctionalInterface
    interface Sink {
        void accept(Object[] to, Object[] from, String diffType);
    }

    private RowDiffer() {
    }

    static void diff(RootValue from, RootValue to, String table, List<Column> out, Sink sink) throws IOException {
        Hash fa = from.tableAddress(table);
        Hash ta = to.tableAddress(table);
        if (fa == null ? ta == null : fa.equals(ta)) {
            return;
        }
        TableDelta delta = new TableDelta(table, from.table(table), to.table(table), to.store());
        Side before = Side.of(delta.fromTable(), out);
        Side after = Side.of(delta.toTable(), out);
        delta.rows(d -> {
            Object[] newRow = d.newValue() == null ? null : after.project(d.key(), d.newValue());
            Object[] oldRow = d.oldValue() == null ? null : before.project(d.key(), d.oldValue());
            sink.accept(newRow, oldRow, type(d.kind()));
            return true;
        });
    }

    private static String type(Diff.Kind kind) {
        return switch (kind) {
            case ADDED -> "added";
            case REMOVED -> "removed";
            case MODIFIED -> "modified";
        };
    }

    /** One side's codec and where each of its columns goes in the output. */
    private record Side(RowCodec codec, int[] sourceIndex) {
        static Side of(Table t, List<Column> out) {
            if (t == null) {
                return new Side(null, null);
            }
            Schema s = Schema.decode(t.schema());
            int[] idx = new int[out.size()];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = indexOf(s, out.get(i).name());
            }
            return new Side(RowCodec.of(s), idx);
        }

        private static int indexOf(Schema s, String name) {
            for (int i = 0; i < s.columnCount(); i++) {
                if (s.column(i).name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                    return i;
                }
            }
            return -1;
        }

        Object[] project(byte[] key, byte[] value) {
            Object[] row = codec.decode(key, value);
            Object[] projected = new Object[sourceIndex.length];
            for (int i = 0; i < sourceIndex.length; i++) {
                projected[i] = sourceIndex[i] < 0 ? null : row[sourceIndex[i]];
            }
            return projected;
        }
    }
}
