package dev.cairn.chunkstore.model;

import static dev.cairn.chunkstore.model.ModelFixtures.meta;
import static dev.cairn.chunkstore.model.ModelFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.chunkstore.blob.DirectoryBlobStore;
import dev.cairn.chunkstore.tablefile.TableFileChunkStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uncommitted work on two branches survives closing the database and reading it in another process. */
class WorkingSetPersistenceTest {
    @TempDir
    Path dir;

    @Test
    void stagedAndUnstagedChangesOnTwoBranchesSurviveANewProcess() throws Exception {
        List<String> expected;
        try (TableFileChunkStore store = TableFileChunkStore.open(new DirectoryBlobStore(dir))) {
            Database db = Database.init(store, "main", meta("Initialize data repository"));
            write(db, "main", "t", Map.of("1", "one", "2", "two"));
            db.branch("main").commit(new Branch.CommitRequest(meta("base"), false, Branch.Staging.ALL));
            db.createBranch("feature", "main", "main", false);
            db.createTag("v1", "main", "main", meta("tagged"));

            // main: a staged change to t, then an unstaged change on top, and an untracked table.
            write(db, "main", "t", "3", "staged on main");
            db.branch("main").stage(List.of("t"));
            write(db, "main", "t", "1", "unstaged on main");
            write(db, "main", "scratch", "a", "untracked on main");

            // feature: a staged new table and an unstaged delete.
            write(db, "feature", "f", "x", "staged on feature");
            db.branch("feature").stage(List.of("f"));
            write(db, "feature", "t", "2", null);

            expected = WorkingSetDump.dump(db);
        }
        assertThat(expected).contains(
                "  staged t {1=one, 2=two, 3=staged on main}",
                "  working t {1=unstaged on main, 2=two, 3=staged on main}",
                "  working scratch {a=untracked on main}",
                "  staged f {x=staged on feature}",
                "  working t {1=one}");

        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), WorkingSetDump.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output.lines().toList()).isEqualTo(expected);
    }
}
