package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.cli.Launcher.Result;
import dev.cairn.cli.demo.SampleDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link BackupRestoreIT}'s scenarios through {@code cairn sql -q "call dolt_backup(...)"}:
 * the procedure and the command share one implementation, and this shows it from the
 * user's side.
 */
class BackupSqlIT {
    @TempDir
    Path work;

    private static String call(String args) {
        return "call dolt_backup(" + args + ")";
    }

    @Test
    void theBackupScenariosThroughDoltBackup() throws Exception {
        Launcher cairn = new Launcher(work.resolve("cairn-root"));
        Path db = work.resolve("db");
        SampleDatabase.create(db, 2000, Launcher.META).close();
        String url = "file://" + work.resolve("nightly");

        assertThat(cairn.ok(db, "sql", "-r", "csv", "-q", call("'add', 'nightly', '" + url + "'")).out())
                .isEqualTo("status\n0\n");
        cairn.ok(db, "sql", "-q", call("'sync', 'nightly'"));
        cairn.ok(db, "sql", "-q", call("'sync', 'nightly'")); // up to date is a success
        assertThat(cairn.ok(db, "sql", "-r", "csv", "-q", "select name, url from dolt_backups").out())
                .isEqualTo("name,url\nnightly," + url + "\n");

        Result unknown = cairn.run(db, Map.of(), "sql", "-q", call("'sync', 'nope'"));
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("backup 'nope' not found");
        Result dup = cairn.run(db, Map.of(), "sql", "-q", call("'add', 'nightly', 'file:///x'"));
        assertThat(dup.err()).contains("backup 'nightly' already exists");
        Result conflict = cairn.run(db, Map.of(), "sql", "-q", call("'add', 'other', '" + url + "'"));
        assertThat(conflict.err()).contains("address conflict with a remote: 'nightly'");
        Result usage = cairn.run(db, Map.of(), "sql", "-q", call("'restore', '" + url + "'"));
        assertThat(usage.err()).contains("usage: dolt_backup('restore', 'remote_url', 'new_db_name'");
        assertThat(cairn.run(db, Map.of(), "sql", "-q", "call dolt_backup()").err())
                .contains("use 'dolt_backups' table to list backups");

        Path outside = Files.createDirectories(work.resolve("outside"));
        cairn.ok(outside, "sql", "-q", call("'restore', '" + url + "', 'copy'"));
        assertThat(BackupRestoreIT.print(outside.resolve("copy")).differences(BackupRestoreIT.print(db))).isEmpty();
        Result exists = cairn.run(outside, Map.of(), "sql", "-q", call("'restore', '" + url + "', 'copy'"));
        assertThat(exists.err()).contains("database 'copy' already exists, use '--force' to overwrite");
        cairn.ok(outside, "sql", "-q", call("'restore', '--force', '" + url + "', 'copy'"));
        assertThat(cairn.ok(outside, "sql", "-r", "csv", "-q",
                call("'restore', '" + url + "', 'again'") + "; use again; select count(*) from orders").out())
                .endsWith("2000\n");

        Path dest = work.resolve("by-url");
        cairn.ok(db, "sql", "-q", call("'sync-url', 'file://" + dest + "'"));
        long full = Launcher.treeBytes(dest);
        cairn.ok(db, "sql", "-q", "update orders set note = 'novel' where id < 3");
        cairn.ok(db, "sql", "-q", call("'sync-url', 'file://" + dest + "'"));
        assertThat(Launcher.treeBytes(dest) - full).isPositive().isLessThan(16 * 1024);
        cairn.ok(outside, "sql", "-q", call("'restore', 'file://" + dest + "', 'byurl'"));
        assertThat(BackupRestoreIT.print(outside.resolve("byurl")).differences(BackupRestoreIT.print(db))).isEmpty();
        assertThat(cairn.ok(outside.resolve("byurl"), "sql", "-r", "csv", "-q",
                "select count(*) from orders where note = 'novel'").out()).endsWith("3\n");

        Path victim = BackupRestoreIT.flipAByteInTheLargestTableFile(dest);
        Result corrupt = cairn.run(outside, Map.of(), "sql", "-q", call("'restore', 'file://" + dest + "', 'bad'"));
        assertThat(corrupt.exit()).isEqualTo(1);
        assertThat(corrupt.err()).contains(victim.getFileName().toString()).doesNotContain("\tat ");
        assertThat(outside.resolve("bad")).doesNotExist();
    }
}
