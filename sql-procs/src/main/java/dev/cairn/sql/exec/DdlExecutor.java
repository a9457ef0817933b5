package dev.cairn.sql.exec;

import dev.cairn.chunkstore.model.RootValue;
import dev.cairn.chunkstore.model.Table;
import dev.cairn.chunkstore.row.Column;
import dev.cairn.chunkstore.row.Schema;
import dev.cairn.chunkstore.row.SchemaException;
import dev.cairn.chunkstore.row.SqlType;
import dev.cairn.sql.ResultColumn;
import dev.cairn.sql.ResultSet;
import dev.cairn.sql.SqlException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.alter.AlterOperation;
import net.sf.jsqlparser.statement.alter.RenameTableStatement;
import net.sf.jsqlparser.statement.create.table.ColDataType;
import net.sf.jsqlparser.statement.create.table.ColumnDefinition;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.table.Index;
import net.sf.jsqlparser.statement.drop.Drop;

/** CREATE, DROP, ALTER and RENAME TABLE, and the statements that describe tables. */
public final class DdlExecutor {
    private final QueryContext ctx;

    public DdlExecutor(QueryContext ctx) {
        this.ctx = ctx;
    }

    /** The database a statement on {@code t} changes: its qualifier, or null for the current one. */
    private static String databaseOf(net.sf.jsqlparser.schema.Table t) {
        return t.getSchemaName() == null ? null : ExprCompiler.unquote(t.getSchemaName());
    }

    private String displayName(String database) {
        return database == null ? ctx.database() : database;
    }

    public ResultSet create(CreateTable ct) throws IOException {
        if (ct.getSelect() != null || ct.getLikeTable() != null) {
            throw SqlErrors.unsupported("CREATE TABLE ... SELECT/LIKE");
        }
        String name = ExprCompiler.unquote(ct.getTable().getName());
        String database = databaseOf(ct.getTable());
        RootValue root = ctx.root(database);
        if (root.resolveName(name) != null) {
            if (ct.isIfNotExists()) {
                return ResultSet.ok(0, 0);
            }
            throw new SqlException(SqlException.ER_TABLE_EXISTS, "42S01", "Table '" + name + "' already exists");
        }
        List<Column> columns = new ArrayList<>();
        List<String> pk = new ArrayList<>();
        try {
            for (ColumnDefinition d : ct.getColumnDefinitions()) {
                String col = ExprCompiler.unquote(d.getColumnName());
                columns.add(column(col, d.getColDataType(), d.getColumnSpecs(), pk));
            }
            if (ct.getIndexes() != null) {
                for (Index i : ct.getIndexes()) {
                    if (i.getType() != null && i.getType().toUpperCase(Locale.ROOT).contains("PRIMARY")) {
                        if (!pk.isEmpty()) {
                            throw new SqlException(1068, "42000", "Multiple primary key defined");
                        }
                        for (String c : i.getColumnsNames()) {
                            pk.add(ExprCompiler.unquote(c));
                        }
                    }
                }
            }
            Schema schema = Schema.of(columns, pk);
            ctx.setRoot(database, root.withTable(name, Table.empty(root.store(), schema.encode())));
        } catch (SchemaException e) {
            throw SqlErrors.of(e);
        }
        return ResultSet.ok(0, 0);
    }

    /** A column from its parsed type and the words after it (NOT NULL, DEFAULT x, AUTO_INCREMENT, PRIMARY KEY...). */
    private static Column column(String name, ColDataType type, List<String> specs, List<String> pk) {
        StringBuilder typeText = new StringBuilder(type.getDataType());
        if (type.getArgumentsStringList() != null && !type.getArgumentsStringList().isEmpty()) {
            typeText.append('(').append(String.join(",", type.getArgumentsStringList())).append(')');
        }
        Column c = Column.of(name, SqlType.parse(typeText.toString()));
        List<String> s = specs == null ? List.of() : specs;
        for (int i = 0; i < s.size(); i++) {
            String w = s.get(i).toUpperCase(Locale.ROOT);
            switch (w) {
                case "NOT" -> {
                    if (i + 1 < s.size() && s.get(i + 1).equalsIgnoreCase("NULL")) {
                        c = c.notNull();
                        i++;
                    }
                }
                case "NULL" -> c = c.withNullable(true);
                case "AUTO_INCREMENT" -> c = c.withAutoIncrement(true);
                case "PRIMARY" -> {
                    if (!pk.isEmpty()) {
                        throw new SqlException(1068, "42000", "Multiple primary key defined");
                    }
                    pk.add(name);
                    if (i + 1 < s.size() && s.get(i + 1).equalsIgnoreCase("KEY")) {
                        i++;
                    }
                }
                case "COMMENT" -> i++;
                case "DEFAULT" -> {
                    if (i + 1 >= s.size()) {
                        break;
                    }
                    String v = s.get(++i);
                    // DEFAULT (expr) and DEFAULT CURRENT_TIMESTAMP(6) may come split into several words.
                    while (i + 1 < s.size() && (s.get(i + 1).startsWith("(") || v.endsWith("("))) {
                        v += s.get(++i);
                    }
                    c = withDefault(c, v);
                }
                default -> {
                }
            }
        }
        return c;
    }

    private static Column withDefault(Column c, String v) {
        if (v.equalsIgnoreCase("NULL")) {
            return c.withDefault(null);
        }
        if (v.startsWith("'") || v.startsWith("\"")) {
            return c.withDefault(ExprCompiler.unescape(v.substring(1, v.length() - 1)));
        }
        if (v.matches("[-+]?[0-9.]+([eE][-+]?[0-9]+)?")) {
            return c.withDefault(v);
        }
        if (v.equalsIgnoreCase("TRUE") || v.equalsIgnoreCase("FALSE")) {
            return c.withDefault(v.equalsIgnoreCase("TRUE") ? 1L : 0L);
        }
        return c.withDefaultExpression(v);
    }

    public ResultSet drop(Drop d) throws IOException {
        String type = d.getType().toUpperCase(Locale.ROOT);
        if (!type.equals("TABLE")) {
            throw SqlErrors.unsupported("DROP " + type);
        }
        List<String> names = new ArrayList<>();
        names.add(ExprCompiler.unquote(d.getName().getName()));
        String database = databaseOf(d.getName());
        if (d.getParameters() != null) {
            for (String p : d.getParameters()) {
                if (p.contains(".")) {
                    // One statement stores one database's working set.
                    throw SqlErrors.unsupported("DROP TABLE of several database-qualified tables");
                }
                if (!p.equals(",")) {
                    names.add(ExprCompiler.unquote(p.replace(",", "").trim()));
                }
            }
        }
        RootValue root = ctx.root(database);
        for (String n : names) {
            if (n.isEmpty()) {
                continue;
            }
            if (root.resolveName(n) == null) {
                if (d.isIfExists()) {
                    continue;
                }
                throw new SqlException(1051, "42S02", "Unknown table '" + displayName(database) + "." + n + "'");
            }
            root = root.withoutTable(n);
        }
        ctx.setRoot(database, root);
        return ResultSet.ok(0, 0);
    }

    public ResultSet alter(Alter a) throws IOException {
        String name = ExprCompiler.unquote(a.getTable().getName());
        String database = databaseOf(a.getTable());
        RootValue root = ctx.root(database);
        UserTable ut = UserTable.find(root, name);
        if (ut == null) {
            throw SqlErrors.noSuchTable(displayName(database), name);
        }
        Schema schema = ut.schema();
        String newName = null;
        try {
            for (AlterExpression e : a.getAlterExpressions()) {
                AlterOperation op = e.getOperation();
                if (op == AlterOperation.ADD && e.getColDataTypeList() != null) {
                    for (AlterExpression.ColumnDataType cd : e.getColDataTypeList()) {
                        List<String> pk = new ArrayList<>();
                        Column c = column(ExprCompiler.unquote(cd.getColumnName()), cd.getColDataType(),
                                cd.getColumnSpecs(), pk);
                        if (!pk.isEmpty()) {
                            throw SqlErrors.unsupported("ADD COLUMN ... PRIMARY KEY");
                        }
                        schema = schema.withColumnAdded(c);
                    }
                } else if (op == AlterOperation.DROP && e.getColumnName() != null) {
                    String col = ExprCompiler.unquote(e.getColumnName());
                    if (schema.indexOf(col) < 0) {
                        throw new SqlException(1091, "42000", "Can't DROP '" + col + "'; check that column/key exists");
                    }
                    schema = schema.withColumnDropped(col);
                } else if (op == AlterOperation.RENAME && e.getColumnOldName() != null) {
                    String from = ExprCompiler.unquote(e.getColumnOldName());
                    if (schema.indexOf(from) < 0) {
                        throw Scope.unknownColumn(from, name);
                    }
                    schema = schema.withColumnRenamed(from, ExprCompiler.unquote(e.getColumnName()));
                } else if (op == AlterOperation.RENAME_TABLE || (op == AlterOperation.RENAME && e.getNewTableName() != null)) {
                    newName = ExprCompiler.unquote(e.getNewTableName());
                } else {
                    throw SqlErrors.unsupported("ALTER TABLE " + e);
                }
            }
        } catch (SchemaException e) {
            throw SqlErrors.of(e);
        }
        Table t = ut.table().withSchema(root.store(), schema.encode());
        root = root.withTable(ut.name(), t);
        if (newName != null) {
            root = rename(root, ut.name(), newName);
        }
        ctx.setRoot(database, root);
        return ResultSet.ok(0, 0);
    }

    public ResultSet rename(RenameTableStatement r) throws IOException {
        String database = null;
        boolean first = true;
        for (Map.Entry<net.sf.jsqlparser.schema.Table, net.sf.jsqlparser.schema.Table> e : r.getTableNames()) {
            for (net.sf.jsqlparser.schema.Table t : List.of(e.getKey(), e.getValue())) {
                String db = databaseOf(t);
                db = db == null || db.equalsIgnoreCase(ctx.database()) ? null : db;
                if (!first && !java.util.Objects.equals(db == null ? null : db.toLowerCase(Locale.ROOT),
                        database == null ? null : database.toLowerCase(Locale.ROOT))) {
                    throw SqlErrors.unsupported("RENAME TABLE across databases");
                }
                database = db;
                first = false;
            }
        }
        RootValue root = ctx.root(database);
        for (Map.Entry<net.sf.jsqlparser.schema.Table, net.sf.jsqlparser.schema.Table> e : r.getTableNames()) {
            root = rename(root, ExprCompiler.unquote(e.getKey().getName()), ExprCompiler.unquote(e.getValue().getName()));
        }
        ctx.setRoot(database, root);
        return ResultSet.ok(0, 0);
    }

    private RootValue rename(RootValue root, String from, String to) throws IOException {
        String stored = root.resolveName(from);
        if (stored == null) {
            throw SqlErrors.noSuchTable(ctx.database(), from);
        }
        if (root.resolveName(to) != null && !to.equalsIgnoreCase(stored)) {
            throw new SqlException(SqlException.ER_TABLE_EXISTS, "42S01", "Table '" + to + "' already exists");
        }
        var table = root.table(stored);
        return root.withoutTable(stored).withTable(to, table);
    }

    /** SHOW CREATE TABLE, as MySQL writes it. */
    public ResultSet showCreate(String name, String asOf) throws IOException {
        UserTable ut = UserTable.find(ctx.readRoot(null, asOf), name);
        if (ut == null) {
            throw SqlErrors.noSuchTable(ctx.database(), name);
        }
        Schema s = ut.schema();
        StringBuilder sb = new StringBuilder("CREATE TABLE `").append(ut.name()).append("` (");
        List<String> lines = new ArrayList<>();
        for (Column c : s.columns()) {
            lines.add("  " + c.toSql());
        }
        if (!s.isKeyless()) {
            List<String> keys = s.primaryKey().stream().map(k -> "`" + k + "`").toList();
            lines.add("  PRIMARY KEY (" + String.join(",", keys) + ")");
        }
        sb.append('\n').append(String.join(",\n", lines)).append("\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_bin");
        return ResultSet.of(List.of(new ResultColumn("Table", SqlType.TEXT), new ResultColumn("Create Table", SqlType.TEXT)),
                List.<Object[]>of(new Object[] {ut.name(), sb.toString()}));
    }

    /** DESCRIBE / SHOW COLUMNS: Field, Type, Null, Key, Default, Extra. */
    public ResultSet describe(String name, String asOf) throws IOException {
        UserTable ut = UserTable.find(ctx.readRoot(null, asOf), name);
        if (ut == null) {
            throw SqlErrors.noSuchTable(ctx.database(), name);
        }
        List<Object[]> rows = new ArrayList<>();
        Schema s = ut.schema();
        for (int i = 0; i < s.columnCount(); i++) {
            Column c = s.column(i);
            Object dflt = c.defaultValue() != null ? Values.toText(c.defaultValue()) : c.defaultExpression();
            rows.add(new Object[] {c.name(), c.type().sqlName(), c.nullable() ? "YES" : "NO",
                    s.isPrimaryKey(i) ? "PRI" : "", dflt, c.autoIncrement() ? "auto_increment" : ""});
        }
        List<ResultColumn> cols = new ArrayList<>();
        for (String n : List.of("Field", "Type", "Null", "Key", "Default", "Extra")) {
            cols.add(new ResultColumn(n, SqlType.TEXT));
        }
        return ResultSet.of(cols, rows);
    }

    /** SHOW TABLES [AS OF ref]: one column named {@code Tables_in_<db>}. */
    public ResultSet showTables(String asOf) throws IOException {
        if (ctx.database() == null) {
            throw SqlErrors.noDatabase();
        }
        List<Object[]> rows = new ArrayList<>();
        for (String t : ctx.readRoot(null, asOf).tableNames()) {
            rows.add(new Object[] {t});
        }
        return ResultSet.of(List.of(new ResultColumn("Tables_in_" + ctx.database(), SqlType.TEXT)), rows);
    }
}
