package dev.cairn.sql;

import dev.cairn.chunkstore.model.Branch;
import dev.cairn.chunkstore.model.CommitMeta;
import dev.cairn.chunkstore.model.RootValue;
import dev.cairn.chunkstore.model.Table;
import dev.cairn.chunkstore.prolly.ProllyMap;
import dev.cairn.chunkstore.row.Column;
import dev.cairn.chunkstore.row.EncodedRow;
import dev.cairn.chunkstore.row.RowCodec;
import dev.cairn.chunkstore.row.Schema;
import dev.cairn.chunkstore.row.SqlType;
import dev.cairn.repo.Config;
import dev.cairn.repo.Repo;
import dev.cairn.repo.Workspace;
import dev.cairn.sql.procs.Procedures;
import dev.cairn.sql.system.SystemTable;
import dev.cairn.sql.system.SystemTables;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A minimal session for tests of procedures and system tables, standing in for the SQL
 * engine's: a workspace, a current database and branch, and a fixed clock. Writes rows
 * straight into the working set through the model.
 */
public final class TestSession implements SessionContext, AutoCloseable {
    public static final Instant NOW = Instant.parse("2024-01-02T03:04:05Z");
    public static final Schema T_SCHEMA = Schema.of(
            List.of(Column.of("pk", SqlType.INT), Column.of("c1", SqlType.INT)), List.of("pk"));

    private final Workspace workspace;
    private final Map<String, String> environment = new HashMap<>();
    private final List<String> notices = new ArrayList<>();
    private String database;
    private String branch;

    private TestSession(Workspace workspace) {
        this.workspace = workspace;
    }

    /** A workspace in {@code dir} with database {@code db} on {@code main}, and user identity set locally. */
    public static TestSession create(Path dir) throws IOException {
        Workspace ws = Workspace.open(dir);
        Repo r = ws.create("db", "main", new CommitMeta("Init", "init@example.com", NOW.toEpochMilli(),
                "Initialize data repository"));
        r.config().set(Config.Scope.LOCAL, Config.USER_NAME, "Tess Ter");
        r.config().set(Config.Scope.LOCAL, Config.USER_EMAIL, "tess@example.com");
        TestSession s = new TestSession(ws);
        s.useDatabase("db");
        return s;
    }

    /** A session with no database selected. */
    public static TestSession empty(Path dir) {
        return new TestSession(Workspace.open(dir));
    }

    @Override
    public Workspace workspace() {
        return workspace;
    }

    @Override
    public Repo currentRepo() throws IOException {
        return database == null ? null : workspace.database(database);
    }

    @Override
    public void useDatabase(String name) throws IOException {
        Repo r = workspace.database(name);
        database = name;
        branch = r.state().currentBranch();
    }

    @Override
    public String currentBranch() {
        return branch;
    }

    @Override
    public void setCurrentBranch(String b) {
        branch = b;
    }

    @Override
    public void flushWorkingSet() {
        // Rows are written straight to the working set, so there is nothing to flush.
    }

    @Override
    public String environment(String name) {
        return environment.get(name);
    }

    /** Sets a variable in this session's environment; the process environment is not consulted. */
    public void setEnvironment(String name, String value) {
        environment.put(name, value);
    }

    @Override
    public void notice(String message) {
        notices.add(message);
    }

    /** The notices operations gave this session, oldest first. */
    public List<String> notices() {
        return notices;
    }

    @Override
    public Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    public Repo repo() throws IOException {
        return requireRepo();
    }

    /** {@code CALL proc(args...)}. */
    public ResultSet call(String proc, String... args) throws IOException {
        Builtins.install();
        return Procedures.lookup(proc).orElseThrow().call(this, Arrays.asList(args));
    }

    /** The single value of a one-row procedure result's column. */
    public Object callValue(String column, String proc, String... args) throws IOException {
        ResultSet rs = call(proc, args);
        for (int i = 0; i < rs.columns().size(); i++) {
            if (rs.columns().get(i).name().equals(column)) {
                return rs.rows().get(0)[i];
            }
        }
        throw new AssertionError("no column " + column);
    }

    /** Reads a system table. */
    public Rows select(String table, String asOf) throws IOException {
        Builtins.install();
        return Rows.of(SystemTables.table(this, table, asOf).orElseThrow());
    }

    /** Calls a table function. */
    public Rows function(String name, Object... args) throws IOException {
        Builtins.install();
        return Rows.of(SystemTables.function(this, name, Arrays.asList(args)).orElseThrow());
    }

    /** Upserts rows of table {@code name} (created with {@link #T_SCHEMA} if missing) in the working set. */
    public void put(String name, long... pkAndC1) throws IOException {
        edit(name, pkAndC1, false);
    }

    /** Deletes rows by primary key from the working set. */
    public void delete(String name, long... pks) throws IOException {
        long[] pairs = new long[pks.length * 2];
        for (int i = 0; i < pks.length; i++) {
            pairs[2 * i] = pks[i];
        }
        edit(name, pairs, true);
    }

    private void edit(String name, long[] pairs, boolean delete) throws IOException {
        Repo r = repo();
        Branch b = r.db().branch(branch);
        RootValue w = b.working();
        Table t = w.table(name);
        if (t == null) {
            t = Table.empty(r.store(), T_SCHEMA.encode());
        }
        RowCodec codec = RowCodec.of(T_SCHEMA);
        TreeMap<byte[], byte[]> edits = new TreeMap<>(ProllyMap.KEY_ORDER);
        for (int i = 0; i < pairs.length; i += 2) {
            EncodedRow e = codec.encode(new Object[] {pairs[i], pairs[i + 1]});
            edits.put(e.key(), delete ? null : e.value());
        }
        t = t.withRows(r.store(), t.rows().apply(edits));
        b.setWorking(w, w.withTable(name, t));
    }

    @Override
    public void close() throws IOException {
        workspace.close();
    }

    /** A system table's columns and rows, for assertions. */
    public record Rows(List<String> columns, List<List<Object>> rows) {
        static Rows of(SystemTable t) throws IOException {
            List<String> cols = t.columns().stream().map(ResultColumn::name).toList();
            List<List<Object>> rows = new ArrayList<>();
            for (Iterator<Object[]> it = t.rows(); it.hasNext();) {
                rows.add(Arrays.asList(it.next()));
            }
            return new Rows(cols, rows);
        }

        /** The values of one column, in row order. */
        public List<Object> column(String name) {
            int i = columns.indexOf(name);
            if (i < 0) {
                throw new AssertionError("no column " + name + " in " + columns);
            }
            return rows.stream().map(r -> r.get(i)).toList();
        }
    }
}
