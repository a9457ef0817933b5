package dev.cairn.sql;

import static dev.cairn.sql.SqlTestSupport.one;
import static dev.cairn.sql.SqlTestSupport.rows;
import static dev.cairn.sql.SqlTestSupport.scalar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.repo.Config;
import dev.cairn.repo.Workspace;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The version-control procedures, system tables and AS OF, typed as a user types them into
 * {@code cairn sql}: everything goes through {@link SqlSession#execute}, so the SQL engine
 * and the procedures are tested together.
 */
class SqlSessionProceduresTest {
    private static final String HASH = "[0-9a-v]{32}";

    @TempDir
    Path dir;
    Workspace ws;
    SqlSession s;

    @BeforeEach
    void open() throws Exception {
        ws = SqlTestSupport.singleDatabase(dir);
        s = new SqlSession(ws);
        Config config = s.requireRepo().config();
        config.set(Config.Scope.LOCAL, Config.USER_NAME, "Tess Ter");
        config.set(Config.Scope.LOCAL, Config.USER_EMAIL, "tess@example.com");
        s.execute("CREATE TABLE t (pk INT PRIMARY KEY, v VARCHAR(10)); INSERT INTO t VALUES (1, 'one')");
    }

    @AfterEach
    void close() throws Exception {
        ws.close();
    }

    private void fails(String sql, String message) {
        assertThatThrownBy(() -> s.execute(sql)).isInstanceOf(SqlException.class).hasMessage(message);
    }

    private String commit(String message) throws IOException {
        return (String) scalar(s, "CALL dolt_commit('-Am', '" + message + "')");
    }

    private long count(String sql) throws IOException {
        return ((Number) scalar(s, sql)).longValue();
    }

    @Test
    void addThenCommitReturnsTheNewHead() throws Exception {
        ResultSet added = one(s, "CALL dolt_add('.')");
        assertThat(added.columns()).extracting(ResultColumn::name).containsExactly("status");
        assertThat(added.rows().get(0)).containsExactly(0L);
        assertThat(rows(s, "SELECT table_name, staged FROM dolt_status")).containsExactly(List.of("t", true));

        ResultSet committed = one(s, "CALL dolt_commit('-m', 'first')");
        assertThat(committed.columns()).extracting(ResultColumn::name).containsExactly("hash");
        String hash = (String) committed.rows().get(0)[0];
        assertThat(hash).matches(HASH).isEqualTo(scalar(s, "SELECT hashof('main')"));
        assertThat(count("SELECT count(1) FROM dolt_log()")).isEqualTo(2);
        assertThat(rows(s, "SELECT commit_hash, committer, message FROM dolt_log LIMIT 1"))
                .containsExactly(List.of(hash, "Tess Ter", "first"));
        assertThat(rows(s, "SELECT * FROM dolt_status")).isEmpty();
    }

    @Test
    void commitDashAmStagesTrackedChangesAndAllowEmptyCommitsNothing() throws Exception {
        commit("first");
        s.execute("UPDATE t SET v = 'uno' WHERE pk = 1");
        String second = (String) scalar(s, "CALL dolt_commit('-am', 'second')");
        assertThat(second).matches(HASH);
        assertThat(scalar(s, "SELECT v FROM t AS OF 'main' WHERE pk = 1")).isEqualTo("uno");
        String empty = (String) scalar(s, "CALL dolt_commit('-m', 'x', '--allow-empty')");
        assertThat(empty).isNotEqualTo(second);
        assertThat(count("SELECT count(1) FROM dolt_log()")).isEqualTo(4);
        assertThat(scalar(s, "SELECT hashof('main~1')")).isEqualTo(second);
        assertThat(scalar(s, "CALL dolt_commit('-m', 'y', '--author', 'Jane Doe <jane@example.com>', '--allow-empty')"))
                .asString().matches(HASH);
        assertThat(rows(s, "SELECT committer, email FROM dolt_log LIMIT 1"))
                .containsExactly(List.of("Jane Doe", "jane@example.com"));
    }

    @Test
    void addAndCommitErrors() throws Exception {
        fails("CALL dolt_add()", "Nothing specified, nothing added. Maybe you wanted to say 'cairn add .'?");
        fails("CALL dolt_commit()", "Must provide commit message.");
        fails("CALL dolt_commit('-m')", "error: Missing required parameter for option '--message' (MSG)");
        fails("CALL dolt_commit('-m', 'x', '--author', 'nobody')",
                "Author not formatted correctly. Use 'Name <author@example.com>' format");
        fails("CALL dolt_nope()", "PROCEDURE dolt_nope does not exist");
        commit("first");
        assertThatThrownBy(() -> s.execute("CALL dolt_commit('-m', 'nothing')")).isInstanceOf(SqlException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("Exception"));
        assertThatThrownBy(() -> s.execute("CALL dolt_add('nope')")).isInstanceOf(SqlException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains("nope").doesNotContain("Exception"));
        assertThatThrownBy(() -> s.execute("CALL dolt_commit('--bogus', '-m', 'x')")).isInstanceOf(SqlException.class)
                .satisfies(e -> assertThat(e.getMessage()).startsWith("error: ").contains("--bogus"));
    }

    @Test
    void resetHardIsSeenByTheNextSelect() throws Exception {
        commit("first");
        s.execute("INSERT INTO t VALUES (2, 'two'); CREATE TABLE u (x INT PRIMARY KEY)");
        assertThat(one(s, "CALL dolt_reset('--hard')").rows().get(0)).containsExactly(0L);
        assertThat(count("SELECT COUNT(*) FROM t")).isEqualTo(1);
        assertThat(rows(s, "SHOW TABLES")).containsExactly(List.of("t"));
        s.execute("BEGIN; INSERT INTO t VALUES (3, 'three')");
        s.execute("CALL dolt_reset('--hard')");
        assertThat(count("SELECT COUNT(*) FROM t")).isEqualTo(1);
        s.execute("COMMIT");
        assertThat(count("SELECT COUNT(*) FROM t")).isEqualTo(1);
    }

    @Test
    void resetUnstagesAndMovesTheBranch() throws Exception {
        String first = commit("first");
        s.execute("INSERT INTO t VALUES (2, 'two')");
        commit("second");
        s.execute("CALL dolt_reset('--hard', 'HEAD~1')");
        assertThat(scalar(s, "SELECT hashof('main')")).isEqualTo(first);
        assertThat(count("SELECT COUNT(*) FROM t")).isEqualTo(1);
        s.execute("INSERT INTO t VALUES (2, 'two'); CALL dolt_add('t'); CALL dolt_reset()");
        assertThat(rows(s, "SELECT table_name, staged FROM dolt_status")).containsExactly(List.of("t", false));
        fails("CALL dolt_reset('--hard', '--soft')", "error: --hard and --soft are mutually exclusive options.");
        fails("CALL dolt_reset('--hard', 'a', 'b')", "--hard supports at most one additional param");
    }

    @Test
    void commitInsideATransactionSeesItsChanges() throws Exception {
        commit("first");
        s.execute("BEGIN; INSERT INTO t VALUES (2, 'two'); UPDATE t SET v = 'uno' WHERE pk = 1");
        String hash = (String) scalar(s, "CALL dolt_commit('-am', 'in tx')");
        assertThat(count("SELECT COUNT(*) FROM t AS OF '" + hash + "'")).isEqualTo(2);
        assertThat(scalar(s, "SELECT v FROM t AS OF 'main' WHERE pk = 1")).isEqualTo("uno");
        s.execute("INSERT INTO t VALUES (3, 'three'); COMMIT");
        assertThat(count("SELECT COUNT(*) FROM t")).isEqualTo(3);
        assertThat(rows(s, "SELECT table_name FROM dolt_status")).containsExactly(List.of("t"));
    }

    @Test
    void systemTablesSeeTheTransactionsChanges() throws Exception {
        commit("first");
        s.execute("BEGIN; INSERT INTO t VALUES (2, 'two')");
        assertThat(rows(s, "SELECT table_name, staged, status FROM dolt_status"))
                .containsExactly(List.of("t", false, "modified"));
        assertThat(rows(s, "SELECT to_pk, diff_type FROM dolt_diff_t WHERE to_commit = 'WORKING'"))
                .containsExactly(List.of(2L, "added"));
        s.execute("ROLLBACK");
        assertThat(rows(s, "SELECT * FROM dolt_status")).isEmpty();
    }

    @Test
    void checkoutMovesReadsAndWritesToTheBranch() throws Exception {
        commit("first");
        assertThat(one(s, "CALL dolt_branch('feature')").rows().get(0)).containsExactly(0L);
        assertThat(one(s, "CALL dolt_checkout('feature')").rows().get(0))
                .containsExactly(0L, "Switched to branch 'feature'");
        assertThat(scalar(s, "SELECT active_branch()")).isEqualTo("feature");
        s.execute("INSERT INTO t VALUES (2, 'feat')");
        assertThat(count("SELECT COUNT(*) FROM t")).isEqualTo(2);
        String featureHead = commit("on feature");
        assertThat(scalar(s, "SELECT hashof('feature')")).isEqualTo(featureHead);
        assertThat(scalar(s, "SELECT hashof('main')")).isNotEqualTo(featureHead);

        s.execute("CALL dolt_checkout('main')");
        assertThat(scalar(s, "SELECT active_branch()")).isEqualTo("main");
        assertThat(count("SELECT COUNT(*) FROM t")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM t AS OF 'feature'")).isEqualTo(2);

        s.execute("CALL dolt_checkout('-b', 'x')");
        assertThat(scalar(s, "SELECT active_branch()")).isEqualTo("x");
        assertThat(rows(s, "SELECT name FROM dolt_branches ORDER BY name"))
                .containsExactly(List.of("feature"), List.of("main"), List.of("x"));
    }

    @Test
    void checkoutInsideATransactionWritesToTheNewBranch() throws Exception {
        commit("first");
        s.execute("CALL dolt_branch('feature')");
        s.execute("BEGIN; INSERT INTO t VALUES (2, 'main')");
        s.execute("CALL dolt_checkout('feature')");
        s.execute("INSERT INTO t VALUES (3, 'feature'); COMMIT");
        assertThat(rows(s, "SELECT pk FROM t ORDER BY pk")).containsExactly(List.of(1L), List.of(3L));
        s.execute("CALL dolt_checkout('main')");
        assertThat(rows(s, "SELECT pk FROM t ORDER BY pk")).containsExactly(List.of(1L), List.of(2L));
    }

    @Test
    void branchAndCheckoutErrors() throws Exception {
        commit("first");
        s.execute("CALL dolt_branch('feature')");
        fails("CALL dolt_branch()", "error: invalid usage");
        fails("CALL dolt_branch('')", "error: cannot branch empty string");
        fails("CALL dolt_checkout()", "error: invalid usage");
        fails("CALL dolt_checkout('nope')", "error: could not find nope");
        assertThatThrownBy(() -> s.execute("CALL dolt_branch('feature')")).isInstanceOf(SqlException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains("feature").doesNotContain("Exception"));
        assertThatThrownBy(() -> s.execute("CALL dolt_branch('-d', 'main')")).isInstanceOf(SqlException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains("main").doesNotContain("Exception"));
        s.execute("CALL dolt_branch('-d', 'feature')");
        assertThat(rows(s, "SELECT name FROM dolt_branches")).containsExactly(List.of("main"));
    }

    @Test
    void mergeFastForwardThreeWayAndConflict() throws Exception {
        commit("first");
        s.execute("CALL dolt_checkout('-b', 'feature'); INSERT INTO t VALUES (2, 'two')");
        String feature = commit("feature");
        s.execute("CALL dolt_checkout('main')");
        ResultSet ff = one(s, "CALL dolt_merge('feature')");
        assertThat(ff.columns()).extracting(ResultColumn::name)
                .containsExactly("hash", "fast_forward", "conflicts", "message");
        assertThat(ff.rows().get(0)).containsExactly(feature, 1L, 0L, "merge successful");
        assertThat(count("SELECT COUNT(*) FROM t")).isEqualTo(2);

        s.execute("CALL dolt_checkout('feature'); INSERT INTO t VALUES (3, 'three')");
        commit("feature 3");
        s.execute("CALL dolt_checkout('main'); INSERT INTO t VALUES (4, 'four')");
        commit("main 4");
        ResultSet merged = one(s, "CALL dolt_merge('feature')");
        assertThat(merged.rows().get(0)[1]).isEqualTo(0L);
        assertThat(merged.rows().get(0)[0]).isEqualTo(scalar(s, "SELECT hashof('main')"));
        assertThat(rows(s, "SELECT pk FROM t ORDER BY pk"))
                .containsExactly(List.of(1L), List.of(2L), List.of(3L), List.of(4L));
        assertThat(one(s, "CALL dolt_merge('feature')").rows().get(0)[3]).isEqualTo("Everything up-to-date");

        s.execute("CALL dolt_checkout('feature'); UPDATE t SET v = 'f' WHERE pk = 1");
        commit("feature edits 1");
        s.execute("CALL dolt_checkout('main'); UPDATE t SET v = 'm' WHERE pk = 1");
        String mainHead = commit("main edits 1");
        assertThatThrownBy(() -> s.execute("CALL dolt_merge('feature')")).isInstanceOf(SqlException.class)
                .hasMessageStartingWith("Merge conflict detected, transaction rolled back. Conflicts in t (1 row)");
        assertThat(scalar(s, "SELECT hashof('main')")).isEqualTo(mainHead);
        assertThat(scalar(s, "SELECT v FROM t WHERE pk = 1")).isEqualTo("m");
        fails("CALL dolt_merge()", "error: Please specify a branch to merge");
        assertThatThrownBy(() -> s.execute("CALL dolt_merge('nope')")).isInstanceOf(SqlException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains("nope").doesNotContain("Exception"));
    }

    @Test
    void tagsAndGc() throws Exception {
        String first = commit("first");
        assertThat(one(s, "CALL dolt_tag('v1', '-m', 'release')").rows().get(0)).containsExactly(0L);
        s.execute("INSERT INTO t VALUES (2, 'two')");
        commit("second");
        assertThat(rows(s, "SELECT tag_name, tag_hash, message FROM dolt_tags"))
                .containsExactly(List.of("v1", first, "release"));
        assertThat(count("SELECT COUNT(*) FROM t AS OF 'v1'")).isEqualTo(1);
        fails("CALL dolt_tag()", "error: tag name not provided");
        fails("CALL dolt_tag('a', 'b', 'c')", "error: invalid usage");
        s.execute("CALL dolt_tag('-d', 'v1')");
        assertThat(rows(s, "SELECT * FROM dolt_tags")).isEmpty();

        s.execute("INSERT INTO t VALUES (3, 'three')");
        assertThat(one(s, "CALL dolt_gc()").rows().get(0)).containsExactly(0L);
        assertThat(count("SELECT COUNT(*) FROM t")).isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM t AS OF '" + first + "'")).isEqualTo(1);
        assertThat(count("SELECT count(1) FROM dolt_log()")).isEqualTo(3);
    }

    @Test
    void backupConfigurationMessagesAndListing() throws Exception {
        String url = dir.resolve("bk").toUri().toString().replace("file:/", "file:///").replace("file:////", "file:///");
        assertThat(one(s, "CALL dolt_backup('add', 'bk', '" + url + "')").rows().get(0)).containsExactly(0L);
        List<List<Object>> listed = rows(s, "SELECT * FROM dolt_backups");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get(0)).isEqualTo("bk");
        assertThat((String) listed.get(0).get(1)).startsWith("file:///").endsWith("/bk");
        fails("CALL dolt_backup('add', 'bk', 'file:///elsewhere')", "backup 'bk' already exists");
        fails("CALL dolt_backup('add', 'b.k', 'file:///elsewhere')", "backup name 'b.k' is invalid");
        fails("CALL dolt_backup('add', 'b k', 'file:///elsewhere')", "backup name 'b k' is invalid");
        fails("CALL dolt_backup('add', 'other', '')", "backup URL '' is invalid");
        fails("CALL dolt_backup('add', 'other', '" + url + "')", "address conflict with a remote: 'bk'");
        fails("CALL dolt_remote('add', 'origin', '" + url + "')", "address conflict with a remote: 'bk'");
        fails("CALL dolt_backup('sync', 'nope')", "backup 'nope' not found");
        assertThat(one(s, "CALL dolt_backup('sync', 'bk')").rows().get(0)).containsExactly(0L);
        assertThat(dir.resolve("bk").resolve("manifest")).exists();
        fails("CALL dolt_backup()", "use 'dolt_backups' table to list backups");
        fails("CALL dolt_backup('sync')", "usage: dolt_backup('sync', 'backup_name')");
        fails("CALL dolt_backup('restore', 'file:///x')", "usage: dolt_backup('restore', 'remote_url', "
                + "'new_db_name', ['--force'], ['--aws-region=<region>'], ['--aws-creds-type=<type>'], "
                + "['--aws-creds-file=<file>'], ['--aws-creds-profile=<profile>'])");
        fails("CALL dolt_backup('frobnicate')", "unrecognized dolt_backup parameter 'frobnicate'");
        fails("CALL dolt_backup('remove', 'nope')", "backup 'nope' not found");
        fails("CALL dolt_backup('rm')", "usage: dolt_backup('rm', 'backup_name')");
        assertThat(one(s, "CALL dolt_backup('rm', 'bk')").rows().get(0)).containsExactly(0L);
        assertThat(rows(s, "SELECT * FROM dolt_backups")).isEmpty();
        s.execute("CALL dolt_backup('add', 'bk2', 'file://" + dir.resolve("bk2").toAbsolutePath() + "')");
        s.execute("CALL dolt_backup('remove', 'bk2')");
        assertThat(rows(s, "SELECT name FROM dolt_backups")).isEmpty();
    }

    @Test
    void remotesAndTransfers() throws Exception {
        String origin = fileUrl(dir.resolve("origin"));
        assertThat(one(s, "CALL dolt_remote('add', 'origin', '" + origin + "')").rows().get(0)).containsExactly(0L);
        assertThat(rows(s, "SELECT name, url FROM dolt_remotes")).containsExactly(List.of("origin", origin));
        fails("CALL dolt_remote()", "use 'dolt_remotes' table to list remotes");
        fails("CALL dolt_remote('add', 'x')", "usage: dolt_remote('add', 'remote_name', 'remote_url')");
        fails("CALL dolt_remote('add', 'origin', '" + fileUrl(dir.resolve("other")) + "')",
                "remote 'origin' already exists");
        fails("CALL dolt_backup('add', 'bk', '" + origin + "')", "address conflict with a remote: 'origin'");
        assertThat(one(s, "CALL dolt_backup('sync-url', '" + fileUrl(dir.resolve("x")) + "')").rows().get(0))
                .containsExactly(0L);
        assertThat(dir.resolve("x").resolve("manifest")).exists();
        s.execute("CALL dolt_push('origin', 'main')");
        s.execute("CALL dolt_fetch('origin')");
        assertThat(rows(s, "SELECT name FROM dolt_remote_branches")).containsExactly(List.of("remotes/origin/main"));
        s.execute("CALL dolt_remote('rm', 'origin')");
        assertThat(rows(s, "SELECT * FROM dolt_remotes")).isEmpty();
        fails("CALL dolt_remote('remove', 'origin')", "remote 'origin' not found");
    }

    private static String fileUrl(java.nio.file.Path p) {
        return "file://" + p.toAbsolutePath();
    }

    @Test
    void diffTablesAndFunctions() throws Exception {
        commit("first");
        s.execute("INSERT INTO t VALUES (2, 'two'); UPDATE t SET v = 'uno' WHERE pk = 1");
        commit("second");
        s.execute("DELETE FROM t WHERE pk = 2");
        assertThat(rows(s, "SELECT to_pk, from_pk, diff_type FROM dolt_diff_t WHERE to_commit = 'WORKING'"))
                .containsExactly(Arrays.asList(null, 2L, "removed"));
        assertThat(rows(s, "SELECT to_pk, to_v, from_v, diff_type FROM dolt_diff('main~1', 'main', 't') ORDER BY to_pk"))
                .containsExactly(List.of(1L, "uno", "one", "modified"), Arrays.asList(2L, "two", null, "added"));
    }

    @Test
    void asOfByBranchTagHashAndHashof() throws Exception {
        String first = commit("first");
        s.execute("CALL dolt_tag('v1')");
        s.execute("INSERT INTO t VALUES (2, 'two'); CREATE TABLE u (x INT PRIMARY KEY)");
        String second = commit("second");
        s.execute("CALL dolt_branch('old', '" + first + "'); INSERT INTO t VALUES (3, 'three')");
        assertThat(count("SELECT COUNT(*) FROM t")).isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM t AS OF 'main'")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM t AS OF 'old'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM t AS OF 'v1'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM t AS OF '" + first + "'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM t AS OF '" + second + "'")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM t AS OF hashof('main~1')")).isEqualTo(1);
        assertThat(rows(s, "SHOW TABLES AS OF hashof('main')")).containsExactly(List.of("t"), List.of("u"));
        assertThat(rows(s, "SHOW TABLES AS OF 'v1'")).containsExactly(List.of("t"));
        assertThatThrownBy(() -> s.execute("SELECT * FROM u AS OF 'v1'")).isInstanceOf(SqlException.class)
                .hasMessageContaining("u");
    }
}
