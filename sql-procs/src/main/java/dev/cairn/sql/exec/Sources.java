package dev.cairn.sql.exec;

import dev.cairn.chunkstore.model.RootValue;
import dev.cairn.chunkstore.row.Column;
import dev.cairn.sql.ColumnOrigin;
import dev.cairn.sql.ResultColumn;
import dev.cairn.sql.ResultSet;
import dev.cairn.sql.SqlException;
import dev.cairn.sql.parse.AsOfRewriter;
import dev.cairn.sql.parse.SqlParser;
import dev.cairn.sql.system.SystemTable;
import dev.cairn.sql.system.SystemTables;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.TableFunction;

/**
 * Resolves a FROM item to the rows it yields: a user table (as of the working set or a
 * commit), a system table, a table function or a derived table.
 */
final class Sources {
    /** A FROM item: its columns and either a user table (read with key ranges) or materialized rows. */
    record Source(Scope scope, UserTable table, List<Object[]> rows) {
        Iterator<Object[]> read(List<KeyRanges.Range> ranges, QueryContext ctx) throws IOException {
            return table != null ? table.read(ranges, ctx) : rows.iterator();
        }
    }

    private Sources() {
    }

    static Source resolve(QueryContext ctx, FromItem item) throws IOException {
        if (item instanceof net.sf.jsqlparser.schema.Table t) {
            return table(ctx, t);
        }
        if (item instanceof TableFunction f) {
            String name = f.getFunction().getName();
            List<Object> args = new ArrayList<>();
            if (f.getFunction().getParameters() != null) {
                for (Expression e : f.getFunction().getParameters()) {
                    args.add(ExprCompiler.constant(ctx, e));
                }
            }
            Optional<SystemTable> st = SystemTables.function(ctx.session(), name, args);
            if (st.isEmpty()) {
                throw new SqlException(1305, "42000", "table function " + name + " does not exist");
            }
            String alias = f.getAlias() == null ? name : ExprCompiler.unquote(f.getAlias().getName());
            return system(alias, st.get());
        }
        if (item instanceof ParenthesedSelect ps) {
            ResultSet rs = SelectExecutor.run(ctx, ps.getSelect());
            String alias = ps.getAlias() == null ? null : ExprCompiler.unquote(ps.getAlias().getName());
            List<Scope.Col> cols = new ArrayList<>();
            for (ResultColumn c : rs.columns()) {
                cols.add(new Scope.Col(alias, c.name(), c.type()));
            }
            return new Source(new Scope(cols), null, rs.rows());
        }
        throw SqlErrors.unsupported(item.toString());
    }

    static Source table(QueryContext ctx, net.sf.jsqlparser.schema.Table t) throws IOException {
        String name = ExprCompiler.unquote(t.getName());
        String database = t.getSchemaName() == null ? null : ExprCompiler.unquote(t.getSchemaName());
        String asOf = null;
        int marker = name.indexOf(AsOfRewriter.MARKER);
        if (marker >= 0) {
            asOf = asOfRef(ctx, ctx.asOfExpression(Integer.parseInt(name.substring(marker + AsOfRewriter.MARKER.length()))));
            name = name.substring(0, marker);
        }
        String alias = t.getAlias() == null ? name : ExprCompiler.unquote(t.getAlias().getName());
        if (database == null && ctx.database() == null) {
            throw SqlErrors.noDatabase();
        }
        RootValue root = ctx.readRoot(database, asOf);
        UserTable ut = UserTable.find(root, name);
        if (ut != null) {
            List<Scope.Col> cols = new ArrayList<>();
            List<Column> columns = ut.schema().columns();
            for (int i = 0; i < columns.size(); i++) {
                Column c = columns.get(i);
                boolean key = ut.schema().isPrimaryKey(i);
                cols.add(new Scope.Col(alias, c.name(), c.type(), new ColumnOrigin(alias, name, c.name(),
                        !c.nullable() || key, key, c.autoIncrement())));
            }
            return new Source(new Scope(cols), ut, null);
        }
        if (database == null || database.equalsIgnoreCase(ctx.database())) {
            Optional<SystemTable> st = SystemTables.table(ctx.session(), name, asOf);
            if (st.isPresent()) {
                return system(alias, st.get());
            }
        }
        throw SqlErrors.noSuchTable(database == null ? ctx.database() : database, name);
    }

    private static Source system(String alias, SystemTable st) throws IOException {
        List<Scope.Col> cols = new ArrayList<>();
        for (ResultColumn c : st.columns()) {
            cols.add(new Scope.Col(alias, c.name(), c.type()));
        }
        List<Object[]> rows = new ArrayList<>();
        st.rows().forEachRemaining(rows::add);
        return new Source(new Scope(cols), null, rows);
    }

    /** The ref an AS OF expression names: a string, a bare name, or what an expression such as hashof() returns. */
    static String asOfRef(QueryContext ctx, String expressionSql) {
        Expression e = SqlParser.parseExpression(expressionSql);
        if (e instanceof net.sf.jsqlparser.schema.Column c) {
            return ExprCompiler.unquote(c.getFullyQualifiedName());
        }
        Object v = ExprCompiler.constant(ctx, e);
        if (v == null) {
            throw new SqlException("AS OF expression evaluated to NULL");
        }
        return Values.toText(v);
    }
}
