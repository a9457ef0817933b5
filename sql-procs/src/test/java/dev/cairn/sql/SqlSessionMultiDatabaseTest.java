package dev.cairn.sql;

import static dev.cairn.sql.SqlTestSupport.rows;
import static dev.cairn.sql.SqlTestSupport.scalar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.repo.Config;
import dev.cairn.repo.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A directory of databases: procedures act on the database chosen with {@code USE}, need one
 * unless they create databases, and writes to {@code otherdb.t} land in {@code otherdb}.
 */
class SqlSessionMultiDatabaseTest {
    @TempDir
    Path dir;
    Workspace ws;
    SqlSession s;

    @BeforeEach
    void open() throws Exception {
        Files.createDirectories(dir.resolve("ws"));
        ws = Workspace.open(dir.resolve("ws"));
        s = new SqlSession(ws);
        s.execute("CREATE DATABASE alpha; CREATE DATABASE beta");
        for (String db : List.of("alpha", "beta")) {
            Config c = ws.database(db).config();
            c.set(Config.Scope.LOCAL, Config.USER_NAME, "Tess Ter");
            c.set(Config.Scope.LOCAL, Config.USER_EMAIL, "tess@example.com");
        }
        s.execute("USE alpha; CREATE TABLE a (x INT PRIMARY KEY); INSERT INTO a VALUES (1)");
        s.execute("USE beta; CREATE TABLE b (y INT PRIMARY KEY, v VARCHAR(5)); INSERT INTO b VALUES (2, 'two')");
        s.execute("CALL dolt_commit('-Am', 'beta first')");
        s.execute("USE alpha");
    }

    @AfterEach
    void close() throws Exception {
        ws.close();
    }

    private static void noDatabase(SqlSession session, String sql) {
        assertThatThrownBy(() -> session.execute(sql)).isInstanceOf(SqlException.class)
                .hasMessage("No database selected")
                .satisfies(e -> assertThat(((SqlException) e).errorCode()).isEqualTo(SqlException.ER_NO_DB));
    }

    @Test
    void proceduresRunAgainstTheDatabaseInUse() throws Exception {
        String alphaHead = (String) scalar(s, "CALL dolt_commit('-Am', 'alpha first')");
        s.execute("CALL dolt_branch('fa')");
        assertThat(rows(s, "SELECT name FROM dolt_branches ORDER BY name")).containsExactly(List.of("fa"), List.of("main"));
        assertThat(rows(s, "SELECT message FROM dolt_log LIMIT 1")).containsExactly(List.of("alpha first"));
        s.execute("USE beta");
        assertThat(rows(s, "SELECT name FROM dolt_branches")).containsExactly(List.of("main"));
        assertThat(rows(s, "SELECT message FROM dolt_log LIMIT 1")).containsExactly(List.of("beta first"));
        assertThat(scalar(s, "SELECT hashof('main')")).isNotEqualTo(alphaHead);
        s.execute("CALL dolt_checkout('-b', 'fb')");
        assertThat(scalar(s, "SELECT active_branch()")).isEqualTo("fb");
        assertThat(scalar(s, "SELECT database()")).isEqualTo("beta");
        assertThat(ws.database("alpha").db().hasBranch("fb")).isFalse();
    }

    @Test
    void useReturnsToTheBranchTheSessionCheckedOut() throws Exception {
        s.execute("CALL dolt_commit('-Am', 'alpha first'); CALL dolt_checkout('-b', 'fa')");
        s.execute("USE beta; USE alpha");
        assertThat(scalar(s, "SELECT active_branch()")).isEqualTo("fa");
        s.execute("INSERT INTO a VALUES (5)");
        assertThat(rows(s, "SELECT COUNT(*) FROM a AS OF 'main'")).containsExactly(List.of(1L));
        assertThat(ws.database("alpha").db().branch("fa").working().table("a").rows().count()).isEqualTo(2);
        assertThat(ws.database("alpha").db().branch("main").working().table("a").rows().count()).isEqualTo(1);
        assertThat(scalar(new SqlSession(ws), "USE alpha; SELECT active_branch()")).isEqualTo("main");
    }

    @Test
    void proceduresNeedADatabaseUnlessTheyMakeOne() throws Exception {
        SqlSession fresh = new SqlSession(ws);
        String missing = "file://" + dir.resolve("no-backup-here").toAbsolutePath();
        for (String call : List.of("CALL dolt_add('.')", "CALL dolt_commit('-m', 'x', '--allow-empty')",
                "CALL dolt_reset('--hard')", "CALL dolt_branch('x')", "CALL dolt_checkout('main')",
                "CALL dolt_merge('main')", "CALL dolt_tag('v1')", "CALL dolt_gc()",
                "CALL dolt_backup('add', 'bk', '" + missing + "')", "CALL dolt_backup('sync', 'bk')",
                "CALL dolt_remote('add', 'origin', '" + missing + "-o')", "CALL dolt_push('origin', 'main')",
                "SELECT * FROM dolt_log", "SELECT count(1) FROM dolt_log()", "SELECT * FROM dolt_backups")) {
            noDatabase(fresh, call);
        }
        assertThatThrownBy(() -> fresh.execute("CALL dolt_backup('restore', '" + missing + "', 'alpha')"))
                .hasMessage("database 'alpha' already exists, use '--force' to overwrite");
        assertThatThrownBy(() -> fresh.execute("CALL dolt_backup('restore', '" + missing + "', 'gamma')"))
                .hasMessageContaining("has no database");
        assertThatThrownBy(() -> fresh.execute("CALL dolt_clone('" + missing + "', 'gamma')"))
                .hasMessageContaining("has no database");
        assertThatThrownBy(() -> fresh.execute("CALL dolt_backup()"))
                .hasMessage("use 'dolt_backups' table to list backups");
    }

    @Test
    void writesToAnotherDatabaseLandThere() throws Exception {
        s.execute("INSERT INTO beta.b VALUES (3, 'three')");
        s.execute("UPDATE beta.b SET v = 'TWO' WHERE y = 2");
        s.execute("INSERT INTO beta.b VALUES (4, 'four'); DELETE FROM beta.b WHERE y = 4");
        assertThat(rows(s, "SELECT y, v FROM beta.b ORDER BY y"))
                .containsExactly(List.of(2L, "TWO"), List.of(3L, "three"));
        assertThat(rows(s, "SHOW TABLES")).containsExactly(List.of("a"));
        assertThat(rows(s, "SELECT x FROM a")).containsExactly(List.of(1L));
        s.execute("USE beta");
        assertThat(rows(s, "SELECT y, v FROM b ORDER BY y")).containsExactly(List.of(2L, "TWO"), List.of(3L, "three"));
        assertThat(rows(s, "SELECT table_name, staged FROM dolt_status")).containsExactly(List.of("b", false));
    }

    @Test
    void writesToAnotherDatabaseGoToItsCheckedOutBranch() throws Exception {
        s.execute("USE beta; CALL dolt_branch('side')");
        ws.database("beta").updateState(st -> st.withCurrentBranch("side"));
        s.execute("USE alpha; INSERT INTO beta.b VALUES (5, 'five')");
        assertThat(rows(s, "SELECT y FROM beta.b ORDER BY y")).containsExactly(List.of(2L), List.of(5L));
        assertThat(ws.database("beta").db().branch("main").working().table("b").rows().count()).isEqualTo(1);
        assertThat(ws.database("beta").db().branch("side").working().table("b").rows().count()).isEqualTo(2);
    }

    @Test
    void schemaChangesToAnotherDatabaseLandThere() throws Exception {
        s.execute("CREATE TABLE beta.c (z INT PRIMARY KEY); ALTER TABLE beta.c ADD COLUMN w INT");
        s.execute("INSERT INTO beta.c VALUES (1, 10); RENAME TABLE beta.c TO beta.d");
        assertThat(rows(s, "SHOW TABLES")).containsExactly(List.of("a"));
        assertThat(rows(s, "SELECT z, w FROM beta.d")).containsExactly(List.of(1L, 10L));
        assertThatThrownBy(() -> s.execute("RENAME TABLE beta.d TO alpha.d")).isInstanceOf(SqlException.class)
                .hasMessageContaining("RENAME TABLE across databases");
        s.execute("DROP TABLE beta.d");
        assertThatThrownBy(() -> s.execute("DROP TABLE beta.d")).hasMessage("Unknown table 'beta.d'");
        s.execute("USE beta");
        assertThat(rows(s, "SHOW TABLES")).containsExactly(List.of("b"));
    }

    @Test
    void qualifiedWritesNeedNoCurrentDatabase() throws Exception {
        SqlSession fresh = new SqlSession(ws);
        fresh.execute("INSERT INTO beta.b VALUES (8, 'eight'); UPDATE beta.b SET v = 'ate' WHERE y = 8");
        assertThat(rows(fresh, "SELECT v FROM beta.b WHERE y = 8")).containsExactly(List.of("ate"));
        noDatabase(fresh, "INSERT INTO b VALUES (9, 'nine')");
        noDatabase(fresh, "CREATE TABLE c (z INT PRIMARY KEY)");
    }

    @Test
    void writingAnUnknownDatabaseOrTableIsAClearError() {
        assertThatThrownBy(() -> s.execute("INSERT INTO nope.b VALUES (1, 'x')")).isInstanceOf(SqlException.class)
                .hasMessage("Unknown database 'nope'");
        assertThatThrownBy(() -> s.execute("INSERT INTO beta.a VALUES (1)")).isInstanceOf(SqlException.class)
                .hasMessage("Table 'beta.a' doesn't exist");
        assertThatThrownBy(() -> s.execute("DELETE FROM beta.a")).isInstanceOf(SqlException.class)
                .hasMessage("Table 'beta.a' doesn't exist");
    }

    @Test
    void aTransactionThatWritesAnotherDatabase() throws Exception {
        s.execute("BEGIN; INSERT INTO a VALUES (2)");
        assertThatThrownBy(() -> s.execute("INSERT INTO beta.b VALUES (6, 'six')")).isInstanceOf(SqlException.class)
                .hasMessageContaining("beta");
        s.execute("COMMIT");
        assertThat(rows(s, "SELECT y FROM beta.b")).containsExactly(List.of(2L));
        assertThat(rows(s, "SELECT x FROM a ORDER BY x")).containsExactly(List.of(1L), List.of(2L));
    }

    @Test
    void qualifiedWritesToTheCurrentDatabaseUseItsBranch() throws Exception {
        s.execute("CALL dolt_commit('-Am', 'alpha first'); CALL dolt_checkout('-b', 'fa')");
        s.execute("INSERT INTO alpha.a VALUES (7)");
        assertThat(rows(s, "SELECT x FROM a ORDER BY x")).containsExactly(List.of(1L), List.of(7L));
        s.execute("CALL dolt_checkout('main')");
        assertThat(rows(s, "SELECT x FROM a")).containsExactly(List.of(1L));
    }
}
