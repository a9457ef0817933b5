package dev.cairn.sql.exec;

import dev.cairn.chunkstore.row.Column;
import dev.cairn.chunkstore.row.KeyTupleCodec;
import dev.cairn.chunkstore.row.RowValueException;
import dev.cairn.chunkstore.row.Schema;
import dev.cairn.sql.SqlException;
import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.ComparisonOperator;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;

/**
 * Finds, in a WHERE clause, the primary-key conditions a table read can use instead of a full
 * scan: equality or IN on every key column (point gets), equality or IN on the leading column
 * (prefix ranges), or bounds on the leading column (one range). Only conjuncts are used and
 * only constant operands; the whole WHERE is still applied to the rows read, so a condition
 * used here only narrows what is read.
 */
public final class KeyRanges {
    /** Keys to read: {@code point} keys by get, the others as [from, to) ranges (null = unbounded). */
    public record Range(byte[] from, byte[] to, boolean point) {
    }

    private KeyRanges() {
    }

    /**
     * The ranges to read for the table whose columns are {@code first..first+schema.columnCount()-1}
     * of {@code scope}, or null for a full scan.
     */
    public static List<Range> analyze(QueryContext ctx, Expression where, Scope scope, int first, Schema schema) {
        if (where == null || schema.isKeyless()) {
            return null;
        }
        int[] pk = schema.primaryKeyIndexes();
        List<List<Object>> eq = new ArrayList<>();
        for (int i = 0; i < pk.length; i++) {
            eq.add(null);
        }
        Object[] lo = {null, false};
        Object[] hi = {null, false};
        List<Expression> conjuncts = new ArrayList<>();
        flatten(where, conjuncts);
        for (Expression c : conjuncts) {
            if (c instanceof EqualsTo e) {
                keyed(ctx, e.getLeftExpression(), e.getRightExpression(), scope, first, schema, pk, eq);
                keyed(ctx, e.getRightExpression(), e.getLeftExpression(), scope, first, schema, pk, eq);
            } else if (c instanceof InExpression in && !in.isNot() && in.getRightExpression() instanceof ExpressionList<?> list) {
                int k = keyColumn(in.getLeftExpression(), scope, first, schema, pk);
                if (k >= 0 && eq.get(k) == null) {
                    List<Object> values = new ArrayList<>();
                    for (Expression x : list) {
                        Object v = constant(ctx, x, schema.column(pk[k]));
                        if (v == null) {
                            values = null;
                            break;
                        }
                        values.add(v);
                    }
                    eq.set(k, values);
                }
            } else if (c instanceof Between b && !b.isNot()
                    && keyColumn(b.getLeftExpression(), scope, first, schema, pk) == 0) {
                bound(lo, constant(ctx, b.getBetweenExpressionStart(), schema.column(pk[0])), true, true);
                bound(hi, constant(ctx, b.getBetweenExpressionEnd(), schema.column(pk[0])), true, false);
            } else if (c instanceof ComparisonOperator op && !(c instanceof EqualsTo)) {
                boolean greater = c instanceof GreaterThan || c instanceof GreaterThanEquals;
                boolean less = c instanceof MinorThan || c instanceof MinorThanEquals;
                if (!greater && !less) {
                    continue;
                }
                boolean inclusive = c instanceof GreaterThanEquals || c instanceof MinorThanEquals;
                Expression col = op.getLeftExpression();
                Expression val = op.getRightExpression();
                if (keyColumn(col, scope, first, schema, pk) != 0) {
                    col = op.getRightExpression();
                    val = op.getLeftExpression();
                    greater = !greater;
                    if (keyColumn(col, scope, first, schema, pk) != 0) {
                        continue;
                    }
                }
                Object v = constant(ctx, val, schema.column(pk[0]));
                bound(greater ? lo : hi, v, inclusive, greater);
            }
        }
        KeyTupleCodec codec = new KeyTupleCodec(java.util.Arrays.stream(pk).mapToObj(i -> schema.column(i).type()).toList());
        if (eq.stream().allMatch(v -> v != null)) {
            List<Range> points = new ArrayList<>();
            product(codec, eq, 0, new Object[pk.length], points);
            return points.size() > 100_000 ? null : points;
        }
        if (eq.get(0) != null) {
            List<Range> ranges = new ArrayList<>();
            for (Object v : eq.get(0)) {
                byte[] prefix = codec.encode(v);
                ranges.add(new Range(prefix, successor(prefix), false));
            }
            return ranges;
        }
        if (lo[0] == null && hi[0] == null) {
            return null;
        }
        byte[] from = null;
        byte[] to = null;
        if (lo[0] != null) {
            byte[] k = codec.encode(lo[0]);
            from = (Boolean) lo[1] ? k : successor(k);
        } else {
            // NULL sorts first in the key order and never satisfies a comparison.
            from = new byte[] {1};
        }
        if (hi[0] != null) {
            byte[] k = codec.encode(hi[0]);
            to = (Boolean) hi[1] ? successor(k) : k;
        }
        return List.of(new Range(from, to, false));
    }

    private static void flatten(Expression e, List<Expression> out) {
        if (e instanceof AndExpression a) {
            flatten(a.getLeftExpression(), out);
            flatten(a.getRightExpression(), out);
        } else if (e instanceof Parenthesis p) {
            flatten(p.getExpression(), out);
        } else if (e instanceof ExpressionList<?> l && l.size() == 1) {
            flatten(l.get(0), out);
        } else {
            out.add(e);
        }
    }

    private static void keyed(QueryContext ctx, Expression colSide, Expression valueSide, Scope scope, int first,
            Schema schema, int[] pk, List<List<Object>> eq) {
        int k = keyColumn(colSide, scope, first, schema, pk);
        if (k >= 0 && eq.get(k) == null) {
            Object v = constant(ctx, valueSide, schema.column(pk[k]));
            if (v != null) {
                eq.set(k, List.of(v));
            }
        }
    }

    /** Which key column (0 = leading) {@code e} names, or -1. */
    private static int keyColumn(Expression e, Scope scope, int first, Schema schema, int[] pk) {
        if (!(e instanceof net.sf.jsqlparser.schema.Column c)) {
            return -1;
        }
        String table = c.getTable() == null || c.getTable().getName() == null ? null
                : ExprCompiler.unquote(c.getTable().getName());
        int i;
        try {
            i = scope.find(table, ExprCompiler.unquote(c.getColumnName()), "where clause");
        } catch (SqlException ambiguous) {
            return -1;
        }
        if (i < first || i >= first + schema.columnCount()) {
            return -1;
        }
        for (int k = 0; k < pk.length; k++) {
            if (pk[k] == i - first) {
                return k;
            }
        }
        return -1;
    }

    /** The operand as a key value, or null if it is not a constant or does not convert exactly. */
    private static Object constant(QueryContext ctx, Expression e, Column col) {
        Object v;
        try {
            v = ExprCompiler.constant(ctx, e);
        } catch (SqlException notConstant) {
            return null;
        }
        if (v == null) {
            return null;
        }
        try {
            Object k = col.type().coerce(v, col.name());
            return Values.compare(k, v) == 0 ? k : null;
        } catch (RowValueException | SqlException | ClassCastException e2) {
            return null;
        }
    }

    private static void bound(Object[] b, Object v, boolean inclusive, boolean lower) {
        if (v == null) {
            return;
        }
        if (b[0] == null) {
            b[0] = v;
            b[1] = inclusive;
            return;
        }
        int c = Values.compare(v, b[0]);
        if (lower ? c > 0 : c < 0) {
            b[0] = v;
            b[1] = inclusive;
        } else if (c == 0) {
            b[1] = (Boolean) b[1] && inclusive;
        }
    }

    private static void product(KeyTupleCodec codec, List<List<Object>> eq, int k, Object[] key, List<Range> out) {
        if (out.size() > 100_000) {
            return;
        }
        if (k == eq.size()) {
            out.add(new Range(codec.encode(key.clone()), null, true));
            return;
        }
        for (Object v : eq.get(k)) {
            key[k] = v;
            product(codec, eq, k + 1, key, out);
        }
    }

    /** The smallest byte string greater than every string starting with {@code prefix}; null if none. */
    static byte[] successor(byte[] prefix) {
        for (int i = prefix.length - 1; i >= 0; i--) {
            if ((prefix[i] & 0xFF) != 0xFF) {
                byte[] s = java.util.Arrays.copyOf(prefix, i + 1);
                s[i]++;
                return s;
            }
        }
        return null;
    }
}
