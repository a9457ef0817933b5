package dev.cairn.chunkstore.model;

import static dev.cairn.chunkstore.model.ModelFixtures.meta;
import static dev.cairn.chunkstore.model.ModelFixtures.rows;
import static dev.cairn.chunkstore.model.ModelFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.chunkstore.Hash;
import dev.cairn.chunkstore.MemoryChunkStore;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DatabaseTest {
    private MemoryChunkStore store;
    private Database db;

    @BeforeEach
    void setUp() throws IOException {
        store = new MemoryChunkStore();
        db = Database.init(store, "main", meta("Initialize data repository"));
    }

    private Commit commitAll(String branch, String message) throws IOException {
        return db.branch(branch).commit(new Branch.CommitRequest(meta(message), false, Branch.Staging.ALL));
    }

    @Test
    void initCreatesAnInitialCommitOnMainWithACleanWorkingSet() throws IOException {
        assertThat(db.branches()).containsOnlyKeys("main");
        List<Commit> log = History.log(db, db.branchHead("main"), false, -1);
        assertThat(log).hasSize(1);
        assertThat(log.get(0).parents()).isEmpty();
        assertThat(log.get(0).meta().message()).isEqualTo("Initialize data repository");
        assertThat(Status.of(db.branch("main")).clean()).isTrue();
        assertThatThrownBy(() -> Database.init(store, "main", meta("again")))
                .isInstanceOf(DatabaseException.class).hasMessageContaining("already exists");
    }

    @Test
    void openRefusesAnEmptyStore() {
        assertThatThrownBy(() -> Database.open(new MemoryChunkStore()))
                .isInstanceOf(DatabaseException.class).hasMessageContaining("not a database");
    }

    @Test
    void stagingAndCommittingMoveChangesThroughStatus() throws IOException {
        write(db, "main", "t", "1", "one");
        Status s = Status.of(db.branch("main"));
        assertThat(s.untracked()).containsExactly("t");
        assertThat(s.staged()).isEmpty();

        db.branch("main").stage(List.of("t"));
        s = Status.of(db.branch("main"));
        assertThat(s.staged()).containsExactly(new Status.Change("t", Status.ChangeKind.NEW));
        assertThat(s.untracked()).isEmpty();

        Commit c = db.branch("main").commit(new Branch.CommitRequest(meta("first"), false, Branch.Staging.NONE));
        assertThat(db.branchHead("main")).isEqualTo(c.address());
        assertThat(Status.of(db.branch("main")).clean()).isTrue();
        assertThat(rows(db.branch("main").headRoot(), "t")).containsExactly(Map.entry("1", "one"));

        write(db, "main", "t", "2", "two");
        s = Status.of(db.branch("main"));
        assertThat(s.unstaged()).containsExactly(new Status.Change("t", Status.ChangeKind.MODIFIED));
        assertThatThrownBy(() -> db.branch("main").commit(
                new Branch.CommitRequest(meta("nothing staged"), false, Branch.Staging.NONE)))
                .isInstanceOf(DatabaseException.class).hasMessageContaining("nothing to commit");
        Commit empty = db.branch("main").commit(new Branch.CommitRequest(meta("empty"), true, Branch.Staging.NONE));
        assertThat(empty.rootValue()).isEqualTo(c.rootValue());
        Commit tracked = db.branch("main").commit(new Branch.CommitRequest(meta("-a"), false, Branch.Staging.TRACKED));
        assertThat(rows(db.rootValue(tracked.rootValue()), "t")).containsOnlyKeys("1", "2");
    }

    @Test
    void commitAllSkipsUntrackedTablesButStageAllTakesThem() throws IOException {
        write(db, "main", "t", "1", "one");
        commitAll("main", "t");
        write(db, "main", "t", "2", "two");
        write(db, "main", "u", "1", "new table");
        Commit c = db.branch("main").commit(new Branch.CommitRequest(meta("-a"), false, Branch.Staging.TRACKED));
        RootValue root = db.rootValue(c.rootValue());
        assertThat(root.hasTable("t")).isTrue();
        assertThat(root.hasTable("u")).isFalse();
        assertThat(Status.of(db.branch("main")).untracked()).containsExactly("u");
    }

    @Test
    void resetUnstagesAndResetHardDiscards() throws IOException {
        write(db, "main", "t", "1", "one");
        Commit first = commitAll("main", "first");
        write(db, "main", "t", "2", "two");
        db.branch("main").stageAll();
        db.branch("main").unstage(List.of("t"));
        assertThat(Status.of(db.branch("main")).staged()).isEmpty();
        assertThat(Status.of(db.branch("main")).unstaged()).hasSize(1);
        db.branch("main").resetHard(null);
        assertThat(Status.of(db.branch("main")).clean()).isTrue();
        assertThat(rows(db.branch("main").working(), "t")).containsOnlyKeys("1");

        write(db, "main", "t", "3", "three");
        commitAll("main", "second");
        db.branch("main").resetSoft("HEAD~1");
        assertThat(db.branchHead("main")).isEqualTo(first.address());
        assertThat(rows(db.branch("main").staged(), "t")).containsOnlyKeys("1", "3");
    }

    @Test
    void branchesAreCreatedListedRenamedAndDeleted() throws IOException {
        write(db, "main", "t", "1", "one");
        Commit first = commitAll("main", "first");
        db.createBranch("feature", "main", "main", false);
        assertThat(db.branches()).containsOnlyKeys("feature", "main");
        assertThat(db.branchHead("feature")).isEqualTo(first.address());
        assertThatThrownBy(() -> db.createBranch("feature", "main", "main", false))
                .hasMessage("fatal: A branch named 'feature' already exists.");
        assertThatThrownBy(() -> db.createBranch("bad name", "main", "main", false))
                .hasMessageContaining("not a valid branch name");
        assertThatThrownBy(() -> db.createBranch("x", "nope", "main", false))
                .hasMessageContaining("nope");

        write(db, "feature", "t", "2", "two");
        commitAll("feature", "on feature");
        assertThatThrownBy(() -> db.deleteBranch("feature", "main", false)).hasMessageContaining("not fully merged");
        db.renameBranch("feature", "topic", false);
        assertThat(db.branches()).containsOnlyKeys("main", "topic");
        assertThat(rows(db.branch("topic").working(), "t")).containsOnlyKeys("1", "2");
        assertThatThrownBy(() -> db.deleteBranch("main", "main", true)).hasMessageContaining("checked out");
        db.deleteBranch("topic", "main", true);
        assertThat(db.branches()).containsOnlyKeys("main");
        assertThat(db.refs().get(RefNames.workingSet("topic"))).isNull();
    }

    @Test
    void checkoutMinusBCarriesTheWorkingSet() throws IOException {
        write(db, "main", "t", "1", "uncommitted");
        db.createBranchCarryingWorkingSet("wip", "main");
        assertThat(rows(db.branch("wip").working(), "t")).containsOnlyKeys("1");
        assertThat(db.branchHead("wip")).isEqualTo(db.branchHead("main"));
    }

    @Test
    void refsResolveLikeGit() throws IOException {
        write(db, "main", "t", "1", "one");
        Commit c1 = commitAll("main", "c1");
        write(db, "main", "t", "2", "two");
        Commit c2 = commitAll("main", "c2");
        write(db, "main", "t", "3", "three");
        Commit c3 = commitAll("main", "c3");
        Tag tag = db.createTag("v1", "main~1", "main", meta("release"));
        db.setRemoteRefs("origin", Map.of("main", c1.address()));

        assertThat(db.resolve("main", "main")).isEqualTo(c3.address());
        assertThat(db.resolve("HEAD", "main")).isEqualTo(c3.address());
        assertThat(db.resolve("HEAD^", "main")).isEqualTo(c2.address());
        assertThat(db.resolve("main~2", "main")).isEqualTo(c1.address());
        assertThat(db.resolve("HEAD~1^", "main")).isEqualTo(c1.address());
        assertThat(db.resolve("v1", "main")).isEqualTo(c2.address());
        assertThat(tag.commit()).isEqualTo(c2.address());
        assertThat(db.resolve("origin/main", "main")).isEqualTo(c1.address());
        assertThat(db.resolve(c2.address().toString(), "main")).isEqualTo(c2.address());
        assertThat(db.resolve("refs/heads/main", "main")).isEqualTo(c3.address());
        assertThatThrownBy(() -> db.resolve("main~10", "main")).hasMessageContaining("past the first commit");
        assertThatThrownBy(() -> db.resolve("nosuch", "main")).isInstanceOf(DatabaseException.class);
        assertThatThrownBy(() -> db.resolve(Hash.of(new byte[] {1}).toString(), "main"))
                .isInstanceOf(DatabaseException.class);
    }

    @Test
    void tagsAreCreatedListedAndDeleted() throws IOException {
        db.createTag("v1", "main", "main", meta("first release"));
        assertThatThrownBy(() -> db.createTag("v1", "main", "main", meta("again"))).hasMessageContaining("already exists");
        assertThat(db.tags()).extracting(Tag::name).containsExactly("v1");
        assertThat(db.tags().get(0).meta().message()).isEqualTo("first release");
        db.deleteTag("v1");
        assertThat(db.tags()).isEmpty();
        assertThatThrownBy(() -> db.deleteTag("v1")).hasMessageContaining("not found");
    }

    @Test
    void logFollowsFirstParentsOrTheWholeDag() throws IOException {
        write(db, "main", "t", "1", "one");
        commitAll("main", "base");
        db.createBranch("feature", "main", "main", false);
        write(db, "feature", "f", "1", "feature table");
        Commit f1 = commitAll("feature", "f1");
        write(db, "main", "t", "2", "two");
        Commit m1 = commitAll("main", "m1");
        Merger.MergeResult r = Merger.merge(db, "main", "feature", meta(""), false);
        assertThat(r.outcome()).isEqualTo(Merger.Outcome.MERGED);
        Commit merge = db.commit(r.head());
        assertThat(merge.parents()).containsExactly(m1.address(), f1.address());
        assertThat(merge.meta().message()).isEqualTo("Merge branch 'feature' into main");

        List<Commit> firstParent = History.log(db, r.head(), true, -1);
        assertThat(firstParent).extracting(c -> c.meta().message())
                .containsExactly("Merge branch 'feature' into main", "m1", "base", "Initialize data repository");
        List<Commit> all = History.log(db, r.head(), false, -1);
        assertThat(all).hasSize(5);
        assertThat(all.get(0).address()).isEqualTo(r.head());
        assertThat(all.get(all.size() - 1).parents()).isEmpty();
        assertThat(History.log(db, r.head(), false, 2)).hasSize(2);
        assertThat(History.mergeBase(db, m1.address(), f1.address()))
                .contains(db.resolve("main~1^", "main"));
    }

    @Test
    void fastForwardAndUpToDate() throws IOException {
        db.createBranch("feature", "main", "main", false);
        write(db, "feature", "t", "1", "one");
        Commit f = commitAll("feature", "f");
        Merger.MergeResult r = Merger.merge(db, "main", "feature", meta(""), false);
        assertThat(r.outcome()).isEqualTo(Merger.Outcome.FAST_FORWARD);
        assertThat(db.branchHead("main")).isEqualTo(f.address());
        assertThat(rows(db.branch("main").working(), "t")).containsOnlyKeys("1");
        assertThat(Merger.merge(db, "main", "feature", meta(""), false).outcome())
                .isEqualTo(Merger.Outcome.UP_TO_DATE);
    }

    @Test
    void threeWayMergeCombinesRowChangesOnBothSides() throws IOException {
        write(db, "main", "t", Map.of("1", "one", "2", "two", "3", "three"));
        commitAll("main", "base");
        db.createBranch("feature", "main", "main", false);
        write(db, "feature", "t", Map.of("1", "ONE", "4", "four"));
        write(db, "feature", "t", "3", null);
        commitAll("feature", "feature edits");
        write(db, "main", "t", Map.of("2", "TWO", "5", "five"));
        commitAll("main", "main edits");

        Merger.MergeResult r = Merger.merge(db, "main", "feature", meta(""), false);
        assertThat(r.outcome()).isEqualTo(Merger.Outcome.MERGED);
        assertThat(rows(db.branch("main").working(), "t")).isEqualTo(Map.of(
                "1", "ONE", "2", "TWO", "4", "four", "5", "five"));
        assertThat(Status.of(db.branch("main")).clean()).isTrue();
    }

    @Test
    void conflictingChangesAreReportedAndNothingChanges() throws IOException {
        write(db, "main", "t", Map.of("1", "one"));
        write(db, "main", "gone", Map.of("1", "x"));
        commitAll("main", "base");
        db.createBranch("feature", "main", "main", false);
        write(db, "feature", "t", "1", "theirs");
        write(db, "feature", "gone", "1", "changed");
        commitAll("feature", "f");
        write(db, "main", "t", "1", "ours");
        RootValue w = db.branch("main").working();
        db.branch("main").setWorking(w, w.withoutTable("gone"));
        Commit ours = commitAll("main", "m");

        Merger.MergeResult r = Merger.merge(db, "main", "feature", meta(""), false);
        assertThat(r.outcome()).isEqualTo(Merger.Outcome.CONFLICT);
        assertThat(r.conflicts()).containsExactlyInAnyOrder(
                new Merger.Conflict("t", Merger.Conflict.Kind.ROWS, 1),
                new Merger.Conflict("gone", Merger.Conflict.Kind.DELETED_AND_MODIFIED, 0));
        assertThat(db.branchHead("main")).isEqualTo(ours.address());
        assertThat(rows(db.branch("main").working(), "t")).containsExactly(Map.entry("1", "ours"));
    }

    @Test
    void mergeRefusesADirtyWorkingSet() throws IOException {
        db.createBranch("feature", "main", "main", false);
        write(db, "feature", "t", "1", "one");
        commitAll("feature", "f");
        write(db, "main", "u", "1", "dirty");
        assertThatThrownBy(() -> Merger.merge(db, "main", "feature", meta(""), false))
                .hasMessageContaining("local changes");
    }

    @Test
    void diffReportsRowLevelChanges() throws IOException {
        write(db, "main", "t", Map.of("1", "one", "2", "two"));
        Commit a = commitAll("main", "a");
        write(db, "main", "t", Map.of("2", "TWO", "3", "three"));
        write(db, "main", "t", "1", null);
        write(db, "main", "u", "1", "new");
        Commit b = commitAll("main", "b");
        List<TableDelta> deltas = TableDelta.between(db.rootValue(a.rootValue()), db.rootValue(b.rootValue()));
        assertThat(deltas).extracting(TableDelta::name, TableDelta::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("t", TableDelta.Kind.MODIFIED),
                org.assertj.core.groups.Tuple.tuple("u", TableDelta.Kind.ADDED));
        List<String> changes = new java.util.ArrayList<>();
        deltas.get(0).rows(d -> changes.add(d.kind() + " " + ModelFixtures.s(d.key()) + " "
                + ModelFixtures.s(d.oldValue()) + "->" + ModelFixtures.s(d.newValue())));
        assertThat(changes).containsExactly("REMOVED 1 one->null", "MODIFIED 2 two->TWO", "ADDED 3 null->three");
    }

    @Test
    void tableNamesAreCaseInsensitiveButKeepTheirCase() throws IOException {
        write(db, "main", "People", "1", "x");
        RootValue w = db.branch("main").working();
        assertThat(w.tableNames()).containsExactly("People");
        assertThat(w.hasTable("people")).isTrue();
        write(db, "main", "PEOPLE", "2", "y");
        assertThat(db.branch("main").working().tableNames()).containsExactly("People");
    }

    @Test
    void concurrentCommitsOnTwoBranchesAreBothKept() throws Exception {
        db.createBranch("a", "main", "main", false);
        db.createBranch("b", "main", "main", false);
        int n = 20;
        Thread[] threads = new Thread[2];
        Throwable[] failure = new Throwable[1];
        for (int i = 0; i < 2; i++) {
            String branch = i == 0 ? "a" : "b";
            threads[i] = new Thread(() -> {
                try {
                    for (int k = 0; k < n; k++) {
                        write(db, branch, "t", String.valueOf(k), branch);
                        commitAll(branch, branch + k);
                    }
                } catch (Throwable e) {
                    failure[0] = e;
                }
            });
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(failure[0]).isNull();
        assertThat(History.log(db, db.branchHead("a"), true, -1)).hasSize(n + 1);
        assertThat(History.log(db, db.branchHead("b"), true, -1)).hasSize(n + 1);
    }

    @Test
    void aStaleWorkingSetWriteIsRefusedNotLost() throws IOException {
        RootValue before = db.branch("main").working();
        write(db, "main", "t", "1", "first writer");
        RootValue mine = before.withTable("t", Table.empty(store, ModelFixtures.b("schema:t")));
        assertThatThrownBy(() -> db.branch("main").setWorking(before, mine))
                .isInstanceOf(ConcurrentUpdateException.class);
        assertThat(rows(db.branch("main").working(), "t")).containsOnlyKeys("1");
    }

    @Test
    void gcDropsWhatNoRefReachesAndKeepsEveryBranchAndWorkingSet() throws IOException {
        write(db, "main", "t", Map.of("1", "one"));
        commitAll("main", "base");
        db.createBranch("doomed", "main", "main", false);
        write(db, "doomed", "t", "2", "only on doomed");
        Commit doomed = commitAll("doomed", "doomed work");
        Hash doomedRoot = doomed.rootValue();
        write(db, "main", "t", "3", "uncommitted on main");
        db.deleteBranch("doomed", "main", true);

        dev.cairn.chunkstore.GcResult r = db.gc();
        assertThat(r.chunksDropped()).isPositive();
        assertThat(store.has(doomed.address())).isFalse();
        assertThat(store.has(doomedRoot)).isFalse();
        assertThat(rows(db.branch("main").working(), "t")).containsOnlyKeys("1", "3");
        assertThat(History.log(db, db.branchHead("main"), false, -1)).hasSize(2);
    }
}
