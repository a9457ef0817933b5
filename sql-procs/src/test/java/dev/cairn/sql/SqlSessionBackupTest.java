package dev.cairn.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.repo.Config;
import dev.cairn.repo.Workspace;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code CALL dolt_backup(...)} through the SQL session, as {@code cairn sql -q} runs it. */
class SqlSessionBackupTest {
    @TempDir
    Path dir;
    @TempDir
    Path other;

    @Test
    void uncommittedRowsSurviveSyncAndRestoreIntoAFreshSession() throws IOException {
        String url = "file://" + other.resolve("bk");
        try (Workspace ws = Workspace.open(dir)) {
            ws.create("src", "main", SqlTestSupport.META).config().set(Config.Scope.LOCAL, Config.USER_NAME, "Sam");
            ws.database("src").config().set(Config.Scope.LOCAL, Config.USER_EMAIL, "sam@example.com");
            SqlSession s = new SqlSession(ws);
            s.execute("USE src");
            s.execute("CREATE TABLE t (pk INT PRIMARY KEY, v INT)");
            s.execute("INSERT INTO t VALUES (1, 10), (2, 20)");
            s.execute("CALL dolt_commit('-Am', 'two rows')");
            s.execute("INSERT INTO t VALUES (3, 30)");
            assertThat(SqlTestSupport.scalar(s, "CALL dolt_backup('add', 'bk', '" + url + "')")).isEqualTo(0L);
            assertThat(SqlTestSupport.scalar(s, "CALL dolt_backup('sync', 'bk')")).isEqualTo(0L);
        }
        Path fresh = dir.resolve("fresh");
        try (Workspace ws = Workspace.open(fresh)) {
            SqlSession s = new SqlSession(ws);
            assertThat(SqlTestSupport.scalar(s, "CALL dolt_backup('restore', '" + url + "', 'copy')")).isEqualTo(0L);
            s.execute("USE copy");
            assertThat(SqlTestSupport.rows(s, "SELECT pk, v FROM t ORDER BY pk"))
                    .containsExactly(List.of(1L, 10L), List.of(2L, 20L), List.of(3L, 30L));
            assertThatThrownBy(() -> s.execute("CALL dolt_backup('restore', '" + url + "', 'copy')"))
                    .isInstanceOf(SqlException.class)
                    .hasMessage("database 'copy' already exists, use '--force' to overwrite");
            assertThat(SqlTestSupport.scalar(s, "CALL dolt_backup('restore', '--force', '" + url + "', 'copy')"))
                    .isEqualTo(0L);
            assertThat(SqlTestSupport.scalar(s, "SELECT count(*) FROM t")).isEqualTo(3L);
        }
    }
}
