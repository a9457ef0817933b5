package dev.cairn.sql.exec;

import dev.cairn.chunkstore.row.Column;
import dev.cairn.chunkstore.row.Schema;
import dev.cairn.sql.ResultSet;
import dev.cairn.sql.SqlException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;

/** INSERT (with ON DUPLICATE KEY UPDATE), REPLACE, UPDATE and DELETE against the context's working root. */
public final class DmlExecutor {
    private final QueryContext ctx;

    public DmlExecutor(QueryContext ctx) {
        this.ctx = ctx;
    }

    /** The database a statement on {@code t} writes: its qualifier, or null for the current one. */
    private static String databaseOf(net.sf.jsqlparser.schema.Table t) {
        return t.getSchemaName() == null ? null : ExprCompiler.unquote(t.getSchemaName());
    }

    private UserTable table(net.sf.jsqlparser.schema.Table t) throws IOException {
        String name = ExprCompiler.unquote(t.getName());
        String database = databaseOf(t);
        UserTable ut = UserTable.find(ctx.root(database), name);
        if (ut == null) {
            throw SqlErrors.noSuchTable(database == null ? ctx.database() : database, name);
        }
        return ut;
    }

    private void store(net.sf.jsqlparser.schema.Table t, TableWriter w) throws IOException {
        String database = databaseOf(t);
        ctx.setRoot(database, w.apply(ctx.root(database)));
    }

    private static Scope scope(UserTable t, String alias) {
        List<Scope.Col> cols = new ArrayList<>();
        for (Column c : t.schema().columns()) {
            cols.add(new Scope.Col(alias, c.name(), c.type()));
        }
        return new Scope(cols);
    }

    public ResultSet insert(Insert ins, boolean replace) throws IOException {
        UserTable ut = table(ins.getTable());
        Schema schema = ut.schema();
        int[] targets;
        if (ins.getColumns() == null || ins.getColumns().isEmpty()) {
            targets = new int[schema.columnCount()];
            for (int i = 0; i < targets.length; i++) {
                targets[i] = i;
            }
        } else {
            targets = new int[ins.getColumns().size()];
            for (int i = 0; i < targets.length; i++) {
                String c = ExprCompiler.unquote(ins.getColumns().get(i).getColumnName());
                targets[i] = schema.indexOf(c);
                if (targets[i] < 0) {
                    throw Scope.unknownColumn(c, "field list");
                }
            }
        }
        List<Object[]> input = inputRows(ins);
        Scope tableScope = scope(ut, ut.name());
        List<UpdateSet> onDup = ins.getDuplicateUpdateSets();
        List<int[]> dupTargets = new ArrayList<>();
        List<Expr> dupExprs = new ArrayList<>();
        if (onDup != null) {
            ExprCompiler c = new ExprCompiler(ctx, tableScope, "field list", null);
            for (UpdateSet s : onDup) {
                for (int i = 0; i < s.getColumns().size(); i++) {
                    dupTargets.add(new int[] {tableScope.resolve(null,
                            ExprCompiler.unquote(s.getColumns().get(i).getColumnName()), "field list")});
                    dupExprs.add(c.compile(s.getValues().get(i)));
                }
            }
        }
        TableWriter w = new TableWriter(ut);
        long affected = 0;
        long firstId = 0;
        for (Object[] values : input) {
            if (values.length != targets.length) {
                throw new SqlException(SqlException.ER_WRONG_VALUE_COUNT, "21S01",
                        "Column count doesn't match value count at row " + (affected + 1));
            }
            Object[] row = defaults(schema);
            for (int i = 0; i < targets.length; i++) {
                row[targets[i]] = values[i];
            }
            long id = w.autoIncrement(row);
            if (id != 0 && firstId == 0) {
                firstId = id;
            }
            row = w.coerce(row);
            if (schema.isKeyless()) {
                w.insert(row);
                affected++;
                continue;
            }
            byte[] key = w.keyOf(row);
            Object[] old = w.existing(key);
            if (old == null) {
                w.insert(row);
                affected++;
            } else if (replace) {
                w.put(row);
                affected += 2;
            } else if (!dupExprs.isEmpty()) {
                Object[] updated = old.clone();
                for (int i = 0; i < dupExprs.size(); i++) {
                    updated[dupTargets.get(i)[0]] = dupExprs.get(i).eval(old);
                }
                updated = w.coerce(updated);
                if (!Arrays.equals(w.keyOf(updated), key)) {
                    if (w.existing(w.keyOf(updated)) != null) {
                        throw w.duplicate(updated);
                    }
                    w.delete(old);
                }
                w.put(updated);
                affected += Arrays.deepEquals(updated, old) ? 0 : 2;
            } else if (ins.isModifierIgnore()) {
                continue;
            } else {
                throw w.duplicate(row);
            }
        }
        store(ins.getTable(), w);
        if (firstId != 0) {
            ctx.setLastInsertId(firstId);
        }
        return ResultSet.ok(affected, firstId);
    }

    private List<Object[]> inputRows(Insert ins) throws IOException {
        List<Object[]> out = new ArrayList<>();
        Values values = ins.getValues();
        if (values == null && ins.getSelect() instanceof Values v) {
            values = v;
        }
        if (values != null) {
            ExpressionList<?> list = values.getExpressions();
            boolean multi = !list.isEmpty() && list.stream().allMatch(e -> e instanceof ExpressionList<?>);
            if (multi) {
                for (Expression e : list) {
                    out.add(evalRow((ExpressionList<?>) e));
                }
            } else {
                out.add(evalRow(list));
            }
            return out;
        }
        if (ins.getSelect() != null) {
            return SelectExecutor.run(ctx, ins.getSelect()).rows();
        }
        if (ins.getSetUpdateSets() != null) {
            throw SqlErrors.unsupported("INSERT ... SET");
        }
        return out;
    }

    private Object[] evalRow(ExpressionList<?> list) {
        Object[] row = new Object[list.size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = ExprCompiler.constant(ctx, list.get(i));
        }
        return row;
    }

    private Object[] defaults(Schema schema) {
        Object[] row = new Object[schema.columnCount()];
        for (int i = 0; i < row.length; i++) {
            Column c = schema.column(i);
            if (c.defaultValue() != null) {
                row[i] = c.defaultValue();
            } else if (c.defaultExpression() != null) {
                row[i] = ScalarFunctions.defaultNow(c.defaultExpression(), ctx);
            } else if (!c.nullable() && !c.autoIncrement()) {
                row[i] = TableWriter.MISSING;
            }
        }
        return row;
    }

    public ResultSet update(Update u) throws IOException {
        UserTable ut = table(u.getTable());
        String alias = u.getTable().getAlias() == null ? ut.name() : ExprCompiler.unquote(u.getTable().getAlias().getName());
        Scope scope = scope(ut, alias);
        List<Object[]> matched = matching(ut, scope, u.getWhere(), u.getLimit());
        ExprCompiler c = new ExprCompiler(ctx, scope, "field list", null);
        List<Integer> targets = new ArrayList<>();
        List<Expr> exprs = new ArrayList<>();
        for (UpdateSet s : u.getUpdateSets()) {
            for (int i = 0; i < s.getColumns().size(); i++) {
                net.sf.jsqlparser.schema.Column col = s.getColumns().get(i);
                targets.add(scope.resolve(null, ExprCompiler.unquote(col.getColumnName()), "field list"));
                exprs.add(c.compile(s.getValues().get(i)));
            }
        }
        TableWriter w = new TableWriter(ut);
        long changed = 0;
        for (Object[] old : matched) {
            Object[] row = old.clone();
            for (int i = 0; i < targets.size(); i++) {
                // MySQL evaluates SET items left to right, each seeing the ones before.
                row[targets.get(i)] = exprs.get(i).eval(row);
            }
            row = w.coerce(row);
            if (Arrays.deepEquals(row, old)) {
                continue;
            }
            changed++;
            if (ut.schema().isKeyless()) {
                w.delete(old);
                w.insert(row);
                continue;
            }
            byte[] oldKey = w.keyOf(old);
            byte[] newKey = w.keyOf(row);
            if (!Arrays.equals(oldKey, newKey)) {
                w.delete(old);
                if (w.existing(newKey) != null) {
                    throw w.duplicate(row);
                }
            }
            w.put(row);
        }
        store(u.getTable(), w);
        return new ResultSet(List.of(), List.of(), changed, 0, 0);
    }

    public ResultSet delete(Delete d) throws IOException {
        UserTable ut = table(d.getTable());
        String alias = d.getTable().getAlias() == null ? ut.name() : ExprCompiler.unquote(d.getTable().getAlias().getName());
        Scope scope = scope(ut, alias);
        List<Object[]> matched = matching(ut, scope, d.getWhere(), d.getLimit());
        TableWriter w = new TableWriter(ut);
        for (Object[] row : matched) {
            w.delete(row);
        }
        store(d.getTable(), w);
        return ResultSet.ok(matched.size(), 0);
    }

    private List<Object[]> matching(UserTable ut, Scope scope, Expression where, Limit limit) throws IOException {
        Expr filter = where == null ? null : new ExprCompiler(ctx, scope, "where clause", null).compile(where);
        long max = limit == null || limit.getRowCount() == null ? Long.MAX_VALUE
                : dev.cairn.sql.exec.Values.toLong(ExprCompiler.constant(ctx, limit.getRowCount()));
        Iterator<Object[]> rows = ut.read(KeyRanges.analyze(ctx, where, scope, 0, ut.schema()), ctx);
        List<Object[]> out = new ArrayList<>();
        while (rows.hasNext() && out.size() < max) {
            Object[] r = rows.next();
            if (filter == null || dev.cairn.sql.exec.Values.isTrue(filter.eval(r))) {
                out.add(r);
            }
        }
        return out;
    }
}
