package dev.cairn.sql;

import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.model.Branch;
import dev.cairn.chunkstore.model.CommitMeta;
import dev.cairn.chunkstore.model.ConcurrentUpdateException;
import dev.cairn.chunkstore.model.DatabaseException;
import dev.cairn.chunkstore.model.RootValue;
import dev.cairn.chunkstore.row.RowValueException;
import dev.cairn.chunkstore.row.SchemaException;
import dev.cairn.chunkstore.row.SqlType;
import dev.cairn.repo.Config;
import dev.cairn.repo.Repo;
import dev.cairn.repo.RepoException;
import dev.cairn.repo.Workspace;
import dev.cairn.sql.exec.DdlExecutor;
import dev.cairn.sql.exec.DmlExecutor;
import dev.cairn.sql.exec.ExprCompiler;
import dev.cairn.sql.exec.QueryContext;
import dev.cairn.sql.exec.SelectExecutor;
import dev.cairn.sql.exec.ShowStatements;
import dev.cairn.sql.exec.SqlErrors;
import dev.cairn.sql.exec.SystemVariables;
import dev.cairn.sql.ops.UserErrors;
import dev.cairn.sql.parse.AsOfRewriter;
import dev.cairn.sql.parse.SqlParser;
import dev.cairn.sql.parse.StatementSplitter;
import dev.cairn.sql.parse.StatementTemplates;
import dev.cairn.sql.procs.Procedure;
import dev.cairn.sql.procs.Procedures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.RenameTableStatement;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.update.Update;

/**
 * One SQL session over a {@link Workspace}: a current database and branch, session
 * variables, and an optional open transaction. Outside a transaction every statement that
 * changes data stores the branch's new working set (a compare-and-swap on the working root,
 * retried on a lost race) before {@link #execute} returns; inside one, changes stay in the
 * session until COMMIT. Not thread-safe: one session per connection.
 */
public final class SqlSession implements SessionContext {
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
    private static final Pattern BEGIN = Pattern.compile("(BEGIN(\\s+WORK)?|START\\s+TRANSACTION.*)", FLAGS);
    private static final Pattern COMMIT = Pattern.compile("COMMIT(\\s+WORK)?", FLAGS);
    private static final Pattern ROLLBACK = Pattern.compile("ROLLBACK(\\s+WORK)?", FLAGS);
    private static final Pattern USE = Pattern.compile("USE\\s+(`[^`]+`|\\S+)", FLAGS);
    private static final Pattern SHOW_DATABASES = Pattern.compile("SHOW\\s+(DATABASES|SCHEMAS)", FLAGS);
    private static final Pattern CREATE_DATABASE = Pattern.compile(
            "CREATE\\s+(?:DATABASE|SCHEMA)\\s+(IF\\s+NOT\\s+EXISTS\\s+)?(`[^`]+`|[^\\s;]+).*", FLAGS);
    private static final Pattern DROP_DATABASE = Pattern.compile(
            "DROP\\s+(?:DATABASE|SCHEMA)\\s+(IF\\s+EXISTS\\s+)?(`[^`]+`|\\S+)", FLAGS);
    private static final Pattern SHOW_TABLES = Pattern.compile(
            "SHOW\\s+(?:FULL\\s+)?TABLES(?:\\s+AS\\s+OF\\s+(.+))?", FLAGS);
    private static final Pattern SHOW_CREATE = Pattern.compile(
            "SHOW\\s+CREATE\\s+TABLE\\s+(`[^`]+`|\\S+?)(?:\\s+AS\\s+OF\\s+(.+))?", FLAGS);
    private static final Pattern DESCRIBE = Pattern.compile(
            "(?:DESCRIBE|DESC|SHOW\\s+(?:FULL\\s+)?COLUMNS\\s+(?:FROM|IN))\\s+(`[^`]+`|\\S+?)(?:\\s+AS\\s+OF\\s+(.+))?", FLAGS);
    private static final Pattern SET = Pattern.compile("SET\\s+(.+)", FLAGS);
    /** Isolation levels and access modes: Cairn has one of each, so these change nothing. */
    private static final Pattern SET_TRANSACTION = Pattern.compile(
            "SET\\s+(?:(?:SESSION|GLOBAL|LOCAL)\\s+)?TRANSACTION\\b.*", FLAGS);
    private static final Pattern CALL = Pattern.compile("CALL\\s+(`[^`]+`|[\\w.]+)\\s*(?:\\((.*)\\))?", FLAGS);
    private static final Pattern REPLACE = Pattern.compile("REPLACE(\\s+.*)", FLAGS);
    private static final int MAX_RETRIES = 8;

    private final Workspace workspace;
    private final Function<String, String> environment;
    private final SystemVariables variables = new SystemVariables();
    private final Map<String, Object> userVariables = new HashMap<>();
    private String database;
    private String branch;
    /** The branch this session last had checked out in each database, so USE back returns to it. */
    private final Map<String, String> branches = new HashMap<>();
    private long lastInsertId;
    private String clientUser = "root@%";
    private long connectionId = 1;
    private long rowsVisited;
    /** The working root when the transaction began, and its buffered changes; null outside a transaction. */
    private RootValue txBase;
    private RootValue txRoot;

    /** A session on {@code workspace}, using its root database (if it is one) on its checked-out branch. */
    public SqlSession(Workspace workspace) throws IOException {
        this(workspace, System::getenv);
    }

    /**
     * A session whose procedures see {@code environment} instead of the process's environment,
     * so a server can give its sessions the variables it was started with.
     */
    public SqlSession(Workspace workspace, Function<String, String> environment) throws IOException {
        Builtins.install();
        this.workspace = workspace;
        this.environment = environment;
        String root = workspace.rootDatabase();
        if (root != null) {
            useDatabase(root);
        }
    }

    /** Runs every statement of {@code sql} in order and returns their results; stops at the first error. */
    public List<ResultSet> execute(String sql) throws IOException {
        List<ResultSet> out = new ArrayList<>();
        for (String statement : StatementSplitter.split(sql)) {
            out.add(executeStatement(statement));
        }
        return out;
    }

    /** Runs one statement (no splitting). */
    public ResultSet executeStatement(String sql) throws IOException {
        try {
            return dispatch(sql.trim());
        } catch (RowValueException e) {
            throw SqlErrors.of(e);
        } catch (SchemaException e) {
            throw SqlErrors.of(e);
        } catch (DatabaseException | RepoException e) {
            throw UserErrors.toSql(e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Rows read from table storage by this session so far; tests use it to tell lookups from scans. */
    public long rowsVisited() {
        return rowsVisited;
    }

    public boolean inTransaction() {
        return txRoot != null;
    }

    public String currentDatabase() {
        return database;
    }

    public SystemVariables variables() {
        return variables;
    }

    /** Says who is connected, for USER(), CURRENT_USER() and CONNECTION_ID(); a server calls it once. */
    public void identifyClient(String user, String host, long connectionId) {
        this.clientUser = user + "@" + host;
        this.connectionId = connectionId;
        variables.set("pseudo_thread_id", connectionId);
    }

    @Override
    public String clientUser() {
        return clientUser;
    }

    @Override
    public long connectionId() {
        return connectionId;
    }

    private ResultSet dispatch(String sql) throws IOException {
        Matcher m;
        if (BEGIN.matcher(sql).matches()) {
            commitTransaction();
            beginTransaction();
            return ResultSet.ok(0, 0);
        }
        if (COMMIT.matcher(sql).matches()) {
            commitTransaction();
            return ResultSet.ok(0, 0);
        }
        if (ROLLBACK.matcher(sql).matches()) {
            txBase = null;
            txRoot = null;
            return ResultSet.ok(0, 0);
        }
        if ((m = USE.matcher(sql)).matches()) {
            useDatabase(ExprCompiler.unquote(m.group(1)));
            return ResultSet.ok(0, 0);
        }
        if (SHOW_DATABASES.matcher(sql).matches()) {
            List<Object[]> rows = new ArrayList<>();
            for (String d : workspace.databases()) {
                rows.add(new Object[] {d});
            }
            return ResultSet.of(List.of(new ResultColumn("Database", SqlType.TEXT)), rows);
        }
        if ((m = CREATE_DATABASE.matcher(sql)).matches()) {
            return createDatabase(ExprCompiler.unquote(m.group(2)), m.group(1) != null);
        }
        if ((m = DROP_DATABASE.matcher(sql)).matches()) {
            return dropDatabase(ExprCompiler.unquote(m.group(2)), m.group(1) != null);
        }
        if (SET_TRANSACTION.matcher(sql).matches()) {
            return ResultSet.ok(0, 0);
        }
        if ((m = SET.matcher(sql)).matches()) {
            return set(m.group(1));
        }
        ResultSet shown = ShowStatements.run(sql, variables);
        if (shown != null) {
            return shown;
        }
        if ((m = CALL.matcher(sql)).matches()) {
            return call(ExprCompiler.unquote(m.group(1)), m.group(2));
        }
        return inStatement(sql);
    }

    /**
     * Runs a statement against the working root and stores what it changed, retrying on a lost
     * race. The first try is optimistic; a retry holds the branch's write lock from running the
     * statement until it is stored, so among this process's sessions it cannot lose again.
     */
    private ResultSet inStatement(String sql) throws IOException {
        if (!variables.autocommit() && txRoot == null && database != null) {
            beginTransaction();
        }
        ReentrantLock held = null;
        try {
            for (int attempt = 0; ; attempt++) {
                StatementContext ctx = new StatementContext();
                ResultSet rs = run(ctx, sql);
                try {
                    // One statement writes one table, so at most one of these stores anything and
                    // a retry never repeats a store that succeeded.
                    for (OtherDatabaseWrite w : ctx.others.values()) {
                        w.store();
                    }
                    if (ctx.changed == null) {
                        return rs;
                    }
                    if (txRoot != null) {
                        txRoot = ctx.changed;
                        return rs;
                    }
                    ReentrantLock lock = held != null ? held : writeLock();
                    lock.lock();
                    try {
                        branch().setWorking(ctx.base, ctx.changed);
                    } finally {
                        lock.unlock();
                    }
                    return rs;
                } catch (ConcurrentUpdateException e) {
                    if (attempt >= MAX_RETRIES) {
                        throw new SqlException(1213, "40001", e.getMessage(), e);
                    }
                    if (held == null && database != null) {
                        held = writeLock();
                        held.lock();
                    }
                }
            }
        } finally {
            if (held != null) {
                held.unlock();
            }
        }
    }

    private ReentrantLock writeLock() throws IOException {
        return currentRepo().writeLock(branch);
    }

    private ResultSet run(StatementContext ctx, String sql) throws IOException {
        Matcher m;
        if ((m = SHOW_TABLES.matcher(sql)).matches()) {
            return new DdlExecutor(ctx).showTables(m.group(1) == null ? null : asOf(ctx, m.group(1)));
        }
        if ((m = SHOW_CREATE.matcher(sql)).matches()) {
            requireDatabase();
            return new DdlExecutor(ctx).showCreate(ExprCompiler.unquote(m.group(1)),
                    m.group(2) == null ? null : asOf(ctx, m.group(2)));
        }
        if ((m = DESCRIBE.matcher(sql)).matches()) {
            requireDatabase();
            return new DdlExecutor(ctx).describe(ExprCompiler.unquote(m.group(1)),
                    m.group(2) == null ? null : asOf(ctx, m.group(2)));
        }
        boolean replace = false;
        if ((m = REPLACE.matcher(sql)).matches()) {
            sql = "INSERT" + m.group(1);
            replace = true;
        }
        AsOfRewriter.Result rewritten = AsOfRewriter.rewrite(sql);
        ctx.asOf = rewritten.asOfExpressions();
        Statement st;
        if (ctx.asOf.isEmpty()) {
            StatementTemplates.Parsed parsed = StatementTemplates.parse(rewritten.sql());
            st = parsed.statement();
            ctx.parameters = parsed;
        } else {
            st = SqlParser.parse(rewritten.sql());
        }
        if (st instanceof Select s) {
            return SelectExecutor.run(ctx, s);
        }
        // DML and DDL may name another database (INSERT INTO otherdb.t); the context checks the target.
        if (st instanceof Insert i) {
            return new DmlExecutor(ctx).insert(i, replace);
        }
        if (st instanceof Update u) {
            return new DmlExecutor(ctx).update(u);
        }
        if (st instanceof Delete d) {
            return new DmlExecutor(ctx).delete(d);
        }
        if (st instanceof CreateTable c) {
            return new DdlExecutor(ctx).create(c);
        }
        if (st instanceof Drop d) {
            return new DdlExecutor(ctx).drop(d);
        }
        if (st instanceof Alter a) {
            return new DdlExecutor(ctx).alter(a);
        }
        if (st instanceof RenameTableStatement r) {
            return new DdlExecutor(ctx).rename(r);
        }
        throw SqlErrors.unsupported(sql.length() > 40 ? sql.substring(0, 40) + "..." : sql);
    }

    private static String asOf(StatementContext ctx, String expressionSql) {
        ctx.asOf = List.of(expressionSql.trim());
        return dev.cairn.sql.exec.Values.toText(asOfValue(ctx, expressionSql.trim()));
    }

    private static Object asOfValue(StatementContext ctx, String expressionSql) {
        Expression e = SqlParser.parseExpression(expressionSql);
        if (e instanceof net.sf.jsqlparser.schema.Column c) {
            return ExprCompiler.unquote(c.getFullyQualifiedName());
        }
        return ExprCompiler.constant(ctx, e);
    }

    private void requireDatabase() {
        if (database == null) {
            throw SqlErrors.noDatabase();
        }
    }

    // ---- transactions ----------------------------------------------------------------------

    private void beginTransaction() throws IOException {
        if (database == null) {
            return;
        }
        txBase = branch().working();
        txRoot = txBase;
    }

    private void commitTransaction() throws IOException {
        if (txRoot == null) {
            return;
        }
        RootValue base = txBase;
        RootValue next = txRoot;
        txBase = null;
        txRoot = null;
        if (!next.address().equals(base.address())) {
            storeTransaction(base, next);
        }
    }

    /** Stores a transaction's changes, {@code base} to {@code next}; see {@link TransactionStore}. */
    private RootValue storeTransaction(RootValue base, RootValue next) throws IOException {
        return TransactionStore.store(currentRepo(), branch, base, next, MAX_RETRIES);
    }

    // ---- databases -------------------------------------------------------------------------

    private ResultSet createDatabase(String name, boolean ifNotExists) throws IOException {
        if (workspace.has(name)) {
            if (ifNotExists) {
                return ResultSet.ok(0, 0);
            }
            throw new SqlException(SqlException.ER_DB_CREATE_EXISTS, "HY000",
                    "can't create database " + name + "; database exists");
        }
        Config config = Config.forRepo(null);
        CommitMeta meta = new CommitMeta(config.get(Config.USER_NAME).orElse("cairn"),
                config.get(Config.USER_EMAIL).orElse("cairn@localhost"), clock().millis(), "Initialize data repository");
        workspace.create(name, "main", meta);
        return ResultSet.ok(1, 0);
    }

    private ResultSet dropDatabase(String name, boolean ifExists) throws IOException {
        String stored = workspace.resolve(name);
        if (stored == null) {
            if (ifExists) {
                return ResultSet.ok(0, 0);
            }
            throw new SqlException(SqlException.ER_DB_DROP_EXISTS, "HY000",
                    "Can't drop database " + name + "; database doesn't exist");
        }
        branches.remove(stored);
        if (stored.equals(database)) {
            txBase = null;
            txRoot = null;
            database = null;
            branch = null;
        }
        workspace.drop(stored);
        return ResultSet.ok(0, 0);
    }

    // ---- SET and CALL ----------------------------------------------------------------------

    private ResultSet set(String assignments) throws IOException {
        StatementContext ctx = new StatementContext();
        for (String a : splitTopLevel(assignments)) {
            String s = a.trim();
            String upper = s.toUpperCase(Locale.ROOT);
            if (upper.startsWith("NAMES ") || upper.startsWith("CHARACTER SET ") || upper.startsWith("CHARSET ")) {
                String cs = s.replaceFirst("(?i)^(NAMES|CHARACTER SET|CHARSET)\\s+", "").split("\\s+")[0];
                cs = cs.replaceAll("^['\"`]|['\"`]$", "");
                for (String v : List.of("character_set_client", "character_set_connection", "character_set_results")) {
                    variables.set(v, cs);
                }
                continue;
            }
            int eq = s.indexOf(":=") >= 0 ? s.indexOf(":=") : s.indexOf('=');
            if (eq < 0) {
                throw SqlParser.syntaxError("SET " + assignments, null);
            }
            String name = s.substring(0, eq).trim();
            String valueSql = s.substring(eq + (s.startsWith(":=", eq) ? 2 : 1)).trim();
            Object value = asOfValue(ctx, valueSql);
            if (name.startsWith("@") && !name.startsWith("@@")) {
                userVariables.put(name.substring(1).toLowerCase(Locale.ROOT), value);
                continue;
            }
            name = name.replaceFirst("^@@", "").replaceFirst("(?i)^(SESSION|GLOBAL|LOCAL|PERSIST)\\s+", "");
            boolean wasAutocommit = variables.autocommit();
            variables.set(name, value);
            if (!wasAutocommit && variables.autocommit()) {
                // As MySQL: turning autocommit back on commits the open transaction.
                commitTransaction();
            }
        }
        return ResultSet.ok(0, 0);
    }

    private static List<String> splitTopLevel(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int end = s.indexOf(c, i + 1);
                i = end < 0 ? s.length() : end;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        out.add(s.substring(start));
        return out;
    }

    private ResultSet call(String name, String argsSql) throws IOException {
        Procedure p = Procedures.lookup(name).orElseThrow(() -> new SqlException(SqlException.ER_SP_DOES_NOT_EXIST,
                "42000", "PROCEDURE " + name + " does not exist"));
        List<String> args = new ArrayList<>();
        if (argsSql != null && !argsSql.isBlank()) {
            StatementContext ctx = new StatementContext();
            Statement st = SqlParser.parse("SELECT " + argsSql);
            for (SelectItem<?> item : ((PlainSelect) st).getSelectItems()) {
                args.add(dev.cairn.sql.exec.Values.toText(ExprCompiler.constant(ctx, item.getExpression())));
            }
        }
        flushWorkingSet();
        try {
            return p.call(this, args);
        } finally {
            // The procedure may have committed, reset or switched branches: start again from what is stored.
            if (txRoot != null && database != null) {
                txBase = branch().working();
                txRoot = txBase;
            }
        }
    }

    // ---- SessionContext --------------------------------------------------------------------

    @Override
    public Workspace workspace() {
        return workspace;
    }

    @Override
    public String environment(String name) {
        return environment.apply(name);
    }

    @Override
    public Repo currentRepo() throws IOException {
        return database == null ? null : workspace.database(database);
    }

    @Override
    public void useDatabase(String name) throws IOException {
        String stored = workspace.resolve(name);
        if (stored == null) {
            throw new SqlException(SqlException.ER_BAD_DB, "42000", "Unknown database '" + name + "'");
        }
        commitTransaction();
        Repo repo = workspace.database(stored);
        String remembered = branches.get(stored);
        database = stored;
        branch = remembered != null && repo.db().hasBranch(remembered) ? remembered : repo.state().currentBranch();
    }

    @Override
    public String currentBranch() {
        return branch;
    }

    @Override
    public void setCurrentBranch(String name) throws IOException {
        requireDatabase();
        currentRepo().db().checkout(name);
        branch = name;
        branches.put(database, name);
    }

    @Override
    public void flushWorkingSet() throws IOException {
        if (txRoot != null && !txRoot.address().equals(txBase.address())) {
            RootValue stored = storeTransaction(txBase, txRoot);
            txBase = stored;
            txRoot = stored;
        }
    }

    @Override
    public RootValue workingRoot() throws IOException {
        requireDatabase();
        return txRoot != null ? txRoot : branch().working();
    }

    private Branch branch() throws IOException {
        return currentRepo().db().branch(branch);
    }

    /** The executors' view of this session for one statement. */
    private final class StatementContext implements QueryContext {
        private final LocalDateTime now = LocalDateTime.now(clock());
        private final Map<String, OtherDatabaseWrite> others = new java.util.LinkedHashMap<>();
        private List<String> asOf = List.of();
        private StatementTemplates.Parsed parameters;
        private RootValue base;
        private RootValue changed;

        @Override
        public SessionContext session() {
            return SqlSession.this;
        }

        @Override
        public Expression parameter(int index) {
            return parameters == null ? null : parameters.parameter(index);
        }

        @Override
        public String database() {
            return database;
        }

        @Override
        public String branch() {
            return branch;
        }

        @Override
        public RootValue root() throws IOException {
            if (changed != null) {
                return changed;
            }
            if (database == null) {
                throw SqlErrors.noDatabase();
            }
            if (base == null) {
                base = txRoot != null ? txRoot : SqlSession.this.branch().working();
            }
            return base;
        }

        @Override
        public void setRoot(RootValue next) {
            changed = next;
        }

        @Override
        public RootValue root(String db) throws IOException {
            OtherDatabaseWrite w = other(db);
            return w == null ? root() : w.root();
        }

        @Override
        public void setRoot(String db, RootValue next) throws IOException {
            OtherDatabaseWrite w = other(db);
            if (w == null) {
                setRoot(next);
            } else {
                w.change(next);
            }
        }

        /** The pending write to database {@code db}, or null if {@code db} is the current database. */
        private OtherDatabaseWrite other(String db) throws IOException {
            if (db == null || db.equalsIgnoreCase(database)) {
                return null;
            }
            String stored = workspace.resolve(db);
            if (stored == null) {
                throw new SqlException(SqlException.ER_BAD_DB, "42000", "Unknown database '" + db + "'");
            }
            OtherDatabaseWrite w = others.get(stored);
            if (w == null) {
                if (txRoot != null) {
                    // The transaction buffers one database's working set; a write to another could
                    // not be rolled back with it.
                    throw new SqlException(SqlException.ER_NOT_SUPPORTED, "0A000", "can't write to database '"
                            + stored + "' inside a transaction on database '" + database
                            + "': COMMIT first, or USE " + stored);
                }
                Repo repo = workspace.database(stored);
                w = new OtherDatabaseWrite(repo.db().branch(repo.state().currentBranch()));
                others.put(stored, w);
            }
            return w;
        }

        @Override
        public RootValue readRoot(String db, String ref) throws IOException {
            if (db == null || db.equalsIgnoreCase(database)) {
                if (ref == null) {
                    return root();
                }
                Repo repo = requireRepo();
                return rootAt(repo, ref, branch);
            }
            String stored = workspace.resolve(db);
            if (stored == null) {
                throw new SqlException(SqlException.ER_BAD_DB, "42000", "Unknown database '" + db + "'");
            }
            if (ref == null && others.containsKey(stored)) {
                return others.get(stored).root();
            }
            Repo repo = workspace.database(stored);
            String b = repo.state().currentBranch();
            return ref == null ? repo.db().branch(b).working() : rootAt(repo, ref, b);
        }

        private RootValue rootAt(Repo repo, String ref, String onBranch) throws IOException {
            Hash commit = repo.db().resolve(ref, onBranch);
            return repo.db().rootValue(repo.db().commit(commit).rootValue());
        }

        @Override
        public String hashOf(String ref) throws IOException {
            return requireRepo().db().resolve(ref, branch).toString();
        }

        @Override
        public String asOfExpression(int index) {
            return asOf.get(index);
        }

        @Override
        public Object systemVariable(String name) {
            return variables.get(name);
        }

        @Override
        public Object userVariable(String name) {
            return userVariables.get(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public long lastInsertId() {
            return lastInsertId;
        }

        @Override
        public void setLastInsertId(long id) {
            lastInsertId = id;
        }

        @Override
        public LocalDateTime now() {
            return now;
        }

        @Override
        public void rowsVisited(long n) {
            rowsVisited += n;
        }
    }
}
