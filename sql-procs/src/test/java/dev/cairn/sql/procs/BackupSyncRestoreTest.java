package dev.cairn.sql.procs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.chunkstore.CorruptChunkException;
import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.model.Branch;
import dev.cairn.chunkstore.model.Database;
import dev.cairn.chunkstore.model.RefNames;
import dev.cairn.chunkstore.model.WorkingSet;
import dev.cairn.remotes.sync.SyncResult;
import dev.cairn.repo.Repo;
import dev.cairn.sql.SqlException;
import dev.cairn.sql.TestSession;
import dev.cairn.sql.ops.BackupOp;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dolt_backup('sync' | 'sync-url' | 'restore', ...)} end to end, through file:// backups. */
class BackupSyncRestoreTest {
    @TempDir
    Path dir;
    @TempDir
    Path elsewhere;
    TestSession s;
    String bk;

    @BeforeEach
    void setUp() throws IOException {
        s = TestSession.create(dir);
        bk = "file://" + elsewhere.resolve("bk");
    }

    @AfterEach
    void tearDown() throws IOException {
        s.close();
    }

    private void commit(String msg, long... pkAndC1) throws IOException {
        s.put("t", pkAndC1);
        s.call("dolt_commit", "-Am", msg);
    }

    private Database db() throws IOException {
        return s.repo().db();
    }

    @Test
    void restoreHasEveryBranchTagRemoteRefAndWorkingSetOfTheSync() throws IOException {
        commit("first", 1, 10);
        s.call("dolt_tag", "v1");
        s.call("dolt_branch", "feature");
        s.call("dolt_checkout", "feature");
        commit("on feature", 2, 20);
        s.put("t", 3, 30);
        s.call("dolt_add", "t");
        s.put("t", 4, 40); // staged 3, unstaged 4
        s.call("dolt_checkout", "main");
        s.put("u", 7, 70); // unstaged on main
        s.call("dolt_checkout", "feature");
        s.repo().updateState(st -> st.withCurrentBranch("feature"));
        db().setRemoteRefs("origin", Map.of("main", db().branchHead("main")));
        s.call("dolt_remote", "add", "origin", "file://" + elsewhere.resolve("remote"));
        s.call("dolt_backup", "add", "nightly", bk);

        assertThat(s.call("dolt_backup", "sync", "nightly").rows().get(0)).containsExactly(0L);
        assertThat(s.call("dolt_backup", "restore", bk, "restored").rows().get(0)).containsExactly(0L);

        Repo source = s.repo();
        Repo restored = s.workspace().database("restored");
        assertThat(restored.store().root()).isEqualTo(source.store().root());
        assertThat(restored.db().refs().all()).isEqualTo(source.db().refs().all());
        assertThat(restored.db().branches().keySet()).containsExactly("feature", "main");
        assertThat(restored.db().tags()).extracting(t -> t.name()).containsExactly("v1");
        assertThat(restored.db().refs().list(RefNames.REMOTES)).containsOnlyKeys("origin/main");
        for (String b : List.of("main", "feature")) {
            WorkingSet want = source.db().branch(b).workingSet();
            WorkingSet got = restored.db().branch(b).workingSet();
            assertThat(got).isEqualTo(want);
        }
        Branch feature = restored.db().branch("feature");
        assertThat(feature.staged().address()).isNotEqualTo(feature.working().address());
        assertThat(feature.staged().address()).isNotEqualTo(feature.headRoot().address());
        assertThat(restored.state().currentBranch()).isEqualTo("feature");
        assertThat(restored.state().remotes()).isEmpty();
        assertThat(restored.state().backups()).isEmpty();

        s.useDatabase("restored");
        assertThat(s.currentBranch()).isEqualTo("feature");
        assertThat(s.repo().dir()).isEqualTo(dir.resolve("restored"));
    }

    @Test
    void syncMirrorsSoRefsTheSourceDroppedDisappear() throws IOException {
        s.call("dolt_branch", "gone");
        s.call("dolt_tag", "old");
        s.call("dolt_backup", "add", "b", bk);
        s.call("dolt_backup", "sync", "b");
        s.call("dolt_branch", "-d", "gone");
        s.call("dolt_tag", "-d", "old");
        s.call("dolt_backup", "sync", "b");
        s.call("dolt_backup", "restore", bk, "r");
        Repo r = s.workspace().database("r");
        assertThat(r.db().branches()).containsOnlyKeys("main");
        assertThat(r.db().tags()).isEmpty();
        assertThat(r.state().currentBranch()).isEqualTo("main");
    }

    @Test
    void aSyncWithNothingNewSucceedsAndWritesNothing() throws IOException {
        commit("first", 1, 1);
        s.call("dolt_backup", "add", "b", bk);
        assertThat(BackupOp.sync(s, "b", null).sync().status()).isEqualTo(SyncResult.Status.UPDATED);
        long before = bytesUnder(elsewhere.resolve("bk"));
        SyncResult again = BackupOp.sync(s, "b", null).sync();
        assertThat(again.status()).isEqualTo(SyncResult.Status.UP_TO_DATE);
        assertThat(again.bytesSent()).isZero();
        assertThat(s.call("dolt_backup", "sync", "b").rows().get(0)).containsExactly(0L);
        assertThat(bytesUnder(elsewhere.resolve("bk"))).isEqualTo(before);
    }

    @Test
    void unknownBackupAndMissingDatabase() throws IOException {
        assertThatThrownBy(() -> s.call("dolt_backup", "sync", "nope")).isInstanceOf(SqlException.class)
                .hasMessage("backup 'nope' not found");
        TestSession none = TestSession.empty(dir);
        assertThatThrownBy(() -> none.call("dolt_backup", "sync", "b")).hasMessage("No database selected");
        assertThatThrownBy(() -> none.call("dolt_backup", "sync-url", bk)).hasMessage("No database selected");
    }

    @Test
    void syncUrlCreatesTheDestinationAndRestores() throws IOException {
        commit("first", 1, 1);
        String deep = "file://" + elsewhere.resolve("a/b/c");
        assertThat(s.call("dolt_backup", "sync-url", deep).rows().get(0)).containsExactly(0L);
        assertThat(Files.isRegularFile(elsewhere.resolve("a/b/c/manifest"))).isTrue();
        s.call("dolt_backup", "restore", deep, "copy");
        assertThat(s.workspace().database("copy").db().branchHead("main")).isEqualTo(db().branchHead("main"));
        assertThat(s.repo().state().backups()).isEmpty();
    }

    @Test
    void restoreWithNoCurrentDatabaseIsUsableInTheSameSession() throws IOException {
        commit("first", 1, 1);
        s.call("dolt_backup", "sync-url", bk);
        Hash head = db().branchHead("main");
        Path other = elsewhere.resolve("fresh-workspace");
        try (TestSession none = TestSession.empty(other)) {
            assertThat(none.call("dolt_backup", "restore", bk, "fresh").rows().get(0)).containsExactly(0L);
            none.useDatabase("fresh");
            assertThat(none.currentBranch()).isEqualTo("main");
            assertThat(none.repo().db().branchHead("main")).isEqualTo(head);
            assertThat(none.repo().dir()).isEqualTo(other.resolve("fresh"));
            none.put("t", 2, 2);
            none.call("dolt_commit", "-Am", "after restore", "--author", "Rae Stored <rae@example.com>");
        }
    }

    @Test
    void restoreOntoAnExistingDatabaseNeedsForceAndThenReplacesIt() throws IOException {
        commit("first", 1, 1);
        s.call("dolt_backup", "sync-url", bk);
        Hash backedUp = s.repo().store().root();
        commit("second", 2, 2);
        assertThatThrownBy(() -> s.call("dolt_backup", "restore", bk, "db")).isInstanceOf(SqlException.class)
                .hasMessage("database 'db' already exists, use '--force' to overwrite");
        assertThat(s.repo().store().root()).isNotEqualTo(backedUp);

        assertThat(s.call("dolt_backup", "restore", "--force", bk, "db").rows().get(0)).containsExactly(0L);
        assertThat(s.repo().store().root()).isEqualTo(backedUp);
        assertThat(s.repo().db().log("main", "main", false, 10)).hasSize(2);
        assertThat(hiddenLeftovers()).isEmpty();
        Files.writeString(dir.resolve("other-file"), "x");
        s.workspace().create("other", "main", s.repo().db().commit(db().branchHead("main")).meta());
        s.call("dolt_backup", "restore", bk, "other", "--force");
        assertThat(s.workspace().database("other").store().root()).isEqualTo(backedUp);
    }

    @Test
    void restoreFromAUrlWithNoDatabaseCreatesNothing() throws IOException {
        Path nothing = elsewhere.resolve("nothing");
        assertThatThrownBy(() -> s.call("dolt_backup", "restore", "file://" + nothing, "x"))
                .isInstanceOf(SqlException.class).hasMessage("backup at 'file://" + nothing + "' has no database");
        assertThat(nothing).doesNotExist();
        assertThat(dir.resolve("x")).doesNotExist();
        assertThat(s.workspace().databases()).containsExactly("db");
        assertThat(hiddenLeftovers()).isEmpty();
    }

    @Test
    void aSecondSyncSendsOnlyTheNovelChunks() throws IOException {
        long[] rows = new long[2 * 5000];
        for (int i = 0; i < 5000; i++) {
            rows[2 * i] = i;
            rows[2 * i + 1] = i * 7L;
        }
        commit("many rows", rows);
        s.call("dolt_backup", "add", "b", bk);
        s.call("dolt_backup", "sync", "b");
        long first = bytesUnder(elsewhere.resolve("bk"));
        assertThat(first).isGreaterThan(40_000);

        commit("one row", 2500, -1);
        SyncResult second = BackupOp.sync(s, "b", null).sync();
        long grew = bytesUnder(elsewhere.resolve("bk")) - first;
        assertThat(second.wholeFileCopy()).isFalse();
        assertThat(grew).isPositive().isLessThan(16_384).isLessThan(first / 4);
        assertThat(second.bytesSent()).isLessThanOrEqualTo(grew);
    }

    @Test
    void aFlippedByteInABackupIsFoundOnRestoreNamingTheFile() throws IOException {
        long[] rows = new long[2 * 2000];
        for (int i = 0; i < 2000; i++) {
            rows[2 * i] = i;
            rows[2 * i + 1] = i;
        }
        commit("rows", rows);
        s.call("dolt_backup", "sync-url", bk);
        Path largest;
        try (Stream<Path> files = Files.list(elsewhere.resolve("bk"))) {
            largest = files.filter(p -> Hash.isHash(p.getFileName().toString()))
                    .max(Comparator.comparingLong(p -> p.toFile().length())).orElseThrow();
        }
        try (RandomAccessFile f = new RandomAccessFile(largest.toFile(), "rw")) {
            long at = f.length() / 3;
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x40);
        }
        assertThatThrownBy(() -> s.call("dolt_backup", "restore", bk, "broken"))
                .isInstanceOf(CorruptChunkException.class)
                .hasMessageContaining(largest.getFileName().toString());
        assertThat(s.workspace().databases()).containsExactly("db");
        assertThat(dir.resolve("broken")).doesNotExist();
        assertThat(hiddenLeftovers()).isEmpty();
    }

    @Test
    void pruneGraceBelowTheFloorIsRefusedBeforeSending() throws IOException {
        s.call("dolt_backup", "add", "b", bk);
        assertThatThrownBy(() -> s.call("dolt_backup", "sync", "b", "--prune-with-grace-period", "1m"))
                .isInstanceOf(SqlException.class).hasMessage("prune grace period 1m is below the minimum of 10m "
                        + "(set CAIRN_BACKUP_PRUNE_MIN_GRACE to lower it)");
        assertThat(elsewhere.resolve("bk")).doesNotExist();
        assertThatThrownBy(() -> s.call("dolt_backup", "sync", "b", "--prune-with-grace-period", "soon"))
                .isInstanceOf(SqlException.class).hasMessageStartingWith("error: invalid --prune-with-grace-period");
    }

    @Test
    void pruneWithALoweredFloorDeletesLeftoversOrSaysTheBackupIsBusy() throws IOException {
        s.setEnvironment("CAIRN_BACKUP_PRUNE_MIN_GRACE", "0s");
        s.call("dolt_backup", "add", "b", bk);
        s.call("dolt_backup", "sync", "b");
        Path leftover = elsewhere.resolve("bk").resolve(Hash.of(new byte[] {1, 2, 3}).toString());
        Files.write(leftover, new byte[100]);
        Files.setLastModifiedTime(leftover, FileTime.from(Instant.now().minusSeconds(7200)));

        commit("more", 1, 1);
        assertThat(s.call("dolt_backup", "sync", "b", "--prune-with-grace-period=1h").rows().get(0))
                .containsExactly(0L);
        assertThat(s.notices()).singleElement().asString().startsWith("not quiescent: the manifest changed");
        assertThat(leftover).exists();

        s.call("dolt_backup", "sync", "b", "--prune-with-grace-period=0s");
        assertThat(leftover).doesNotExist();
        assertThat(s.notices().get(1)).isEqualTo("pruned 1 unreferenced table file, 100 B");
        s.call("dolt_backup", "restore", bk, "after-prune");
        assertThat(s.workspace().database("after-prune").store().root()).isEqualTo(s.repo().store().root());
    }

    private List<Path> hiddenLeftovers() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(".cairn-")).toList();
        }
    }

    private static long bytesUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
