package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.cli.demo.SampleDatabase;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backup sync} killed with SIGKILL at random points, each followed by a sync that
 * must succeed and a restore that must equal the source. The sample is small, so the sync is
 * slowed with {@code CAIRN_TEST_SLOW_TRANSFER_MS} (each landed table file waits that long;
 * see {@code dev.cairn.sql.ops.TransferListeners}) to give the kills an upload to interrupt.
 * Even rounds sync to a new destination (the whole-file copy), odd rounds to one shared
 * backup after changing 1% of the rows (the incremental walk). Rounds 2, 3, 6 and 7 do all
 * three steps (the killed sync, the sync after it, the restore) through
 * {@code cairn sql -q "call dolt_backup(...)"}, the others through {@code cairn backup}.
 * The seed is in every assertion message.
 */
class KilledSyncIT {
    static final int ROWS = 60_000;
    static final int ROUNDS = 10;
    static final Map<String, String> SLOW = Map.of("CAIRN_TEST_SLOW_TRANSFER_MS", "60");

    @TempDir
    Path dir;

    @Test
    void syncsKilledAtRandomPointsAreCompletedByTheNextSync() throws Exception {
        Launcher cairn = new Launcher(dir.resolve("cairn-root"));
        Path db = dir.resolve("db");
        SampleDatabase.create(db, ROWS, Launcher.META).close();
        long seed = System.nanoTime();
        Random rnd = new Random(seed);

        long t0 = System.nanoTime();
        cairn.ok(db, "backup", "sync-url", "file://" + dir.resolve("calibration"));
        long fullMillis = (System.nanoTime() - t0) / 1_000_000;

        Path sharedBackup = dir.resolve("shared");
        int killedWhileRunning = 0;
        for (int round = 0; round < ROUNDS; round++) {
            String at = "seed " + seed + ", round " + round;
            Path dest = round % 2 == 0 ? dir.resolve("fresh-" + round) : sharedBackup;
            if (round % 2 == 1) {
                long from = rnd.nextInt(ROWS - ROWS / 100);
                int r = round;
                try (var repo = dev.cairn.repo.Repo.open(db)) {
                    SampleDatabase.update(repo, "orders", SampleDatabase.ORDERS, from, from + ROWS / 100,
                            i -> new Object[] {i, (long) r, i * r, "round " + r});
                }
            }
            boolean sql = round % 4 >= 2;
            at += sql ? ", through dolt_backup" : ", through cairn backup";
            String[] sync = sql ? new String[] {"sql", "-q", "call dolt_backup('sync-url', 'file://" + dest + "')"}
                    : new String[] {"backup", "sync-url", "file://" + dest};
            Process p = cairn.builder(db, SLOW, sync)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            long delay = (long) (fullMillis * (0.35 + 0.7 * rnd.nextDouble()));
            if (!p.waitFor(delay, TimeUnit.MILLISECONDS)) {
                killedWhileRunning++;
            }
            p.destroyForcibly(); // SIGKILL: the launcher execs the JVM, so this is the sync itself
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as(at).isTrue();

            cairn.ok(db, sync);
            String name = "restored-" + round;
            if (sql) {
                cairn.ok(dir, "sql", "-q", "call dolt_backup('restore', 'file://" + dest + "', '" + name + "')");
            } else {
                cairn.ok(dir, "backup", "restore", "file://" + dest, name);
            }
            assertThat(BackupRestoreIT.print(dir.resolve(name)).differences(BackupRestoreIT.print(db))).as(at)
                    .isEmpty();
            Launcher.deleteTree(dir.resolve(name));
        }
        assertThat(killedWhileRunning).as("syncs killed before they finished (seed %d, a full sync takes %d ms)",
                seed, fullMillis).isGreaterThanOrEqualTo(ROUNDS / 2);
    }
}
