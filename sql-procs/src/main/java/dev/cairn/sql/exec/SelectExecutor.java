package dev.cairn.sql.exec;

import dev.cairn.chunkstore.row.SqlType;
import dev.cairn.sql.ColumnOrigin;
import dev.cairn.sql.ResultColumn;
import dev.cairn.sql.ResultSet;
import dev.cairn.sql.SqlException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.Offset;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;

/**
 * Runs a SELECT: reads the FROM items (the first through its primary key when WHERE allows),
 * joins them by nested loops, filters, groups and aggregates, projects, sorts, removes
 * duplicates and applies LIMIT. Rows stream when nothing needs them all (no ORDER BY,
 * grouping or DISTINCT), so a LIMIT stops the read early.
 */
public final class SelectExecutor {
    private final QueryContext ctx;

    private SelectExecutor(QueryContext ctx) {
        this.ctx = ctx;
    }

    public static ResultSet run(QueryContext ctx, Select select) throws IOException {
        return new SelectExecutor(ctx).select(select);
    }

    private ResultSet select(Select select) throws IOException {
        if (select instanceof ParenthesedSelect p) {
            return select(p.getSelect());
        }
        if (select instanceof PlainSelect ps) {
            return plain(ps);
        }
        if (select instanceof SetOperationList set) {
            return union(set);
        }
        throw SqlErrors.unsupported(select.toString());
    }

    private ResultSet union(SetOperationList set) throws IOException {
        List<Object[]> rows = new ArrayList<>();
        List<ResultColumn> cols = null;
        Set<List<Object>> seen = new HashSet<>();
        for (int i = 0; i < set.getSelects().size(); i++) {
            ResultSet rs = select(set.getSelects().get(i));
            if (cols == null) {
                cols = rs.columns();
            } else if (cols.size() != rs.columns().size()) {
                throw new SqlException(1222, "21000", "The used SELECT statements have a different number of columns");
            }
            boolean all = i > 0 && set.getOperations().get(i - 1).toString().toUpperCase().contains("ALL");
            for (Object[] r : rs.rows()) {
                if (seen.add(Arrays.asList(r)) || all) {
                    rows.add(r);
                }
            }
        }
        return ResultSet.of(cols, limit(rows, set.getLimit(), set.getOffset()));
    }

    private ResultSet plain(PlainSelect ps) throws IOException {
        // ---- FROM and joins
        // FROM DUAL is MySQL's way of saying "no table".
        boolean dual = ps.getFromItem() instanceof net.sf.jsqlparser.schema.Table t && t.getSchemaName() == null
                && t.getName().equalsIgnoreCase("dual") && (ps.getJoins() == null || ps.getJoins().isEmpty());
        Sources.Source first = ps.getFromItem() == null || dual ? null : Sources.resolve(ctx, ps.getFromItem());
        Scope scope = first == null ? Scope.empty() : first.scope();
        List<Sources.Source> joined = new ArrayList<>();
        List<Join> joins = ps.getJoins() == null ? List.of() : ps.getJoins();
        for (Join j : joins) {
            Sources.Source s = Sources.resolve(ctx, j.getRightItem());
            joined.add(s);
            // An outer join's optional side may come back NULL, whatever its columns' constraints.
            boolean rightOptional = j.isLeft() || j.isFull() || (j.isOuter() && !j.isRight());
            boolean leftOptional = j.isRight() || j.isFull();
            scope = (leftOptional ? scope.nullable() : scope).concat(rightOptional ? s.scope().nullable() : s.scope());
        }
        Expression where = ps.getWhere();
        Expr filter = where == null ? null : new ExprCompiler(ctx, scope, "where clause", null).compile(where);
        Iterator<Object[]> rows;
        if (first == null) {
            rows = List.<Object[]>of(new Object[0]).iterator();
        } else {
            List<KeyRanges.Range> ranges = first.table() == null ? null
                    : KeyRanges.analyze(ctx, where, scope, 0, first.table().schema());
            rows = first.read(ranges, ctx);
            int width = first.scope().size();
            for (int i = 0; i < joins.size(); i++) {
                rows = join(rows, width, joins.get(i), joined.get(i), scope);
                width += joined.get(i).scope().size();
            }
        }
        if (filter != null) {
            rows = filter(rows, filter);
        }

        // ---- projections, HAVING and ORDER BY, compiled with the aggregates they use
        Aggregates aggs = new Aggregates(scope.size());
        ExprCompiler projector = new ExprCompiler(ctx, scope, "field list", aggs);
        List<Expr> projections = new ArrayList<>();
        List<ResultColumn> columns = new ArrayList<>();
        List<Boolean> isColumnRef = new ArrayList<>();
        Map<String, Expr> aliases = new LinkedHashMap<>();
        Map<String, Expression> aliasSources = new LinkedHashMap<>();
        for (SelectItem<?> item : ps.getSelectItems()) {
            Expression e = item.getExpression();
            if (e instanceof AllTableColumns atc) {
                String t = ExprCompiler.unquote(atc.getTable().getName());
                if (!scope.hasTable(t)) {
                    throw new SqlException(SqlException.ER_BAD_FIELD, "42S02", "Unknown table '" + t + "'");
                }
                expand(scope, t, projections, columns, isColumnRef);
            } else if (e instanceof AllColumns) {
                if (scope.size() == 0) {
                    throw new SqlException(1096, "HY000", "No tables used");
                }
                expand(scope, null, projections, columns, isColumnRef);
            } else {
                Expr x = projector.compile(e);
                projections.add(x);
                String name = label(item.getAlias(), e);
                SqlType type = null;
                ColumnOrigin origin = null;
                if (e instanceof Column c) {
                    String t = c.getTable() == null || c.getTable().getName() == null ? null
                            : ExprCompiler.unquote(c.getTable().getName());
                    int i = scope.find(t, ExprCompiler.unquote(c.getColumnName()), "field list");
                    type = i >= 0 ? scope.columns().get(i).type() : null;
                    origin = i >= 0 ? scope.columns().get(i).origin() : null;
                }
                columns.add(new ResultColumn(name, type, origin));
                isColumnRef.add(type != null);
                if (item.getAlias() != null) {
                    aliases.put(name.toLowerCase(), x);
                    aliasSources.put(name.toLowerCase(), e);
                }
            }
        }
        Expr having = ps.getHaving() == null ? null
                : new ExprCompiler(ctx, scope, "having clause", aggs).withAliases(aliases).compile(ps.getHaving());
        List<OrderByElement> orderBy = ps.getOrderByElements() == null ? List.of() : ps.getOrderByElements();
        List<Expr> sortKeys = new ArrayList<>();
        ExprCompiler orderCompiler = new ExprCompiler(ctx, scope, "order clause", aggs).withAliases(aliases);
        for (OrderByElement o : orderBy) {
            Expression e = o.getExpression();
            if (e instanceof LongValue pos) {
                int p = (int) pos.getValue() - 1;
                if (p < 0 || p >= projections.size()) {
                    throw Scope.unknownColumn(Long.toString(pos.getValue()), "order clause");
                }
                sortKeys.add(projections.get(p));
            } else {
                sortKeys.add(orderCompiler.compile(e));
            }
        }
        boolean grouped = ps.getGroupBy() != null || !aggs.isEmpty();
        if (grouped) {
            rows = group(rows, ps, scope, aggs, aliasSources);
        }
        if (having != null) {
            rows = filter(rows, having);
        }

        // ---- project, sort, distinct, limit
        boolean distinct = ps.getDistinct() != null;
        boolean streaming = sortKeys.isEmpty() && !distinct;
        long[] window = window(ps.getLimit(), ps.getOffset());
        List<Object[]> out = new ArrayList<>();
        List<Object[]> keys = new ArrayList<>();
        long skipped = 0;
        while (rows.hasNext()) {
            if (streaming && window[1] >= 0 && out.size() >= window[1]) {
                break;
            }
            Object[] in = rows.next();
            Object[] projected = new Object[projections.size()];
            for (int i = 0; i < projected.length; i++) {
                Object v = projections.get(i).eval(in);
                projected[i] = v instanceof Boolean b && !isColumnRef.get(i) ? (Object) (b ? 1L : 0L) : v;
            }
            if (streaming && skipped < window[0]) {
                skipped++;
                continue;
            }
            out.add(projected);
            if (!sortKeys.isEmpty()) {
                Object[] k = new Object[sortKeys.size()];
                for (int i = 0; i < k.length; i++) {
                    k[i] = sortKeys.get(i).eval(in);
                }
                keys.add(k);
            }
        }
        if (!streaming) {
            out = sortAndDistinct(out, keys, orderBy, distinct);
            out = window(out, window);
        }
        return ResultSet.of(types(columns, out), out);
    }

    private static void expand(Scope scope, String table, List<Expr> projections, List<ResultColumn> columns,
            List<Boolean> isColumnRef) {
        for (int i = 0; i < scope.size(); i++) {
            Scope.Col c = scope.columns().get(i);
            if (table == null || table.equalsIgnoreCase(c.table())) {
                int idx = i;
                projections.add(row -> row[idx]);
                columns.add(new ResultColumn(c.name(), c.type(), c.origin()));
                isColumnRef.add(true);
            }
        }
    }

    private static String label(Alias alias, Expression e) {
        if (alias != null) {
            return ExprCompiler.unquote(alias.getName());
        }
        if (e instanceof Column c) {
            return ExprCompiler.unquote(c.getColumnName());
        }
        return e.toString();
    }

    private Iterator<Object[]> join(Iterator<Object[]> left, int leftWidth, Join j, Sources.Source right, Scope scope)
            throws IOException {
        if (j.isRight() || j.isFull() || j.isNatural()) {
            throw SqlErrors.unsupported((j.isRight() ? "RIGHT" : j.isFull() ? "FULL" : "NATURAL") + " JOIN");
        }
        List<Object[]> rightRows = new ArrayList<>();
        right.read(null, ctx).forEachRemaining(rightRows::add);
        Scope joinedScope = new Scope(scope.columns().subList(0, leftWidth + right.scope().size()));
        Expr on = null;
        if (j.getOnExpressions() != null && !j.getOnExpressions().isEmpty()) {
            ExprCompiler c = new ExprCompiler(ctx, joinedScope, "on clause", null);
            for (Expression e : j.getOnExpressions()) {
                Expr next = c.compile(e);
                Expr prev = on;
                on = prev == null ? next : row -> Values.isTrue(prev.eval(row)) && Values.isTrue(next.eval(row));
            }
        }
        boolean outer = j.isLeft();
        int rightWidth = right.scope().size();
        Expr cond = on;
        List<Object[]> out = new ArrayList<>();
        while (left.hasNext()) {
            Object[] l = left.next();
            boolean matched = false;
            for (Object[] r : rightRows) {
                Object[] row = Arrays.copyOf(l, leftWidth + rightWidth);
                System.arraycopy(r, 0, row, leftWidth, rightWidth);
                if (cond == null || Values.isTrue(cond.eval(row))) {
                    out.add(row);
                    matched = true;
                }
            }
            if (outer && !matched) {
                out.add(Arrays.copyOf(l, leftWidth + rightWidth));
            }
        }
        return out.iterator();
    }

    private static Iterator<Object[]> filter(Iterator<Object[]> rows, Expr test) {
        return new Iterator<>() {
            Object[] next;

            @Override
            public boolean hasNext() {
                while (next == null && rows.hasNext()) {
                    Object[] r = rows.next();
                    if (Values.isTrue(test.eval(r))) {
                        next = r;
                    }
                }
                return next != null;
            }

            @Override
            public Object[] next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                Object[] r = next;
                next = null;
                return r;
            }
        };
    }

    private Iterator<Object[]> group(Iterator<Object[]> rows, PlainSelect ps, Scope scope, Aggregates aggs,
            Map<String, Expression> aliasSources) {
        List<Expr> keys = new ArrayList<>();
        if (ps.getGroupBy() != null) {
            ExprCompiler c = new ExprCompiler(ctx, scope, "group statement", null);
            for (Object o : ps.getGroupBy().getGroupByExpressionList()) {
                Expression e = (Expression) o;
                if (e instanceof LongValue pos) {
                    Expression item = ps.getSelectItems().get((int) pos.getValue() - 1).getExpression();
                    keys.add(c.compile(item));
                } else if (e instanceof Column col && col.getTable() == null
                        && scope.find(null, ExprCompiler.unquote(col.getColumnName()), "group statement") < 0
                        && aliasSources.containsKey(ExprCompiler.unquote(col.getColumnName()).toLowerCase())) {
                    keys.add(c.compile(aliasSources.get(ExprCompiler.unquote(col.getColumnName()).toLowerCase())));
                } else {
                    keys.add(c.compile(e));
                }
            }
        }
        ExprCompiler argCompiler = new ExprCompiler(ctx, scope, "field list", null);
        List<Function> calls = aggs.calls();
        List<Expr> args = new ArrayList<>();
        for (Function f : calls) {
            boolean star = f.isAllColumns() || f.getParameters() == null || f.getParameters().isEmpty()
                    || f.getParameters().get(0) instanceof AllColumns;
            args.add(star ? null : argCompiler.compile(f.getParameters().get(0)));
        }
        Map<List<Object>, Object[]> firstRows = new LinkedHashMap<>();
        Map<List<Object>, Aggregates.Accumulator[]> accs = new LinkedHashMap<>();
        while (rows.hasNext()) {
            Object[] r = rows.next();
            List<Object> key = new ArrayList<>(keys.size());
            for (Expr k : keys) {
                Object v = k.eval(r);
                key.add(v instanceof Long || v instanceof java.math.BigDecimal ? Values.toDecimal(v).stripTrailingZeros() : v);
            }
            Aggregates.Accumulator[] a = accs.get(key);
            if (a == null) {
                a = new Aggregates.Accumulator[calls.size()];
                for (int i = 0; i < a.length; i++) {
                    a[i] = Aggregates.accumulator(calls.get(i), args.get(i));
                }
                accs.put(key, a);
                firstRows.put(key, r);
            }
            for (Aggregates.Accumulator acc : a) {
                acc.add(r);
            }
        }
        if (accs.isEmpty() && ps.getGroupBy() == null) {
            // An aggregate over no rows still gives one row: COUNT 0, the others NULL.
            Aggregates.Accumulator[] a = new Aggregates.Accumulator[calls.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = Aggregates.accumulator(calls.get(i), args.get(i));
            }
            accs.put(List.of(), a);
            firstRows.put(List.of(), new Object[scope.size()]);
        }
        List<Object[]> out = new ArrayList<>();
        for (Map.Entry<List<Object>, Aggregates.Accumulator[]> e : accs.entrySet()) {
            Object[] src = firstRows.get(e.getKey());
            Object[] row = Arrays.copyOf(src, scope.size() + calls.size());
            for (int i = 0; i < calls.size(); i++) {
                row[scope.size() + i] = e.getValue()[i].result();
            }
            out.add(row);
        }
        return out.iterator();
    }

    private static List<Object[]> sortAndDistinct(List<Object[]> rows, List<Object[]> keys, List<OrderByElement> orderBy,
            boolean distinct) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            order.add(i);
        }
        if (!orderBy.isEmpty()) {
            Comparator<Integer> cmp = (a, b) -> {
                Object[] x = keys.get(a);
                Object[] y = keys.get(b);
                for (int i = 0; i < x.length; i++) {
                    int c = compareNullsFirst(x[i], y[i]);
                    if (c != 0) {
                        return orderBy.get(i).isAsc() ? c : -c;
                    }
                }
                return 0;
            };
            Collections.sort(order, cmp);
        }
        List<Object[]> out = new ArrayList<>();
        Set<List<Object>> seen = new HashSet<>();
        for (int i : order) {
            if (!distinct || seen.add(Arrays.asList(rows.get(i)))) {
                out.add(rows.get(i));
            }
        }
        return out;
    }

    static int compareNullsFirst(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return Values.compare(a, b);
    }

    /** [offset, count]; count -1 means no limit. */
    private long[] window(Limit limit, Offset offset) {
        long count = -1;
        long skip = 0;
        if (limit != null) {
            if (limit.getRowCount() != null) {
                count = Values.toLong(ExprCompiler.constant(ctx, limit.getRowCount()));
            }
            if (limit.getOffset() != null) {
                skip = Values.toLong(ExprCompiler.constant(ctx, limit.getOffset()));
            }
        }
        if (offset != null && offset.getOffset() != null) {
            skip = Values.toLong(ExprCompiler.constant(ctx, offset.getOffset()));
        }
        return new long[] {skip, count};
    }

    private List<Object[]> limit(List<Object[]> rows, Limit limit, Offset offset) {
        return window(rows, window(limit, offset));
    }

    private static List<Object[]> window(List<Object[]> rows, long[] w) {
        int from = (int) Math.min(rows.size(), w[0]);
        int to = w[1] < 0 ? rows.size() : (int) Math.min(rows.size(), from + w[1]);
        return rows.subList(from, to);
    }

    /** Column types: the table column's for column references, else the type of the first non-NULL value. */
    private static List<ResultColumn> types(List<ResultColumn> cols, List<Object[]> rows) {
        List<ResultColumn> out = new ArrayList<>();
        for (int i = 0; i < cols.size(); i++) {
            ResultColumn c = cols.get(i);
            if (c.type() != null) {
                out.add(c);
                continue;
            }
            SqlType t = null;
            for (Object[] r : rows) {
                if (r[i] != null) {
                    t = Values.typeOf(r[i]);
                    break;
                }
            }
            out.add(new ResultColumn(c.name(), t == null ? SqlType.TEXT : t));
        }
        return out;
    }
}
