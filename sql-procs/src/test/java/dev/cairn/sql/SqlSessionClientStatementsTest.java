package dev.cairn.sql;

import static dev.cairn.sql.SqlTestSupport.rows;
import static dev.cairn.sql.SqlTestSupport.scalar;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.repo.Workspace;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The statements MySQL clients and drivers send on connect, answered as MySQL would. */
class SqlSessionClientStatementsTest {
    @TempDir
    Path dir;
    Workspace ws;
    SqlSession s;

    @BeforeEach
    void open() throws Exception {
        ws = SqlTestSupport.singleDatabase(dir);
        s = new SqlSession(ws);
    }

    @AfterEach
    void close() throws Exception {
        ws.close();
    }

    @Test
    void showVariablesFiltersByLikeAndByName() throws Exception {
        assertThat(rows(s, "SHOW VARIABLES LIKE 'max\\_allowed%'")).containsExactly(List.of("max_allowed_packet", "67108864"));
        assertThat(rows(s, "SHOW SESSION VARIABLES WHERE Variable_name = 'version' OR Variable_name IN ('autocommit')"))
                .containsExactly(List.of("autocommit", "1"), List.of("version", "8.0.33-cairn"));
        assertThat(rows(s, "SHOW GLOBAL VARIABLES").size()).isGreaterThan(30);
    }

    @Test
    void warningsCollationsCharsetsAndEngines() throws Exception {
        assertThat(rows(s, "SHOW WARNINGS")).isEmpty();
        assertThat(rows(s, "SHOW COUNT(*) WARNINGS")).containsExactly(List.of(0L));
        assertThat(rows(s, "SHOW COLLATION LIKE 'utf8mb4_0900_ai_ci'")).hasSize(1);
        assertThat(rows(s, "SHOW CHARACTER SET")).extracting(r -> r.get(0)).containsExactly("binary", "utf8mb4");
        assertThat(rows(s, "SHOW ENGINES")).hasSize(1);
        assertThat(rows(s, "SHOW STATUS LIKE 'Uptime'")).isEmpty();
    }

    @Test
    void driverSettingsAreAccepted() throws Exception {
        s.execute("SET NAMES utf8mb4 COLLATE utf8mb4_0900_ai_ci");
        s.execute("SET character_set_results = NULL");
        s.execute("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
        s.execute("SET autocommit=1, sql_mode = concat(@@sql_mode, ',STRICT_TRANS_TABLES')");
        assertThat(scalar(s, "SELECT 1 FROM DUAL")).isEqualTo(1L);
        assertThat(scalar(s, "select @@version_comment limit 1")).isEqualTo("Cairn");
        assertThat(scalar(s, "SELECT @@version")).isEqualTo("8.0.33-cairn");
    }

    @Test
    void userAndConnectionIdComeFromTheClient() throws Exception {
        assertThat(scalar(s, "SELECT USER()")).isEqualTo("root@%");
        s.identifyClient("app", "localhost", 42);
        assertThat(rows(s, "SELECT CURRENT_USER(), CONNECTION_ID(), @@pseudo_thread_id"))
                .containsExactly(List.of("app@localhost", 42L, 42L));
    }
}
