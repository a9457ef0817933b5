package dev.cairn.sql;

import static dev.cairn.sql.SqlTestSupport.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.repo.Workspace;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two sessions on one branch: a transaction's COMMIT merges with what the other stored meanwhile. */
class SqlSessionConcurrencyTest {
    @TempDir
    Path dir;
    Workspace ws;
    SqlSession a;
    SqlSession b;

    @BeforeEach
    void open() throws Exception {
        ws = SqlTestSupport.singleDatabase(dir);
        a = new SqlSession(ws);
        b = new SqlSession(ws);
        a.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT); INSERT INTO t VALUES (1, 10), (2, 20)");
    }

    @AfterEach
    void close() throws Exception {
        ws.close();
    }

    @Test
    void aCommitKeepsRowsAnotherSessionStoredAfterBegin() throws Exception {
        a.execute("BEGIN; INSERT INTO t VALUES (3, 30); UPDATE t SET v = 11 WHERE id = 1");
        b.execute("INSERT INTO t VALUES (4, 40); UPDATE t SET v = 21 WHERE id = 2");
        a.execute("COMMIT");
        assertThat(rows(b, "SELECT id, v FROM t ORDER BY id")).containsExactly(List.of(1L, 11L), List.of(2L, 21L),
                List.of(3L, 30L), List.of(4L, 40L));
    }

    @Test
    void aCommitThatChangedTheSameRowIsRolledBack() throws Exception {
        a.execute("BEGIN; UPDATE t SET v = 11 WHERE id = 1");
        b.execute("UPDATE t SET v = 12 WHERE id = 1");
        assertThatThrownBy(() -> a.execute("COMMIT")).isInstanceOfSatisfying(SqlException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(1213);
            assertThat(e.sqlState()).isEqualTo("40001");
            assertThat(e.getMessage()).contains("same rows of t");
        });
        assertThat(a.inTransaction()).isFalse();
        assertThat(rows(a, "SELECT v FROM t WHERE id = 1")).containsExactly(List.of(12L));
    }

    @Test
    void turningAutocommitBackOnCommits() throws Exception {
        a.execute("SET autocommit = 0; INSERT INTO t VALUES (3, 30)");
        assertThat(a.inTransaction()).isTrue();
        assertThat(rows(b, "SELECT COUNT(*) FROM t")).containsExactly(List.of(2L));
        a.execute("SET autocommit = 1");
        assertThat(a.inTransaction()).isFalse();
        assertThat(rows(b, "SELECT COUNT(*) FROM t")).containsExactly(List.of(3L));
        a.execute("INSERT INTO t VALUES (4, 40)");
        assertThat(rows(b, "SELECT COUNT(*) FROM t")).containsExactly(List.of(4L));
    }
}
