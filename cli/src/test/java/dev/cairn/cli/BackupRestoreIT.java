package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.cli.Launcher.Result;
import dev.cairn.cli.demo.DatabaseFingerprint;
import dev.cairn.cli.demo.SampleDatabase;
import dev.cairn.repo.Repo;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backup sync}, {@code sync-url} and {@code restore} end to end through the real
 * launcher. The source is {@link SampleDatabase} (every kind of ref and a staged and an
 * unstaged change), built once in-process; tests that change it work on a copy.
 */
class BackupRestoreIT {
    static final int ROWS = 3000;

    @TempDir
    static Path shared;
    static Launcher cairn;
    static Path source;
    static DatabaseFingerprint sourcePrint;

    @TempDir
    Path work;

    @BeforeAll
    static void sample() throws Exception {
        cairn = new Launcher(shared.resolve("cairn-root"));
        source = shared.resolve("source");
        try (Repo r = SampleDatabase.create(source, ROWS, Launcher.META)) {
            sourcePrint = DatabaseFingerprint.of(r);
        }
    }

    private Path copyOfSource(String name) throws IOException {
        Path db = work.resolve(name);
        Launcher.copyTree(source, db);
        return db;
    }

    static DatabaseFingerprint print(Path db) throws IOException {
        try (Repo r = Repo.open(db)) {
            return DatabaseFingerprint.of(r);
        }
    }

    static long rows(Path db, String branch, String table) throws IOException {
        try (Repo r = Repo.open(db)) {
            return r.db().branch(branch).working().table(table).rows().count();
        }
    }

    /** The same {@code branch -a -v} and {@code log} of a branch that is not checked out in both. */
    private void sameHistoryAndStatus(Path a, Path b) throws Exception {
        for (String[] cmd : new String[][] {{"branch", "-a", "-v"}, {"log", "--oneline", "feature"}}) {
            assertThat(cairn.ok(b, cmd).out()).as("cairn %s", String.join(" ", cmd)).isEqualTo(cairn.ok(a, cmd).out());
        }
    }

    @Test
    void syncMirrorsBranchesTagsRemoteRefsAndWorkingSetsIntoARestore() throws Exception {
        String url = "file://" + work.resolve("nightly");
        cairn.ok(source, "backup", "add", "nightly", url);
        try {
            Result sync = cairn.ok(source, "backup", "sync", "nightly");
            assertThat(sync.err()).matches("Uploaded \\d+(\\.\\d)? kB of \\d+(\\.\\d)? kB @ .*/s\\.\n");
            Result again = cairn.ok(source, "backup", "sync", "nightly");
            assertThat(again.err()).startsWith("Uploaded 0 B of 0 B @ ");

            Path elsewhere = Files.createDirectories(work.resolve("not-a-database"));
            Result restore = cairn.ok(elsewhere, "backup", "restore", url, "copy");
            assertThat(restore.err()).matches("Downloaded \\d+ chunks, .* @ .*/s\\.\n");
            Path copy = elsewhere.resolve("copy");
            assertThat(print(copy).differences(sourcePrint)).isEmpty();
            assertThat(rows(copy, "main", "orders")).isEqualTo(ROWS);
            assertThat(rows(copy, "feature", "notes")).isEqualTo(50);

            assertThat(cairn.ok(copy, "status").out()).startsWith("On branch main\n")
                    .contains("Changes to be committed:").contains("\tmodified:   customers\n")
                    .contains("Changes not staged for commit:").contains("\tmodified:   orders\n");
            assertThat(cairn.ok(copy, "branch", "-a").out()).isEqualTo("  feature\n* main\n  remotes/origin/main\n");
            assertThat(cairn.ok(copy, "tag").out()).isEqualTo("v1\n");
            assertThat(cairn.ok(copy, "log", "--oneline").out()).contains("load customers and orders");
            sameHistoryAndStatus(source, copy);
            try (Repo r = Repo.open(copy)) {
                assertThat(r.state().backups()).isEmpty();
                assertThat(r.state().remotes()).isEmpty();
            }
        } finally {
            cairn.ok(source, "backup", "rm", "nightly");
        }
    }

    @Test
    void refsTheSourceNoLongerHasDisappearFromTheBackup() throws Exception {
        Path db = copyOfSource("db");
        String url = "file://" + work.resolve("b");
        cairn.ok(db, "backup", "sync-url", url);
        cairn.ok(db, "branch", "-D", "feature");
        cairn.ok(db, "tag", "-d", "v1");
        cairn.ok(db, "backup", "sync-url", url);
        cairn.ok(work, "backup", "restore", url, "r");
        assertThat(cairn.ok(work.resolve("r"), "branch", "-a").out()).isEqualTo("* main\n  remotes/origin/main\n");
        assertThat(cairn.ok(work.resolve("r"), "tag").out()).isEmpty();
        assertThat(print(work.resolve("r")).differences(print(db))).isEmpty();
    }

    @Test
    void unknownBackupsBadNamesAndAddressConflicts() throws Exception {
        Path db = Files.createDirectories(work.resolve("db"));
        cairn.ok(db, "init");
        cairn.fails(db, "error: backup 'nope' not found", "backup", "sync", "nope");
        cairn.fails(db, "error: backup name 'a.b' is invalid", "backup", "add", "a.b", "file:///x");
        cairn.fails(db, "error: backup URL '' is invalid", "backup", "add", "b", "");
        cairn.ok(db, "backup", "add", "b1", "file:///srv/one");
        cairn.fails(db, "error: backup 'b1' already exists", "backup", "add", "b1", "file:///srv/two");
        cairn.fails(db, "error: address conflict with a remote: 'b1'", "backup", "add", "b2", "file:///srv/one");
        cairn.fails(db, "error: address conflict with a remote: 'b1'", "remote", "add", "origin", "file:///srv/one");
        cairn.ok(db, "remote", "add", "origin", "file:///srv/three");
        cairn.fails(db, "error: address conflict with a remote: 'origin'", "backup", "add", "b3", "file:///srv/three");
        cairn.fails(work, "The current directory is not a valid cairn repository.", "backup", "sync", "b1");
        Result prune = cairn.run(db, Map.of(), "backup", "restore", "--prune-with-grace-period", "1h",
                "file:///srv/one", "x");
        assertThat(prune.exit()).isEqualTo(1);
        assertThat(prune.err()).startsWith("error: Unknown option").contains("--prune-with-grace-period")
                .hasLineCount(1);
    }

    @Test
    void restoreOntoAnExistingDatabaseNeedsForce() throws Exception {
        Path db = copyOfSource("db");
        String url = "file://" + work.resolve("b");
        cairn.ok(db, "backup", "sync-url", url);
        cairn.ok(work, "backup", "restore", url, "r");
        cairn.fails(work, "error: database 'r' already exists, use '--force' to overwrite",
                "backup", "restore", url, "r");
        try (Repo r = Repo.open(db)) {
            SampleDatabase.update(r, "orders", SampleDatabase.ORDERS, 10, 20, i -> new Object[] {i, 2L, 3L, "new"});
        }
        cairn.ok(db, "backup", "sync-url", url);
        cairn.ok(work, "backup", "restore", "--force", url, "r");
        assertThat(print(work.resolve("r")).differences(print(db))).isEmpty();
        cairn.fails(work, "error: backup at '" + url.replace("file://", "file://") + "-missing' has no database",
                "backup", "restore", url + "-missing", "s");
        assertThat(work.resolve("s")).doesNotExist();
    }

    @Test
    void syncUrlMirrorsWithoutConfiguringABackup() throws Exception {
        Path db = copyOfSource("db");
        Path dest = work.resolve("deep/new/dest");
        Result r = cairn.ok(db, "backup", "sync-url", "file://" + dest);
        assertThat(r.err()).startsWith("Uploaded ");
        assertThat(dest.resolve("manifest")).isRegularFile();
        assertThat(cairn.ok(db, "backup").out()).isEmpty();
        cairn.ok(work, "backup", "restore", "file://" + dest, "r");
        assertThat(print(work.resolve("r")).differences(sourcePrint)).isEmpty();
    }

    @Test
    void aSecondSyncWritesOnlyTheNovelChunks() throws Exception {
        Path db = copyOfSource("db");
        Path dest = work.resolve("b");
        cairn.ok(db, "backup", "add", "b", "file://" + dest);
        cairn.ok(db, "backup", "sync", "b");
        long full = Launcher.treeBytes(dest);
        try (Repo r = Repo.open(db)) {
            SampleDatabase.update(r, "orders", SampleDatabase.ORDERS, 1500, 1503,
                    i -> new Object[] {i, 9L, 9L, "novel"});
        }
        Result second = cairn.ok(db, "backup", "sync", "b");
        long grown = Launcher.treeBytes(dest) - full;
        assertThat(full).isGreaterThan(50_000);
        assertThat(grown).as("bytes the second sync added to the backup").isPositive().isLessThan(16 * 1024)
                .isLessThan(full / 10);
        assertThat(second.err()).matches("Uploaded \\d+(\\.\\d)? kB of .*\n");
        cairn.ok(work, "backup", "restore", "file://" + dest, "r");
        assertThat(print(work.resolve("r")).differences(print(db))).isEmpty();
    }

    @Test
    void aFlippedByteInABackupTableFileIsReportedByNameOnRestore() throws Exception {
        Path dest = work.resolve("b");
        cairn.ok(source, "backup", "sync-url", "file://" + dest);
        Path victim = flipAByteInTheLargestTableFile(dest);
        Result r = cairn.run(work, Map.of(), "backup", "restore", "file://" + dest, "r");
        assertThat(r.exit()).isEqualTo(1);
        List<String> lines = r.err().lines().filter(l -> !l.startsWith("Downloaded")).toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).startsWith("error: ").contains(victim.getFileName().toString());
        assertThat(work.resolve("r")).doesNotExist();
    }

    /** Flips one byte a third of the way into the backup's largest table file, and returns that file. */
    static Path flipAByteInTheLargestTableFile(Path backup) throws IOException {
        Path victim;
        try (Stream<Path> s = Files.list(backup)) {
            victim = s.filter(p -> p.getFileName().toString().matches("[0-9a-v]{32}"))
                    .max(Comparator.comparingLong(p -> p.toFile().length())).orElseThrow();
        }
        try (FileChannel ch = FileChannel.open(victim, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            long at = ch.size() / 3;
            ch.read(b, at);
            b.put(0, (byte) (b.get(0) ^ 0x5a));
            b.rewind();
            ch.write(b, at);
        }
        return victim;
    }
}
