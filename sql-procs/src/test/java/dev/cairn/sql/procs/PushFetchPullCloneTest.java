package dev.cairn.sql.procs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.model.Branch;
import dev.cairn.chunkstore.model.RefNames;
import dev.cairn.repo.RemoteConfig;
import dev.cairn.repo.Repo;
import dev.cairn.sql.SqlException;
import dev.cairn.sql.TestSession;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two databases of one workspace exchanging commits through a file:// remote. */
class PushFetchPullCloneTest {
    private static final String AUTHOR = "Cora Clone <cora@example.com>";

    @TempDir
    Path dir;
    @TempDir
    Path remoteDir;
    TestSession s;
    String url;

    @BeforeEach
    void setUp() throws IOException {
        s = TestSession.create(dir);
        url = "file://" + remoteDir.resolve("shared");
        s.call("dolt_remote", "add", "origin", url);
        s.put("t", 1, 10);
        s.call("dolt_commit", "-Am", "first");
    }

    @AfterEach
    void tearDown() throws IOException {
        s.close();
    }

    private Hash head(String db, String branch) throws IOException {
        return s.workspace().database(db).db().branchHead(branch);
    }

    private Hash tracking(String db, String remoteBranch) throws IOException {
        return s.workspace().database(db).db().refs().get(RefNames.REMOTES + remoteBranch);
    }

    private void commitIn(String db, String msg, long pk, long c1) throws IOException {
        s.useDatabase(db);
        s.put("t", pk, c1);
        s.call("dolt_commit", "-Am", msg, "--author", AUTHOR);
    }

    @Test
    void pushToAnEmptyRemoteThenCloneIt() throws IOException {
        assertThat(s.call("dolt_push", "origin", "main").rows().get(0)).containsExactly(0L);
        assertThat(tracking("db", "origin/main")).isEqualTo(head("db", "main"));

        assertThat(s.call("dolt_clone", url, "copy").rows().get(0)).containsExactly(0L);
        Repo copy = s.workspace().database("copy");
        assertThat(copy.state().currentBranch()).isEqualTo("main");
        assertThat(copy.state().remotes()).containsExactly(Map.entry("origin", new RemoteConfig("origin", url, Map.of())));
        assertThat(copy.state().backups()).isEmpty();
        assertThat(copy.db().branches()).containsOnlyKeys("main");
        assertThat(head("copy", "main")).isEqualTo(head("db", "main"));
        assertThat(tracking("copy", "origin/main")).isEqualTo(head("db", "main"));
        Branch main = copy.db().branch("main");
        assertThat(main.working().address()).isEqualTo(main.headRoot().address());
        assertThat(main.staged().address()).isEqualTo(main.headRoot().address());
        assertThat(copy.db().refs().list(RefNames.WORKING_SETS)).containsOnlyKeys("main");

        s.useDatabase("copy");
        s.put("t", 2, 20);
        s.call("dolt_commit", "-Am", "in the clone", "--author", AUTHOR);
    }

    @Test
    void cloneNamesTheDatabaseAfterTheUrlAndRefusesAnEmptyRemote() throws IOException {
        assertThatThrownBy(() -> s.call("dolt_clone", url)).isInstanceOf(SqlException.class)
                .hasMessage("remote at '" + url + "' has no database");
        assertThat(s.workspace().databases()).containsExactly("db");
        assertThat(remoteDir.resolve("shared")).doesNotExist();
        s.call("dolt_push", "origin", "main");
        s.call("dolt_clone", url);
        assertThat(s.workspace().databases()).containsExactly("db", "shared");
        assertThatThrownBy(() -> s.call("dolt_clone", "-b", "nope", url, "other")).isInstanceOf(SqlException.class)
                .hasMessage("fatal: Remote branch nope not found in upstream origin");
    }

    @Test
    void fastForwardPushThenFetchAndPullInTheClone() throws IOException {
        s.call("dolt_push", "origin", "main");
        s.call("dolt_clone", url, "copy");
        commitIn("db", "second", 2, 20);
        s.call("dolt_push", "origin", "main");
        assertThat(tracking("db", "origin/main")).isEqualTo(head("db", "main"));

        s.useDatabase("copy");
        Hash before = head("copy", "main");
        assertThat(s.call("dolt_fetch").rows().get(0)).containsExactly(0L);
        assertThat(tracking("copy", "origin/main")).isEqualTo(head("db", "main"));
        assertThat(head("copy", "main")).isEqualTo(before);

        s.call("dolt_pull", "origin", "--author", AUTHOR);
        assertThat(head("copy", "main")).isEqualTo(head("db", "main"));
        Branch main = s.workspace().database("copy").db().branch("main");
        assertThat(main.working().address()).isEqualTo(main.headRoot().address());
    }

    @Test
    void nonFastForwardPushIsRejectedUnlessForced() throws IOException {
        s.call("dolt_push", "origin", "main");
        s.call("dolt_clone", url, "copy");
        commitIn("copy", "theirs", 2, 20);
        s.call("dolt_push", "origin", "main");
        Hash theirs = head("copy", "main");

        commitIn("db", "ours", 3, 30);
        assertThatThrownBy(() -> s.call("dolt_push", "origin", "main")).isInstanceOf(SqlException.class)
                .hasMessageStartingWith("! [rejected] main -> main (non-fast-forward)");
        s.useDatabase("copy");
        s.call("dolt_fetch");
        assertThat(tracking("copy", "origin/main")).isEqualTo(theirs);

        s.useDatabase("db");
        s.call("dolt_push", "-f", "origin", "main");
        s.useDatabase("copy");
        s.call("dolt_fetch", "origin");
        assertThat(tracking("copy", "origin/main")).isEqualTo(head("db", "main"));
    }

    @Test
    void pullMergesDivergedHistoryAndFetchDropsBranchesTheRemoteLost() throws IOException {
        s.call("dolt_push", "origin", "main");
        s.call("dolt_clone", url, "copy");
        commitIn("copy", "theirs", 2, 20);
        s.call("dolt_push", "origin", "main");
        s.call("dolt_push", "origin", "main:feature");

        commitIn("db", "ours", 3, 30);
        s.call("dolt_pull", "origin", "main", "--author", AUTHOR);
        Repo db = s.workspace().database("db");
        assertThat(db.db().commit(head("db", "main")).parents()).containsExactly(
                db.db().log("main~1", "main", true, 1).get(0).address(), head("copy", "main"));
        assertThat(tracking("db", "origin/feature")).isEqualTo(head("copy", "main"));

        db.db().setRemoteRefs("origin", Map.of("stale", head("db", "main")));
        s.call("dolt_fetch");
        assertThat(db.db().refs().list(RefNames.REMOTES + "origin/")).containsOnlyKeys("feature", "main");
    }

    @Test
    void pushAndPullErrors() throws IOException {
        assertThatThrownBy(() -> s.call("dolt_pull", "origin")).isInstanceOf(SqlException.class)
                .hasMessage("fatal: couldn't find remote ref main");
        assertThatThrownBy(() -> s.call("dolt_push", "origin", ":main")).isInstanceOf(SqlException.class)
                .hasMessage("error: deleting a remote branch with push is not supported");
        assertThat(s.call("dolt_fetch").rows().get(0)).containsExactly(0L);
    }
}
