package dev.cairn.sql.exec;

import dev.cairn.chunkstore.model.RootValue;
import dev.cairn.chunkstore.model.Table;
import dev.cairn.chunkstore.prolly.ProllyIterator;
import dev.cairn.chunkstore.prolly.ProllyMap;
import dev.cairn.chunkstore.row.RowCodec;
import dev.cairn.chunkstore.row.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * A user table as one root value holds it, with its decoded schema and row codec, and the
 * reads the executors make of it: a full scan, point gets and key ranges.
 */
public final class UserTable {
    private final String name;
    private final Table table;
    private final Schema schema;
    private final RowCodec codec;

    private UserTable(String name, Table table) {
        this.name = name;
        this.table = table;
        this.schema = Schema.decode(table.schema());
        this.codec = RowCodec.of(schema);
    }

    /** The table called {@code name} (any case) in {@code root}, or null. */
    public static UserTable find(RootValue root, String name) throws IOException {
        String stored = root.resolveName(name);
        return stored == null ? null : new UserTable(stored, root.table(stored));
    }

    public String name() {
        return name;
    }

    public Table table() {
        return table;
    }

    public Schema schema() {
        return schema;
    }

    public RowCodec codec() {
        return codec;
    }

    public ProllyMap rows() {
        return table.rows();
    }

    /** The rows in {@code ranges} (all rows if null), in key order; keyless rows repeat by their count. */
    public Iterator<Object[]> read(List<KeyRanges.Range> ranges, QueryContext ctx) throws IOException {
        if (ranges == null) {
            return scan(table.rows().iterator(), ctx);
        }
        TreeMap<byte[], Boolean> points = new TreeMap<>(ProllyMap.KEY_ORDER);
        List<KeyRanges.Range> spans = new java.util.ArrayList<>();
        for (KeyRanges.Range r : ranges) {
            if (r.point()) {
                points.put(r.from(), true);
            } else {
                spans.add(r);
            }
        }
        List<Iterator<Object[]>> parts = new java.util.ArrayList<>();
        if (!points.isEmpty()) {
            ProllyMap rows = table.rows();
            List<Object[]> found = new java.util.ArrayList<>();
            for (byte[] k : points.keySet()) {
                byte[] v = rows.get(k);
                ctx.rowsVisited(1);
                if (v != null) {
                    found.add(codec.decode(k, v));
                }
            }
            parts.add(found.iterator());
        }
        for (KeyRanges.Range r : spans) {
            parts.add(scan(table.rows().range(r.from(), r.to()), ctx));
        }
        return parts.size() == 1 ? parts.get(0) : concat(parts);
    }

    private Iterator<Object[]> scan(ProllyIterator it, QueryContext ctx) {
        boolean keyless = schema.isKeyless();
        return new Iterator<>() {
            Object[] pending;
            long repeat;

            @Override
            public boolean hasNext() {
                if (repeat > 0) {
                    return true;
                }
                try {
                    return it.hasNext();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public Object[] next() {
                if (repeat > 0) {
                    repeat--;
                    return pending.clone();
                }
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                try {
                    ProllyMap.Entry e = it.next();
                    ctx.rowsVisited(1);
                    Object[] row = codec.decode(e.key(), e.value());
                    if (keyless) {
                        repeat = codec.cardinality(e.value()) - 1;
                        pending = row;
                    }
                    return repeat > 0 ? row.clone() : row;
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }
        };
    }

    private static Iterator<Object[]> concat(List<Iterator<Object[]>> parts) {
        return parts.stream().flatMap(it -> {
            Iterable<Object[]> i = () -> it;
            return java.util.stream.StreamSupport.stream(i.spliterator(), false);
        }).iterator();
    }
}
