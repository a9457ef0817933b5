package dev.cairn.sql.procs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

class BackupAndRemoteProceduresTest {
    private static final String AWS_USAGE = ", ['--aws-region=<region>'], ['--aws-creds-type=<type>'], "
            + "['--aws-creds-file=<file>'], ['--aws-creds-profile=<profile>'])";

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

    private void fails(String message, String proc, String... args) {
        assertThatThrownBy(() -> s.call(proc, args)).isInstanceOf(SqlException.class).hasMessage(message);
    }

    @Test
    void awsOptionsAreAcceptedForS3Urls() throws IOException {
        s.call("dolt_backup", "add", "s3b", "s3://bkt/db?endpoint=http://127.0.0.1:9&path-style=true",
                "--aws-region=eu-west-1", "--aws-creds-profile=backup");
        assertThat(s.repo().state().backups().get("s3b").params())
                .isEqualTo(Map.of("aws-region", "eu-west-1", "aws-creds-profile", "backup"));
    }

    @Test
    void backupAddStoresNameUrlAndParamsDurably() throws IOException {
        assertThat(s.call("dolt_backup", "add", "nightly", "file:///srv/bk").rows().get(0)).containsExactly(0L);
        s.call("dolt_backup", "add", "cloud", "aws://tbl:bucket/db", "--aws-region=eu-west-1",
                "--aws-creds-type=env");
        Repo reopened = Repo.open(s.repo().dir());
        try {
            assertThat(reopened.state().backups()).containsOnlyKeys("cloud", "nightly");
            assertThat(reopened.state().backups().get("nightly").url()).isEqualTo("file:///srv/bk");
            assertThat(reopened.state().backups().get("cloud").params())
                    .isEqualTo(Map.of("aws-region", "eu-west-1", "aws-creds-type", "env"));
        } finally {
            reopened.close();
        }
    }

    @Test
    void relativeFileUrlIsStoredAbsolute() throws IOException {
        s.call("dolt_backup", "add", "rel", "file://../bk");
        assertThat(s.repo().state().backups().get("rel").url())
                .isEqualTo("file://" + s.repo().dir().getParent().resolve("bk"));
    }

    @Test
    void backupRemoveAndRm() throws IOException {
        s.call("dolt_backup", "add", "a", "file:///a");
        s.call("dolt_backup", "add", "b", "file:///b");
        s.call("dolt_backup", "remove", "a");
        s.call("dolt_backup", "rm", "b");
        assertThat(s.repo().state().backups()).isEmpty();
    }

    @Test
    void backupArgumentErrors() {
        fails("use 'dolt_backups' table to list backups", "dolt_backup");
        fails("unrecognized dolt_backup parameter 'frob'", "dolt_backup", "frob");
        fails("usage: dolt_backup('add', 'backup_name', 'backup_url'" + AWS_USAGE, "dolt_backup", "add", "x");
        fails("usage: dolt_backup('remove', 'backup_name')", "dolt_backup", "remove");
        fails("usage: dolt_backup('rm', 'backup_name')", "dolt_backup", "rm", "a", "b");
        fails("usage: dolt_backup('sync', 'backup_name')", "dolt_backup", "sync");
        fails("usage: dolt_backup('sync-url', 'remote_url'" + AWS_USAGE, "dolt_backup", "sync-url");
        fails("usage: dolt_backup('restore', 'remote_url', 'new_db_name', ['--force'], ['--aws-region=<region>'], "
                + "['--aws-creds-type=<type>'], ['--aws-creds-file=<file>'], ['--aws-creds-profile=<profile>'])",
                "dolt_backup", "restore", "file:///x");
    }

    @Test
    void backupNameUrlAndUniquenessErrors() throws IOException {
        for (String bad : new String[] {"", "a b", "a.b", "a/b", "a!", "a@b", "a#", "a$", "a%", "a^", "a&", "a*",
            "a(", "a)", "a{", "a}", "a[", "a]", "a,", "a<", "a>", "a'", "a\"", "a?", "a=", "a+", "a|", "a\\b", "a\tb"}) {
            fails("backup name '" + bad + "' is invalid", "dolt_backup", "add", bad, "file:///x");
        }
        fails("backup URL '' is invalid", "dolt_backup", "add", "b", "");
        fails("backup URL 'nonsense' is invalid", "dolt_backup", "add", "b", "nonsense");
        fails("backup URL 'ftp://x/y' is invalid", "dolt_backup", "add", "b", "ftp://x/y");
        s.call("dolt_backup", "add", "b", "file:///x");
        fails("backup 'b' already exists", "dolt_backup", "add", "b", "file:///y");
        fails("address conflict with a remote: 'b'", "dolt_backup", "add", "c", "file:///x/");
        fails("backup 'nope' not found", "dolt_backup", "remove", "nope");
        fails("backup 'nope' not found", "dolt_backup", "sync", "nope");
        s.call("dolt_remote", "add", "origin", "file:///remote");
        fails("address conflict with a remote: 'origin'", "dolt_backup", "add", "c", "file:///remote");
        fails("address conflict with a remote: 'b'", "dolt_remote", "add", "other", "file:///x");
    }

    @Test
    void awsOptionsOnlyWithAwsUrls() {
        fails("error: '--aws-region' is only valid for aws cloud remotes in the format aws://dynamo-table:s3-bucket/database",
                "dolt_backup", "add", "b", "file:///x", "--aws-region=us-east-1");
        fails("error: 'magic' is not a valid option for '--aws-creds-type'. valid options are: role, env, file",
                "dolt_backup", "add", "b", "aws://t:b/db", "--aws-creds-type", "magic");
        fails("error: '--aws-creds-profile' is only valid for aws cloud remotes in the format "
                + "aws://dynamo-table:s3-bucket/database", "dolt_backup", "sync-url", "gs://b/db", "--aws-creds-profile=p");
    }

    @Test
    void theRefOptionIsStoredForGitUrlsOnly() throws IOException {
        s.call("dolt_backup", "add", "g", "git+file:///srv/data.git", "--ref", "refs/cairn/nightly");
        assertThat(s.repo().state().backups().get("g"))
                .isEqualTo(new RemoteConfig("g", "git+file:///srv/data.git", Map.of("ref", "refs/cairn/nightly")));
        fails("error: '--ref' is only valid for git remotes (git+file://, git+https://, git+ssh://)",
                "dolt_backup", "add", "b", "file:///x", "--ref=refs/x");
        fails("error: '--ref' is only valid for git remotes (git+file://, git+https://, git+ssh://)",
                "dolt_remote", "add", "origin", "s3://bucket/db", "--ref", "refs/x");
        fails("error: '--ref': 'main' is not a valid ref name like refs/dolt/data",
                "dolt_backup", "add", "h", "git+file:///srv/data.git", "--ref", "main");
    }

    @Test
    void restoreRefusesAnExistingDatabaseWithoutForce() {
        fails("database 'db' already exists, use '--force' to overwrite", "dolt_backup", "restore", "file:///x", "db");
        fails("error: '--prune-with-grace-period' is only valid with 'sync' and 'sync-url'",
                "dolt_backup", "restore", "--prune-with-grace-period=1h", "file:///x", "fresh");
    }

    @Test
    void remoteAddRemoveAndErrors() throws IOException {
        assertThat(s.call("dolt_remote", "add", "origin", "file:///srv/db").rows().get(0)).containsExactly(0L);
        assertThat(s.repo().state().remotes().get("origin"))
                .isEqualTo(new RemoteConfig("origin", "file:///srv/db", Map.of()));
        var db = s.repo().db();
        db.setRemoteRefs("origin", Map.of("main", db.branchHead("main")));
        fails("use 'dolt_remotes' table to list remotes", "dolt_remote");
        fails("unrecognized dolt_remote parameter 'show'", "dolt_remote", "show");
        fails("usage: dolt_remote('add', 'remote_name', 'remote_url')", "dolt_remote", "add", "x");
        fails("usage: dolt_remote('rm', 'remote_name')", "dolt_remote", "rm");
        fails("remote name 'a b' is invalid", "dolt_remote", "add", "a b", "file:///y");
        fails("remote URL '' is invalid", "dolt_remote", "add", "up", "");
        fails("remote 'origin' already exists", "dolt_remote", "add", "origin", "file:///y");
        fails("remote 'nope' not found", "dolt_remote", "remove", "nope");
        s.call("dolt_remote", "rm", "origin");
        assertThat(s.repo().state().remotes()).isEmpty();
        assertThat(db.refs().list(RefNames.REMOTES)).isEmpty();
    }

    @Test
    void pushPullFetchCloneCheckArguments() throws IOException {
        fails("remote 'origin' not found", "dolt_fetch");
        fails("remote 'origin' not found", "dolt_pull");
        fails("fatal: The current branch main has no upstream branch. To push the current branch and set the "
                + "remote as upstream, use --set-upstream <remote> main", "dolt_push");
        fails("remote 'up' not found", "dolt_push", "up", "main");
        s.call("dolt_remote", "add", "origin", "file:///srv/db");
        fails("branch not found: nope", "dolt_push", "origin", "nope");
        fails("error: invalid usage", "dolt_clone");
        fails("remote URL 'x' is invalid", "dolt_clone", "x");
        fails("database 'db' already exists", "dolt_clone", "file:///srv/db");
    }

    @Test
    void gcChecksArguments() {
        fails("error: Unknown option: '--full'", "dolt_gc", "--full");
    }
}
