package dev.cairn.cli;

import static dev.cairn.cli.InProcess.cairn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.cli.InProcess.Result;
import dev.cairn.remotes.sync.ProgressListener;
import dev.cairn.remotes.sync.SyncProgress;
import dev.cairn.remotes.sync.TransferDirection;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transfer commands' lines, in-process: progress on stderr, one-line errors. */
class TransferCommandsTest {
    @TempDir
    Path dir;

    private Result init(Path db) throws Exception {
        Files.createDirectories(db);
        return cairn(db, "init", "--name", "Tess Ter", "--email", "tess@example.com");
    }

    @Test
    void progressTurnsTheEnginesRunningTotalsIntoOneSummaryLine() throws Exception {
        StringWriter err = new StringWriter();
        try (CliSession s = CliSession.in(dir).reportingTo(new PrintWriter(err))) {
            ProgressListener up = s.progress(TransferDirection.UPLOAD);
            up.progress(new SyncProgress(2, 10, 1000, 3100, Duration.ofMillis(5)));
            up.progress(new SyncProgress(10, 10, 3100, 3100, Duration.ofMillis(9)));
            ProgressListener down = s.progress(TransferDirection.DOWNLOAD);
            down.progress(new SyncProgress(14, 14, 3500, 3500, Duration.ofMillis(2)));
            assertThat(err.toString()).isEmpty();
            s.notice("pruned 0 unreferenced table files, 0 B");
        }
        assertThat(err.toString()).matches("Uploaded 3\\.1 kB of 3\\.1 kB @ .*/s\\.\n"
                + "Downloaded 14 chunks, 3\\.5 kB @ .*/s\\.\npruned 0 unreferenced table files, 0 B\n");
    }

    @Test
    void aSessionWithoutAStreamReportsNothing() throws Exception {
        try (CliSession s = CliSession.in(dir)) {
            assertThat(s.progress(TransferDirection.UPLOAD)).isSameAs(ProgressListener.NONE);
        }
    }

    @Test
    void syncRestoreAndTheirErrors() throws Exception {
        Path db = dir.resolve("db");
        init(db);
        assertThat(cairn(db, "backup", "sync", "nope").err()).isEqualTo("error: backup 'nope' not found\n");
        cairn(db, "backup", "add", "b", "file://" + dir.resolve("b"));
        Result sync = cairn(db, "backup", "sync", "b");
        assertThat(sync.exit()).as(sync.err()).isZero();
        assertThat(sync.err()).matches("Uploaded \\d+ B of \\d+ B @ .*/s\\.\n");
        assertThat(sync.out()).isEmpty();
        Result bad = cairn(db, "backup", "sync", "b", "--prune-with-grace-period", "soon");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).startsWith("error: invalid --prune-with-grace-period: ").hasLineCount(1);
        Result restore = cairn(dir, "backup", "restore", "file://" + dir.resolve("b"), "r");
        assertThat(restore.exit()).as(restore.err()).isZero();
        assertThat(restore.err()).matches("Downloaded \\d+ chunks, \\d+ B @ .*/s\\.\n");
        assertThat(cairn(dir, "backup", "restore", "file://" + dir.resolve("b"), "r").err())
                .isEqualTo("error: database 'r' already exists, use '--force' to overwrite\n");
        assertThat(cairn(dir, "backup", "sync", "b").err())
                .isEqualTo("The current directory is not a valid cairn repository.\n");
    }

    @Test
    void pushFetchPullCloneErrors() throws Exception {
        Path db = dir.resolve("db");
        init(db);
        assertThat(cairn(db, "push", "origin", "main").err()).isEqualTo("error: remote 'origin' not found\n");
        assertThat(cairn(db, "fetch").err()).isEqualTo("error: remote 'origin' not found\n");
        assertThat(cairn(db, "pull", "up").err()).isEqualTo("error: remote 'up' not found\n");
        Result clone = cairn(dir, "clone", "file://" + dir.resolve("nothing-here"), "c");
        assertThat(clone.exit()).isEqualTo(1);
        assertThat(clone.err()).startsWith("error: ").hasLineCount(1);
        assertThat(dir.resolve("c")).doesNotExist();
    }
}
