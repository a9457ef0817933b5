package dev.cairn.cli;

import dev.cairn.chunkstore.model.CommitMeta;
import dev.cairn.cli.commands.CairnCommand;
import dev.cairn.cli.demo.DatabaseFingerprint;
import dev.cairn.cli.demo.SampleDatabase;
import dev.cairn.remotes.BackupService;
import dev.cairn.remotes.sync.ProgressFormat;
import dev.cairn.remotes.sync.SyncResult;
import dev.cairn.repo.Repo;
import dev.cairn.sql.ops.BackupOp;
import dev.cairn.sql.procs.args.UrlOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cairn demo}: Cairn's main job end to end on an embedded default (a temporary
 * directory unless {@code --dir}): builds a sample database, backs it up to a {@code file://}
 * backup, changes a few rows and syncs again, restores into a new directory and checks that
 * the restore equals the original. Progress lines go to stderr, the report to stdout; exit 1
 * if anything differs.
 */
@Command(name = "demo", description = "Back up a sample database, sync a change, restore it and compare.")
public final class DemoCommand extends CairnCommand {
    /** What the demo's second sync may send for a few changed rows: a handful of tree nodes. */
    static final long SMALL_SYNC_BYTES = 64 * 1024;

    @Option(names = "--dir", description = "Keep the demo's databases and backup in this (new or empty) directory.")
    Path dir;

    @Option(names = "--rows", defaultValue = "5000", description = "Rows in the sample's largest table (default ${DEFAULT-VALUE}).")
    int rows;

    @Override
    protected void run() throws IOException {
        if (rows < 1) {
            throw new UserError("--rows must be at least 1");
        }
        boolean temporary = dir == null;
        Path base = temporary ? Files.createTempDirectory("cairn-demo-") : cwd().resolve(dir).normalize();
        if (!temporary && Files.isDirectory(base)) {
            try (Stream<Path> s = Files.list(base)) {
                if (s.findAny().isPresent()) {
                    throw new UserError("directory '" + dir + "' is not empty");
                }
            }
        }
        try {
            demo(base, out());
            out().println(temporary ? "Done; removed the temporary directory." : "Done; everything is in " + base);
        } finally {
            if (temporary) {
                deleteTree(base);
            }
        }
    }

    private void demo(Path base, PrintWriter out) throws IOException {
        long t0 = System.nanoTime();
        Path sample = base.resolve("sample");
        String url = "file://" + base.resolve("backup");
        CommitMeta meta = new CommitMeta("Cairn Demo", "demo@cairn.invalid", System.currentTimeMillis(), "demo");
        out.println("Cairn demo in " + base);
        DatabaseFingerprint original;
        try (Repo repo = SampleDatabase.create(sample, rows, meta)) {
            original = DatabaseFingerprint.of(repo);
        }
        out.printf("1. Built database 'sample': tables customers, orders, notes (%d rows in orders); branches main "
                + "and feature, tag v1, remote-tracking origin/main, a staged and an unstaged change on main (%d ms)%n",
                rows, millisSince(t0));
        try (CliSession s = CliSession.requiring(sample).reportingTo(err())) {
            BackupOp.add(s, "demo", url, new UrlOptions());
            out.println("2. Added backup 'demo' -> " + url);
            SyncResult first = sync(s);
            out.println("3. Synced: " + sent(first) + (first.wholeFileCopy() ? " (whole table files: the backup was empty)" : ""));
            try (Repo repo = Repo.open(sample)) {
                SampleDatabase.update(repo, "orders", SampleDatabase.ORDERS, rows / 2, rows / 2 + 3,
                        i -> new Object[] {i, 1L, 42L, "changed after the first backup"});
            }
            SyncResult second = sync(s);
            out.println("4. Changed 3 rows and synced again: " + sent(second) + ", only the chunks on the changed rows' "
                    + "paths");
            if (second.bytesSent() > SMALL_SYNC_BYTES) {
                throw new UserError("the second sync sent " + second.bytesSent() + " bytes for 3 changed rows; "
                        + "expected at most " + SMALL_SYNC_BYTES);
            }
        }
        try (Repo repo = Repo.open(sample)) {
            original = DatabaseFingerprint.of(repo);
        }
        BackupService.RestoreOutcome restored;
        try (CliSession s = CliSession.in(base).reportingTo(err())) {
            restored = BackupOp.restore(s, url, "restored", false, new UrlOptions());
            s.finishTransfers();
        }
        out.println("5. Restored the backup into 'restored': " + restored.sync().chunksSent() + " chunks, "
                + ProgressFormat.bytes(restored.sync().bytesSent()) + ", branch " + restored.branch() + " checked out");
        DatabaseFingerprint copy;
        try (Repo repo = Repo.open(base.resolve("restored"))) {
            copy = DatabaseFingerprint.of(repo);
            if (!repo.state().remotes().isEmpty() || !repo.state().backups().isEmpty()) {
                throw new UserError("the restored database has remotes or backups configured");
            }
        }
        List<String> diffs = original.differences(copy);
        if (!diffs.isEmpty()) {
            out.println("6. The restored database DIFFERS from the original:");
            diffs.forEach(d -> out.println("   " + d));
            throw new UserError("restored database differs from the original in " + diffs.size() + " place(s)");
        }
        long branches = copy.refs().keySet().stream().filter(k -> k.startsWith("refs/heads/")).count();
        long tags = copy.refs().keySet().stream().filter(k -> k.startsWith("refs/tags/")).count();
        out.printf("6. The restored database equals the original: %d refs (%d branches, %d tag(s), remote-tracking "
                + "refs, working sets) at the same addresses, and %d table checksums over working and staged "
                + "rows match (%d ms in all)%n", copy.refs().size(), branches, tags, copy.tables().size(),
                millisSince(t0));
    }

    private static SyncResult sync(CliSession s) throws IOException {
        SyncResult r = BackupOp.sync(s, "demo", null).sync();
        s.finishTransfers();
        return r;
    }

    private static String sent(SyncResult r) {
        return "sent " + ProgressFormat.bytes(r.bytesSent()) + " (" + r.bytesSent() + " bytes) in " + r.chunksSent()
                + " chunks, " + r.filesUploaded() + " table file(s)";
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(x);
            }
        }
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
