package dev.cairn.sql.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.sql.SqlException;
import dev.cairn.sql.TestSession;
import dev.cairn.sql.TestSession.Rows;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemTablesTest {
    private static final LocalDateTime NOW = LocalDateTime.of(2024, 1, 2, 3, 4, 5);

    @TempDir
    Path dir;
    TestSession s;
    String first;
    String second;

    @BeforeEach
    void setUp() throws IOException {
        s = TestSession.create(dir);
        s.put("t", 1, 10, 2, 20);
        first = (String) s.callValue("hash", "dolt_commit", "-Am", "first");
        s.put("t", 2, 21, 3, 30);
        s.delete("t", 1);
        second = (String) s.callValue("hash", "dolt_commit", "-am", "second");
    }

    @AfterEach
    void tearDown() throws IOException {
        s.close();
    }

    @Test
    void everyTableAndFunctionIsRegistered() throws IOException {
        s.select("dolt_log", null);
        assertThat(SystemTables.names()).contains("dolt_backups", "dolt_branches", "dolt_log",
                "dolt_remote_branches", "dolt_remotes", "dolt_status", "dolt_tags");
        assertThat(SystemTables.table(s, "dolt_nothing", null)).isEmpty();
        assertThat(SystemTables.function(s, "dolt_nothing", List.of())).isEmpty();
    }

    @Test
    void logNewestFirstWithDoltColumns() throws IOException {
        Rows log = s.select("dolt_log", null);
        assertThat(log.columns()).containsExactly("commit_hash", "committer", "email", "date", "message");
        assertThat(log.column("message")).containsExactly("second", "first", "Initialize data repository");
        assertThat(log.column("commit_hash").subList(0, 2)).containsExactly(second, first);
        assertThat(log.rows().get(0)).containsExactly(second, "Tess Ter", "tess@example.com", NOW, "second");
    }

    @Test
    void logAsOfAndTableFunction() throws IOException {
        assertThat(s.select("dolt_log", first).column("message")).containsExactly("first", "Initialize data repository");
        assertThat(s.select("DOLT_LOG", "main~1").rows()).hasSize(2);
        assertThat(s.function("dolt_log").rows()).hasSize(3);
        assertThat(s.function("dolt_log", "HEAD~1").column("commit_hash").get(0)).isEqualTo(first);
        assertThatThrownBy(() -> s.function("dolt_log", "a", "b")).isInstanceOf(SqlException.class)
                .hasMessage("function 'dolt_log' expected 0 or 1 arguments, 2 received");
        assertThatThrownBy(() -> s.function("dolt_log", "nope")).isInstanceOf(SqlException.class)
                .hasMessage("branch not found: nope");
    }

    @Test
    void branchesAndRemoteBranches() throws IOException {
        s.call("dolt_branch", "feature", first);
        Rows b = s.select("dolt_branches", null);
        assertThat(b.columns()).containsExactly("name", "hash", "latest_committer", "latest_committer_email",
                "latest_commit_date", "latest_commit_message");
        assertThat(b.rows()).containsExactly(
                Arrays.asList("feature", first, "Tess Ter", "tess@example.com", NOW, "first"),
                Arrays.asList("main", second, "Tess Ter", "tess@example.com", NOW, "second"));
        var db = s.repo().db();
        db.setRemoteRefs("origin", Map.of("main", db.branchHead("main")));
        Rows r = s.select("dolt_remote_branches", null);
        assertThat(r.columns()).isEqualTo(b.columns());
        assertThat(r.column("name")).containsExactly("remotes/origin/main");
        assertThat(r.column("hash")).containsExactly(second);
    }

    @Test
    void remotesAndBackups() throws IOException {
        s.call("dolt_remote", "add", "origin", "file:///srv/db");
        s.call("dolt_backup", "add", "cloud", "aws://t:b/db", "--aws-region=eu-west-1");
        Rows r = s.select("dolt_remotes", null);
        assertThat(r.columns()).containsExactly("name", "url", "fetch_specs", "params");
        assertThat(r.rows()).containsExactly(
                Arrays.asList("origin", "file:///srv/db", "[\"refs/heads/*:refs/remotes/origin/*\"]", "{}"));
        Rows b = s.select("dolt_backups", null);
        assertThat(b.columns()).containsExactly("name", "url", "params");
        assertThat(b.rows()).containsExactly(Arrays.asList("cloud", "aws://t:b/db", "{\"aws-region\":\"eu-west-1\"}"));
    }

    @Test
    void status() throws IOException {
        assertThat(s.select("dolt_status", null).rows()).isEmpty();
        s.put("t", 9, 9);
        s.put("staged_new", 1, 1);
        s.put("untracked", 1, 1);
        s.call("dolt_add", "staged_new");
        Rows st = s.select("dolt_status", null);
        assertThat(st.columns()).containsExactly("table_name", "staged", "status");
        assertThat(st.rows()).containsExactly(
                Arrays.asList("staged_new", true, "new table"),
                Arrays.asList("t", false, "modified"),
                Arrays.asList("untracked", false, "new table"));
    }

    @Test
    void tags() throws IOException {
        s.call("dolt_tag", "v1", first, "-m", "release one");
        Rows t = s.select("dolt_tags", null);
        assertThat(t.columns()).containsExactly("tag_name", "tag_hash", "tagger", "email", "date", "message");
        assertThat(t.rows()).containsExactly(Arrays.asList("v1", first, "Tess Ter", "tess@example.com", NOW,
                "release one"));
    }

    @Test
    void diffTableWorkingAndHistory() throws IOException {
        s.put("t", 4, 40);
        Rows d = s.select("dolt_diff_t", null);
        assertThat(d.columns()).containsExactly("to_pk", "to_c1", "to_commit", "to_commit_date",
                "from_pk", "from_c1", "from_commit", "from_commit_date", "diff_type");
        assertThat(d.rows().subList(0, 4)).containsExactly(
                Arrays.asList(4L, 40L, "WORKING", null, null, null, second, NOW, "added"),
                Arrays.asList(null, null, second, NOW, 1L, 10L, first, NOW, "removed"),
                Arrays.asList(2L, 21L, second, NOW, 2L, 20L, first, NOW, "modified"),
                Arrays.asList(3L, 30L, second, NOW, null, null, first, NOW, "added"));
        assertThat(d.column("diff_type").subList(4, 6)).containsExactly("added", "added");
        assertThat(d.rows()).hasSize(6);
    }

    @Test
    void diffTableAsOfStartsThereWithoutWorkingRows() throws IOException {
        s.put("t", 4, 40);
        Rows d = s.select("dolt_diff_t", first);
        assertThat(d.column("to_commit")).containsOnly(first);
        assertThat(d.column("to_pk")).containsExactly(1L, 2L);
        assertThatThrownBy(() -> s.select("dolt_diff_nope", null)).isInstanceOf(SqlException.class)
                .hasMessage("table not found: dolt_diff_nope");
    }

    @Test
    void diffFunctionBetweenRevisions() throws IOException {
        Rows d = s.function("dolt_diff", first, second, "t");
        assertThat(d.columns()).containsExactly("to_pk", "to_c1", "to_commit", "to_commit_date",
                "from_pk", "from_c1", "from_commit", "from_commit_date", "diff_type");
        assertThat(d.rows()).containsExactly(
                Arrays.asList(null, null, second, NOW, 1L, 10L, first, NOW, "removed"),
                Arrays.asList(2L, 21L, second, NOW, 2L, 20L, first, NOW, "modified"),
                Arrays.asList(3L, 30L, second, NOW, null, null, first, NOW, "added"));
        s.put("t", 3, 33);
        Rows w = s.function("dolt_diff", "HEAD", "WORKING", "t");
        assertThat(w.rows()).containsExactly(Arrays.asList(3L, 33L, "WORKING", null, 3L, 30L, "HEAD", NOW, "modified"));
        assertThat(s.function("dolt_diff", "HEAD~1..HEAD", "t").rows()).hasSize(3);
        assertThat(s.function("dolt_diff", "HEAD~1...HEAD", "t").rows()).hasSize(3);
        assertThat(s.function("dolt_diff", "STAGED", "WORKING", "t").rows()).hasSize(1);
    }

    @Test
    void diffFunctionErrors() {
        assertThatThrownBy(() -> s.function("dolt_diff", "HEAD", "t")).isInstanceOf(SqlException.class)
                .hasMessage("function 'dolt_diff' expected 3 arguments, 2 received");
        assertThatThrownBy(() -> s.function("dolt_diff", "HEAD", "WORKING", "nope")).isInstanceOf(SqlException.class)
                .hasMessage("table not found: nope");
        assertThatThrownBy(() -> s.function("dolt_diff", "HEAD", null, "t")).isInstanceOf(SqlException.class)
                .hasMessage("function 'dolt_diff' does not accept NULL");
        assertThatThrownBy(() -> s.function("dolt_diff", "nope", "HEAD", "t")).isInstanceOf(SqlException.class)
                .hasMessage("branch not found: nope");
    }
}
