package dev.cairn.sql.procs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.model.Commit;
import dev.cairn.chunkstore.model.Status;
import dev.cairn.repo.Config;
import dev.cairn.sql.ResultSet;
import dev.cairn.sql.SqlException;
import dev.cairn.sql.TestSession;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionControlProceduresTest {
    @TempDir
    Path dir;
    TestSession s;

    @BeforeEach
    void setUp() throws IOException {
        s = TestSession.create(dir);
    }

    @AfterEach
    void tearDown() throws IOException {
        s.close();
    }

    private Status status() throws IOException {
        return Status.of(s.repo().db().branch(s.currentBranch()));
    }

    private Commit head() throws IOException {
        return s.repo().db().commit(s.repo().db().branchHead(s.currentBranch()));
    }

    private String commitT(String msg, long... rows) throws IOException {
        s.put("t", rows);
        return (String) s.callValue("hash", "dolt_commit", "-Am", msg);
    }

    private static void fails(ThrowingCall c, String message) {
        assertThatThrownBy(c::run).isInstanceOf(SqlException.class).hasMessage(message);
    }

    @FunctionalInterface
    interface ThrowingCall {
        void run() throws Exception;
    }

    // ---- dolt_add ------------------------------------------------------------------------

    @Test
    void addStagesNamedTablesAndDot() throws IOException {
        s.put("t", 1, 1);
        s.put("u", 1, 1);
        ResultSet rs = s.call("dolt_add", "t");
        assertThat(rs.columns()).extracting(c -> c.name()).containsExactly("status");
        assertThat(rs.rows().get(0)).containsExactly(0L);
        assertThat(status().staged()).extracting(Status.Change::table).containsExactly("t");
        s.call("dolt_add", ".");
        assertThat(status().staged()).extracting(Status.Change::table).containsExactly("t", "u");
    }

    @Test
    void addAllFlag() throws IOException {
        s.put("t", 1, 1);
        s.call("dolt_add", "-A");
        assertThat(status().untracked()).isEmpty();
    }

    @Test
    void addErrors() {
        fails(() -> s.call("dolt_add"), "Nothing specified, nothing added. Maybe you wanted to say 'cairn add .'?");
        fails(() -> s.call("dolt_add", "nope"), "table not found: nope");
    }

    // ---- dolt_commit ---------------------------------------------------------------------

    @Test
    void commitReturnsHashAndUsesConfigAuthorAndClock() throws IOException {
        s.put("t", 1, 1);
        s.call("dolt_add", "t");
        ResultSet rs = s.call("dolt_commit", "-m", "first");
        assertThat(rs.columns()).extracting(c -> c.name()).containsExactly("hash");
        String hash = (String) rs.rows().get(0)[0];
        assertThat(Hash.isHash(hash)).isTrue();
        Commit c = head();
        assertThat(c.address().toString()).isEqualTo(hash);
        assertThat(c.meta().name()).isEqualTo("Tess Ter");
        assertThat(c.meta().email()).isEqualTo("tess@example.com");
        assertThat(c.meta().timestampMillis()).isEqualTo(TestSession.NOW.toEpochMilli());
        assertThat(c.meta().message()).isEqualTo("first");
    }

    @Test
    void commitDashAStagesOnlyTrackedTables() throws IOException {
        commitT("first", 1, 1);
        s.put("t", 2, 2);
        s.put("newt", 1, 1);
        s.callValue("hash", "dolt_commit", "-am", "second");
        assertThat(status().unstaged()).isEmpty();
        assertThat(status().untracked()).containsExactly("newt");
        s.callValue("hash", "dolt_commit", "-Am", "third");
        assertThat(status().clean()).isTrue();
    }

    @Test
    void commitAuthorFlag() throws IOException {
        s.put("t", 1, 1);
        s.call("dolt_commit", "-A", "-m", "x", "--author", "Jane Doe <jane@example.com>");
        assertThat(head().meta().name()).isEqualTo("Jane Doe");
        assertThat(head().meta().email()).isEqualTo("jane@example.com");
    }

    @Test
    void commitErrors() throws IOException {
        fails(() -> s.call("dolt_commit"), "Must provide commit message.");
        fails(() -> s.call("dolt_commit", "-m", "x"), "nothing to commit, working tree clean");
        fails(() -> s.call("dolt_commit", "-m", "x", "--allow-empty", "--author", "nobody"),
                "Author not formatted correctly. Use 'Name <author@example.com>' format");
        String before = head().address().toString();
        s.call("dolt_commit", "-m", "empty", "--allow-empty");
        assertThat(head().address().toString()).isNotEqualTo(before);
    }

    @Test
    void commitWithoutIdentityIsRefused() throws IOException {
        Assumptions.assumeTrue(System.getenv("CAIRN_ROOT_PATH") == null, "global config location is fixed");
        s.repo().config().unset(Config.Scope.LOCAL, Config.USER_NAME);
        String home = System.getProperty("user.home");
        System.setProperty("user.home", dir.resolve("home").toString());
        try {
            assertThatThrownBy(() -> s.call("dolt_commit", "--allow-empty", "-m", "x"))
                    .isInstanceOf(SqlException.class)
                    .hasMessageStartingWith("Author identity unknown");
        } finally {
            System.setProperty("user.home", home);
        }
    }

    // ---- dolt_reset ----------------------------------------------------------------------

    @Test
    void resetUnstagesTablesOrEverything() throws IOException {
        commitT("first", 1, 1);
        s.put("t", 2, 2);
        s.put("u", 1, 1);
        s.call("dolt_add", ".");
        s.call("dolt_reset", "t");
        assertThat(status().staged()).extracting(Status.Change::table).containsExactly("u");
        s.call("dolt_reset");
        assertThat(status().staged()).isEmpty();
        assertThat(status().unstaged()).extracting(Status.Change::table).containsExactly("t");
    }

    @Test
    void resetHardDiscardsAndMovesBranch() throws IOException {
        String first = commitT("first", 1, 1);
        commitT("second", 2, 2);
        s.put("t", 3, 3);
        s.call("dolt_reset", "--hard");
        assertThat(status().clean()).isTrue();
        s.call("dolt_reset", "--hard", "HEAD~1");
        assertThat(head().address().toString()).isEqualTo(first);
        assertThat(status().clean()).isTrue();
    }

    @Test
    void resetToCommitKeepsWorkingChangesUnstaged() throws IOException {
        String first = commitT("first", 1, 1);
        commitT("second", 2, 2);
        s.call("dolt_reset", first);
        assertThat(head().address().toString()).isEqualTo(first);
        assertThat(status().staged()).isEmpty();
        assertThat(status().unstaged()).extracting(Status.Change::table).containsExactly("t");
    }

    @Test
    void resetSoftToCommitKeepsStaged() throws IOException {
        String first = commitT("first", 1, 1);
        commitT("second", 2, 2);
        s.call("dolt_reset", "--soft", "HEAD~1");
        assertThat(head().address().toString()).isEqualTo(first);
        assertThat(status().staged()).extracting(Status.Change::table).containsExactly("t");
        s.call("dolt_reset", "--soft");
        assertThat(status().staged()).isEmpty();
    }

    @Test
    void resetErrors() {
        fails(() -> s.call("dolt_reset", "--hard", "--soft"), "error: --hard and --soft are mutually exclusive options.");
        fails(() -> s.call("dolt_reset", "--hard", "a", "b"), "--hard supports at most one additional param");
        fails(() -> s.call("dolt_reset", "--soft", "a", "b"), "--soft supports at most one additional param");
        fails(() -> s.call("dolt_reset", "nope"), "table not found: nope");
    }

    // ---- dolt_branch ---------------------------------------------------------------------

    @Test
    void branchCreateCopyRenameDelete() throws IOException {
        String first = commitT("first", 1, 1);
        commitT("second", 2, 2);
        assertThat(s.call("dolt_branch", "feature").rows().get(0)).containsExactly(0L);
        s.call("dolt_branch", "old", first);
        var db = s.repo().db();
        assertThat(db.branchHead("old").toString()).isEqualTo(first);
        s.call("dolt_branch", "-c", "feature", "copy");
        assertThat(db.branchHead("copy")).isEqualTo(db.branchHead("feature"));
        s.call("dolt_branch", "-m", "copy", "renamed");
        assertThat(db.branches()).containsOnlyKeys("main", "feature", "old", "renamed");
        s.call("dolt_branch", "-d", "feature", "renamed");
        assertThat(db.branches()).containsOnlyKeys("main", "old");
        s.call("dolt_branch", "-f", "old", "HEAD");
        assertThat(db.branchHead("old")).isEqualTo(db.branchHead("main"));
    }

    @Test
    void branchRenameOfCurrentBranchMovesSessionAndRepoState() throws IOException {
        s.call("dolt_branch", "-m", "main", "trunk");
        assertThat(s.currentBranch()).isEqualTo("trunk");
        assertThat(s.repo().state().currentBranch()).isEqualTo("trunk");
    }

    @Test
    void branchErrors() throws IOException {
        commitT("first", 1, 1);
        s.call("dolt_checkout", "-b", "feature");
        commitT("on feature", 2, 2);
        s.call("dolt_checkout", "main");
        fails(() -> s.call("dolt_branch"), "error: invalid usage");
        fails(() -> s.call("dolt_branch", "a", "b", "c"), "error: invalid usage");
        fails(() -> s.call("dolt_branch", "-d"), "error: invalid usage");
        fails(() -> s.call("dolt_branch", "-m", "x"), "error: invalid usage");
        fails(() -> s.call("dolt_branch", ""), "error: cannot branch empty string");
        fails(() -> s.call("dolt_branch", "feature"), "fatal: A branch named 'feature' already exists.");
        fails(() -> s.call("dolt_branch", "-d", "main"), "error: Cannot delete branch 'main' checked out");
        fails(() -> s.call("dolt_branch", "-d", "nope"), "branch not found: nope");
        fails(() -> s.call("dolt_branch", "-c", "nope", "x"), "branch not found: nope");
        assertThatThrownBy(() -> s.call("dolt_branch", "-d", "feature"))
                .isInstanceOf(SqlException.class)
                .hasMessageStartingWith("error: The branch 'feature' is not fully merged.")
                .hasMessageNotContaining("\n");
        s.call("dolt_branch", "-D", "feature");
        assertThat(s.repo().db().hasBranch("feature")).isFalse();
    }

    // ---- dolt_checkout -------------------------------------------------------------------

    @Test
    void checkoutSwitchesSessionBranchAndReturnsMessage() throws IOException {
        commitT("first", 1, 1);
        s.call("dolt_branch", "feature");
        ResultSet rs = s.call("dolt_checkout", "feature");
        assertThat(rs.columns()).extracting(c -> c.name()).containsExactly("status", "message");
        assertThat(rs.rows().get(0)).containsExactly(0L, "Switched to branch 'feature'");
        assertThat(s.currentBranch()).isEqualTo("feature");
        assertThat(s.callValue("message", "dolt_checkout", "feature")).isEqualTo("Already on 'feature'");
    }

    @Test
    void checkoutDashBCarriesWorkingChangesOrStartsAtStartPoint() throws IOException {
        String first = commitT("first", 1, 1);
        commitT("second", 2, 2);
        s.put("t", 3, 3);
        s.call("dolt_checkout", "-b", "carry");
        assertThat(s.currentBranch()).isEqualTo("carry");
        assertThat(status().unstaged()).extracting(Status.Change::table).containsExactly("t");
        s.call("dolt_checkout", "-b", "old", first);
        assertThat(s.repo().db().branchHead("old").toString()).isEqualTo(first);
        assertThat(status().clean()).isTrue();
    }

    @Test
    void checkoutTablesDiscardsWorkingChanges() throws IOException {
        commitT("first", 1, 1);
        s.put("t", 1, 99);
        s.put("u", 1, 1);
        ResultSet rs = s.call("dolt_checkout", "t");
        assertThat(rs.rows().get(0)).containsExactly(0L, "");
        assertThat(status().unstaged()).isEmpty();
        assertThat(status().untracked()).containsExactly("u");
    }

    @Test
    void checkoutFromRemoteTrackingBranch() throws IOException {
        commitT("first", 1, 1);
        var db = s.repo().db();
        db.setRemoteRefs("origin", java.util.Map.of("topic", db.branchHead("main")));
        assertThat(s.callValue("message", "dolt_checkout", "topic"))
                .isEqualTo("Switched to branch 'topic'; branch 'topic' set up to track 'origin/topic'.");
        assertThat(db.branchHead("topic")).isEqualTo(db.branchHead("main"));
    }

    @Test
    void checkoutErrors() throws IOException {
        fails(() -> s.call("dolt_checkout"), "error: invalid usage");
        fails(() -> s.call("dolt_checkout", ""), "error: cannot checkout empty string");
        fails(() -> s.call("dolt_checkout", "-b", ""), "error: cannot checkout empty string");
        fails(() -> s.call("dolt_checkout", "nope"), "error: could not find nope");
        fails(() -> s.call("dolt_checkout", "-b", "main"), "fatal: A branch named 'main' already exists.");
        assertThat(s.currentBranch()).isEqualTo("main");
    }

    // ---- dolt_merge ----------------------------------------------------------------------

    private static final List<String> MERGE_COLUMNS = List.of("hash", "fast_forward", "conflicts", "message");

    @Test
    void mergeFastForward() throws IOException {
        commitT("first", 1, 1);
        s.call("dolt_checkout", "-b", "feature");
        String tip = commitT("feature", 2, 2);
        s.call("dolt_checkout", "main");
        ResultSet rs = s.call("dolt_merge", "feature");
        assertThat(rs.columns()).extracting(c -> c.name()).containsExactlyElementsOf(MERGE_COLUMNS);
        assertThat(rs.rows().get(0)).containsExactly(tip, 1L, 0L, "merge successful");
        assertThat(s.call("dolt_merge", "feature").rows().get(0)).containsExactly(tip, 0L, 0L, "Everything up-to-date");
    }

    @Test
    void mergeThreeWayAndNoFastForward() throws IOException {
        commitT("first", 1, 1);
        s.call("dolt_branch", "feature");
        commitT("main side", 2, 2);
        s.call("dolt_checkout", "feature");
        commitT("feature side", 3, 3);
        s.call("dolt_checkout", "main");
        ResultSet rs = s.call("dolt_merge", "feature", "-m", "join");
        assertThat(rs.rows().get(0)[1]).isEqualTo(0L);
        assertThat(rs.rows().get(0)[3]).isEqualTo("merge successful");
        assertThat(head().parents()).hasSize(2);
        assertThat(head().meta().message()).isEqualTo("join");

        s.call("dolt_checkout", "-b", "ff");
        commitT("ff side", 4, 4);
        s.call("dolt_checkout", "main");
        s.call("dolt_merge", "--no-ff", "ff");
        assertThat(head().parents()).hasSize(2);
        assertThat(head().meta().message()).isEqualTo("Merge branch 'ff' into main");
    }

    @Test
    void mergeConflictIsAnErrorAndChangesNothing() throws IOException {
        commitT("first", 1, 1);
        s.call("dolt_branch", "feature");
        commitT("main side", 1, 2);
        String mainHead = head().address().toString();
        s.call("dolt_checkout", "feature");
        commitT("feature side", 1, 3);
        s.call("dolt_checkout", "main");
        fails(() -> s.call("dolt_merge", "feature"), "Merge conflict detected, transaction rolled back. "
                + "Conflicts in t (1 row); nothing was changed: resolve them on one branch and merge again");
        assertThat(head().address().toString()).isEqualTo(mainHead);
        assertThat(status().clean()).isTrue();
    }

    @Test
    void mergeErrors() {
        fails(() -> s.call("dolt_merge"), "error: Please specify a branch to merge");
        fails(() -> s.call("dolt_merge", "--abort"), "fatal: There is no merge to abort");
        fails(() -> s.call("dolt_merge", "nope"), "branch not found: nope");
    }

    // ---- dolt_tag ------------------------------------------------------------------------

    @Test
    void tagCreateWithMessageAndDelete() throws IOException {
        String first = commitT("first", 1, 1);
        commitT("second", 2, 2);
        assertThat(s.call("dolt_tag", "v1", first, "-m", "release").rows().get(0)).containsExactly(0L);
        s.call("dolt_tag", "v2");
        var tags = s.repo().db().tags();
        assertThat(tags).extracting(t -> t.name()).containsExactly("v1", "v2");
        assertThat(tags.get(0).commit().toString()).isEqualTo(first);
        assertThat(tags.get(0).meta().message()).isEqualTo("release");
        assertThat(tags.get(0).meta().name()).isEqualTo("Tess Ter");
        s.call("dolt_tag", "-d", "v1");
        assertThat(s.repo().db().tags()).extracting(t -> t.name()).containsExactly("v2");
    }

    @Test
    void tagErrors() throws IOException {
        s.call("dolt_tag", "v1");
        fails(() -> s.call("dolt_tag"), "error: tag name not provided");
        fails(() -> s.call("dolt_tag", "-d"), "error: tag name not provided");
        fails(() -> s.call("dolt_tag", "a", "b", "c"), "error: invalid usage");
        fails(() -> s.call("dolt_tag", "v1"), "fatal: tag 'v1' already exists");
        fails(() -> s.call("dolt_tag", "-d", "nope"), "error: tag 'nope' not found.");
    }

    // ---- dolt_gc -------------------------------------------------------------------------

    @Test
    void gcKeepsReachableDataAndReportsStatus() throws IOException {
        commitT("first", 1, 1);
        s.call("dolt_checkout", "-b", "doomed");
        commitT("doomed work", 2, 2);
        s.call("dolt_checkout", "main");
        s.call("dolt_branch", "-D", "doomed");
        String head = head().address().toString();
        assertThat(s.call("dolt_gc").rows().get(0)).containsExactly(0L);
        assertThat(s.call("dolt_gc", "--shallow").rows().get(0)).containsExactly(0L);
        assertThat(head().address().toString()).isEqualTo(head);
        assertThat(s.repo().db().branch("main").headRoot().table("t").rows().count()).isEqualTo(1);
    }

    // ---- registry ------------------------------------------------------------------------

    @Test
    void everyProcedureIsRegistered() throws IOException {
        s.call("dolt_add", "-A");
        assertThat(Procedures.names()).contains("dolt_add", "dolt_backup", "dolt_branch", "dolt_checkout",
                "dolt_clone", "dolt_commit", "dolt_fetch", "dolt_gc", "dolt_merge", "dolt_pull", "dolt_push",
                "dolt_remote", "dolt_reset", "dolt_tag");
    }
}
