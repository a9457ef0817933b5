package dev.cairn.sql;

import static dev.cairn.sql.SqlTestSupport.rows;
import static dev.cairn.sql.SqlTestSupport.scalar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.chunkstore.model.Branch;
import dev.cairn.chunkstore.model.Database;
import dev.cairn.repo.Repo;
import dev.cairn.repo.Workspace;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AS OF, hashof(), transactions, multi-database workspaces and primary-key access paths. */
class SqlSessionVersioningTest {
    @TempDir
    Path dir;
    Workspace ws;
    SqlSession s;
    Database db;
    String firstCommit;

    @BeforeEach
    void open() throws Exception {
        ws = SqlTestSupport.singleDatabase(dir);
        s = new SqlSession(ws);
        db = s.requireRepo().db();
        s.execute("CREATE TABLE t (pk INT PRIMARY KEY, v VARCHAR(10)); INSERT INTO t VALUES (1, 'one')");
        firstCommit = commit("first").toString();
        s.execute("INSERT INTO t VALUES (2, 'two')");
        commit("second");
        db.createTag("v1", "HEAD~1", "main", SqlTestSupport.META);
        db.createBranch("old", "HEAD~1", "main", false);
        s.execute("INSERT INTO t VALUES (3, 'three')");
    }

    private dev.cairn.chunkstore.Hash commit(String msg) throws Exception {
        return db.branch("main").commit(new Branch.CommitRequest(SqlTestSupport.META.withMessage(msg), false,
                Branch.Staging.ALL)).address();
    }

    @AfterEach
    void close() throws Exception {
        ws.close();
    }

    @Test
    void asOfBranchTagHashAndHashof() throws Exception {
        assertThat(scalar(s, "SELECT COUNT(*) FROM t")).isEqualTo(3L);
        assertThat(scalar(s, "SELECT COUNT(*) FROM t AS OF 'main'")).isEqualTo(2L);
        assertThat(scalar(s, "SELECT COUNT(*) FROM t AS OF 'old'")).isEqualTo(1L);
        assertThat(scalar(s, "SELECT COUNT(*) FROM t AS OF 'v1'")).isEqualTo(1L);
        assertThat(scalar(s, "SELECT COUNT(*) FROM t AS OF '" + firstCommit + "'")).isEqualTo(1L);
        assertThat(scalar(s, "SELECT COUNT(*) FROM t AS OF hashof('main~1')")).isEqualTo(1L);
        assertThat(scalar(s, "SELECT hashof('main~1')")).isEqualTo(firstCommit);
        assertThat(rows(s, "SELECT t.v FROM t AS OF 'main' WHERE t.pk = 2")).containsExactly(List.of("two"));
        assertThat(rows(s, "SELECT a.v, b.v FROM t AS OF 'main' a JOIN t b ON a.pk = b.pk WHERE b.pk = 2"))
                .containsExactly(List.of("two", "two"));
    }

    @Test
    void showTablesAsOf() throws Exception {
        s.execute("CREATE TABLE later (x INT PRIMARY KEY)");
        assertThat(rows(s, "SHOW TABLES")).containsExactly(List.of("later"), List.of("t"));
        assertThat(rows(s, "show tables as of hashof('main')")).containsExactly(List.of("t"));
        assertThat(rows(s, "SHOW TABLES AS OF 'v1'")).containsExactly(List.of("t"));
    }

    @Test
    void badRefIsAClearError() {
        assertThatThrownBy(() -> s.execute("SELECT * FROM t AS OF 'nope'")).isInstanceOf(SqlException.class);
    }

    @Test
    void statementsOutsideTransactionsAreDurable() throws Exception {
        s.execute("UPDATE t SET v = 'uno' WHERE pk = 1");
        ws.close();
        try (Workspace again = Workspace.open(ws.root())) {
            SqlSession fresh = new SqlSession(again);
            assertThat(scalar(fresh, "SELECT v FROM t WHERE pk = 1")).isEqualTo("uno");
        }
    }

    @Test
    void transactionsBufferUntilCommit() throws Exception {
        SqlSession other = new SqlSession(ws);
        s.execute("BEGIN; INSERT INTO t VALUES (10, 'ten')");
        assertThat(scalar(s, "SELECT COUNT(*) FROM t")).isEqualTo(4L);
        assertThat(scalar(other, "SELECT COUNT(*) FROM t")).isEqualTo(3L);
        s.execute("ROLLBACK");
        assertThat(scalar(s, "SELECT COUNT(*) FROM t")).isEqualTo(3L);
        s.execute("START TRANSACTION; DELETE FROM t WHERE pk = 3");
        assertThat(scalar(other, "SELECT COUNT(*) FROM t")).isEqualTo(3L);
        s.execute("COMMIT");
        assertThat(scalar(other, "SELECT COUNT(*) FROM t")).isEqualTo(2L);
        assertThat(s.inTransaction()).isFalse();
    }

    @Test
    void autocommitOffOpensATransaction() throws Exception {
        SqlSession other = new SqlSession(ws);
        s.execute("SET autocommit = 0; INSERT INTO t VALUES (11, 'x')");
        assertThat(scalar(other, "SELECT COUNT(*) FROM t")).isEqualTo(3L);
        s.execute("COMMIT");
        assertThat(scalar(other, "SELECT COUNT(*) FROM t")).isEqualTo(4L);
    }

    @Test
    void pointAndRangeReadsUseTheKey() throws Exception {
        StringBuilder sb = new StringBuilder("INSERT INTO t VALUES ");
        for (int i = 100; i < 5100; i++) {
            sb.append(i == 100 ? "" : ",").append('(').append(i).append(",'r").append(i).append("')");
        }
        s.execute(sb.toString());
        long before = s.rowsVisited();
        assertThat(scalar(s, "SELECT v FROM t WHERE pk = 4000")).isEqualTo("r4000");
        assertThat(s.rowsVisited() - before).isEqualTo(1);
        before = s.rowsVisited();
        assertThat(rows(s, "SELECT pk FROM t WHERE pk IN (200, 300, 99999)")).hasSize(2);
        assertThat(s.rowsVisited() - before).isEqualTo(3);
        before = s.rowsVisited();
        assertThat(scalar(s, "SELECT COUNT(*) FROM t WHERE pk BETWEEN 1000 AND 1009")).isEqualTo(10L);
        assertThat(s.rowsVisited() - before).isEqualTo(10);
        before = s.rowsVisited();
        assertThat(scalar(s, "SELECT COUNT(*) FROM t WHERE pk > 5090 AND v LIKE 'r%'")).isEqualTo(9L);
        assertThat(s.rowsVisited() - before).isEqualTo(9);
        before = s.rowsVisited();
        assertThat(scalar(s, "SELECT COUNT(*) FROM t WHERE 150 >= pk")).isEqualTo(54L);
        assertThat(s.rowsVisited() - before).isEqualTo(54);
        before = s.rowsVisited();
        s.execute("UPDATE t SET v = 'changed' WHERE pk = 2000");
        s.execute("DELETE FROM t WHERE pk = 2001");
        assertThat(s.rowsVisited() - before).isEqualTo(2);
        before = s.rowsVisited();
        assertThat(scalar(s, "SELECT COUNT(*) FROM t WHERE v = 'changed'")).isEqualTo(1L);
        assertThat(s.rowsVisited() - before).isGreaterThan(5000);
    }

    @Test
    void compositeKeyPrefixLookup() throws Exception {
        s.execute("CREATE TABLE c (a INT, b VARCHAR(5), n INT, PRIMARY KEY (a, b));"
                + "INSERT INTO c VALUES (1,'x',1),(1,'y',2),(2,'x',3),(3,'z',4)");
        long before = s.rowsVisited();
        assertThat(rows(s, "SELECT n FROM c WHERE a = 1 ORDER BY n")).containsExactly(List.of(1L), List.of(2L));
        assertThat(s.rowsVisited() - before).isEqualTo(2);
        before = s.rowsVisited();
        assertThat(rows(s, "SELECT n FROM c WHERE a = 2 AND b = 'x'")).containsExactly(List.of(3L));
        assertThat(s.rowsVisited() - before).isEqualTo(1);
    }

    @Test
    void multiDatabaseWorkspace() throws Exception {
        try (Workspace multi = Workspace.open(dir.resolve("multi"))) {
            java.nio.file.Files.createDirectories(multi.root());
            SqlSession m = new SqlSession(multi);
            assertThatThrownBy(() -> m.execute("SELECT * FROM t")).hasMessage("No database selected")
                    .satisfies(e -> assertThat(((SqlException) e).errorCode()).isEqualTo(1046));
            m.execute("CREATE DATABASE alpha; CREATE DATABASE beta");
            assertThat(rows(m, "SHOW DATABASES")).containsExactly(List.of("alpha"), List.of("beta"));
            assertThat(Repo.isRepo(multi.root().resolve("alpha"))).isTrue();
            m.execute("USE alpha; CREATE TABLE a (x INT PRIMARY KEY); INSERT INTO a VALUES (1)");
            m.execute("USE beta; CREATE TABLE b (y INT PRIMARY KEY); INSERT INTO b VALUES (2), (3)");
            assertThat(scalar(m, "SELECT COUNT(*) FROM b")).isEqualTo(2L);
            assertThat(scalar(m, "SELECT x FROM alpha.a")).isEqualTo(1L);
            assertThatThrownBy(() -> m.execute("SELECT * FROM a")).hasMessage("Table 'beta.a' doesn't exist");
            m.execute("USE alpha");
            assertThat(scalar(m, "SELECT database()")).isEqualTo("alpha");
            assertThatThrownBy(() -> m.execute("CREATE DATABASE alpha"))
                    .satisfies(e -> assertThat(((SqlException) e).errorCode()).isEqualTo(1007));
            m.execute("DROP DATABASE alpha");
            assertThat(m.currentDatabase()).isNull();
            assertThat(rows(m, "SHOW DATABASES")).containsExactly(List.of("beta"));
            assertThatThrownBy(() -> m.execute("USE alpha")).hasMessage("Unknown database 'alpha'");
            assertThatThrownBy(() -> m.execute("DROP DATABASE alpha"))
                    .satisfies(e -> assertThat(((SqlException) e).errorCode()).isEqualTo(1008));
        }
    }
}
