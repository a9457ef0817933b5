package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.cli.demo.DatabaseFingerprint;
import dev.cairn.cli.demo.SampleDatabase;
import dev.cairn.remotes.s3.S3ProxyServer;
import dev.cairn.repo.Repo;
import dev.cairn.testdata.gcs.FakeGcsServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backups to S3, Google Cloud Storage and Git through the built launcher, as a user runs
 * them: against s3proxy and the fake GCS server started by this test JVM (servers separate
 * from the {@code cairn} processes) and a bare Git repository made by Debian's git. Each
 * scheme: {@code backup add}, {@code backup sync}, {@code backup restore} into a new
 * directory equal to the source, {@code push} and {@code clone}, and the failures a user
 * meets first, each one line and exit status 1.
 */
class CloudRemotesIT {
    @TempDir
    static Path shared;
    static Launcher cairn;
    static Path source;
    static DatabaseFingerprint sourcePrint;
    static FakeGcsServer gcs;

    @TempDir
    Path work;

    @BeforeAll
    static void sample() throws Exception {
        cairn = new Launcher(shared.resolve("cairn-root"));
        source = shared.resolve("source");
        try (Repo r = SampleDatabase.create(source, 500, Launcher.META)) {
            sourcePrint = DatabaseFingerprint.of(r);
        }
        gcs = FakeGcsServer.start();
    }

    @AfterAll
    static void stop() {
        if (gcs != null) {
            gcs.close();
        }
    }

    /** An environment with no AWS credentials anywhere the SDK looks, plus {@code extra}. */
    private Map<String, String> aws(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", work.resolve("home").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", work.resolve("no-credentials").toString());
        env.put("AWS_CONFIG_FILE", work.resolve("no-config").toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_ACCESS_KEY_ID", "");
        env.put("AWS_SECRET_ACCESS_KEY", "");
        env.put("CAIRN_REMOTE_RETRIES", "2");
        env.putAll(extra);
        return env;
    }

    private static Map<String, String> keys(String secret) {
        return Map.of("AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", secret);
    }

    private Launcher.Result ok(Path cwd, Map<String, String> env, String... args) throws Exception {
        Launcher.Result r = cairn.run(cwd, env, args);
        assertThat(r.exit()).as("cairn %s: %s", String.join(" ", args), r.err()).isZero();
        return r;
    }

    private String fails(Path cwd, Map<String, String> env, String... args) throws Exception {
        Launcher.Result r = cairn.run(cwd, env, args);
        assertThat(r.exit()).as("cairn %s", String.join(" ", args)).isEqualTo(1);
        assertThat(r.err().lines()).as("cairn %s: one line", String.join(" ", args)).hasSize(1);
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        return r.err().strip();
    }

    /** add, sync, a second sync, and a restore from another directory that equals the source. */
    private void roundTrip(String url, Map<String, String> env) throws Exception {
        Path db = work.resolve("db");
        Launcher.copyTree(source, db);
        ok(db, env, "backup", "add", "cloud", url);
        assertThat(ok(db, env, "backup", "sync", "cloud").err()).startsWith("Uploaded ");
        ok(db, env, "backup", "sync", "cloud");
        Path elsewhere = Files.createDirectories(work.resolve("elsewhere"));
        assertThat(ok(elsewhere, env, "backup", "restore", url, "copy").err()).startsWith("Downloaded ");
        try (Repo r = Repo.open(elsewhere.resolve("copy"))) {
            assertThat(DatabaseFingerprint.of(r).differences(sourcePrint)).isEmpty();
        }
    }

    /** push of main to a new remote, then a clone of it elsewhere with the same history. */
    private void pushAndClone(String url, Map<String, String> env) throws Exception {
        Path db = work.resolve("pushing");
        Launcher.copyTree(source, db);
        ok(db, env, "remote", "add", "origin", url);
        ok(db, env, "push", "origin", "main");
        Path elsewhere = Files.createDirectories(work.resolve("cloning"));
        ok(elsewhere, env, "clone", url, "cloned");
        String[] log = {"log", "--oneline", "-n", "5", "main"};
        assertThat(ok(elsewhere.resolve("cloned"), env, log).out()).isEqualTo(ok(db, env, log).out());
    }

    @Test
    void pushAndCloneThroughEachScheme() throws Exception {
        S3ProxyServer s3 = S3ProxyServer.get();
        pushAndClone(s3.url(s3.newBucket(), "remote"), aws(keys(S3ProxyServer.SECRET_KEY)));
        deleteTree(work.resolve("pushing"));
        deleteTree(work.resolve("cloning"));
        gcs.createBucket("cairn-push");
        pushAndClone("gs://cairn-push/remote?endpoint=" + gcs.endpoint() + "&auth=none", Map.of());
        deleteTree(work.resolve("pushing"));
        deleteTree(work.resolve("cloning"));
        Path bare = work.resolve("remote.git");
        assertThat(new ProcessBuilder("git", "init", "--bare", "-q", bare.toString()).inheritIO().start().waitFor())
                .isZero();
        pushAndClone("git+file://" + bare, Map.of());
    }

    private static void deleteTree(Path p) throws Exception {
        Launcher.deleteTree(p);
    }

    @Test
    void s3BackupSyncAndRestoreAgainstS3proxy() throws Exception {
        S3ProxyServer s3 = S3ProxyServer.get();
        String bucket = s3.newBucket();
        roundTrip(s3.url(bucket, "db"), aws(keys(S3ProxyServer.SECRET_KEY)));
    }

    @Test
    void s3FailuresAreOneLine() throws Exception {
        S3ProxyServer s3 = S3ProxyServer.get();
        String bucket = s3.newBucket();
        Path db = work.resolve("db");
        Launcher.copyTree(source, db);
        assertThat(fails(db, aws(Map.of()), "backup", "sync-url", s3.url(bucket, "db")))
                .containsIgnoringCase("credentials");
        assertThat(fails(db, aws(keys(S3ProxyServer.SECRET_KEY)), "backup", "sync-url", s3.url("no-such-bucket", "db")))
                .contains("no-such-bucket").contains("does not exist");
        assertThat(fails(db, aws(keys("wrong-secret")), "backup", "sync-url", s3.url(bucket, "db")))
                .contains("access denied");
        assertThat(fails(db, aws(keys(S3ProxyServer.SECRET_KEY)), "backup", "sync-url",
                "s3://" + bucket + "/db?endpoint=http://127.0.0.1:9&path-style=true"))
                .contains("127.0.0.1:9");
    }

    @Test
    void gsBackupSyncAndRestoreAgainstTheFakeServer() throws Exception {
        gcs.createBucket("cairn-it");
        roundTrip("gs://cairn-it/db?endpoint=" + gcs.endpoint() + "&auth=none", Map.of("CAIRN_REMOTE_RETRIES", "2"));
    }

    @Test
    void gsFailuresAreOneLine() throws Exception {
        gcs.createBucket("cairn-denied");
        gcs.deny("cairn-denied");
        Path db = work.resolve("db");
        Launcher.copyTree(source, db);
        Map<String, String> env = Map.of("CAIRN_REMOTE_RETRIES", "2");
        assertThat(fails(db, env, "backup", "sync-url", "gs://no-such-bucket/db?endpoint=" + gcs.endpoint() + "&auth=none"))
                .contains("no-such-bucket").contains("does not exist");
        assertThat(fails(db, env, "backup", "sync-url", "gs://cairn-denied/db?endpoint=" + gcs.endpoint() + "&auth=none"))
                .contains("access denied");
        assertThat(fails(db, env, "backup", "sync-url", "gs://cairn-it/db?endpoint=http://127.0.0.1:9&auth=none"))
                .contains("127.0.0.1:9");
    }

    @Test
    void gitBackupSyncAndRestoreIntoABareRepository() throws Exception {
        Path bare = work.resolve("backup.git");
        Process git = new ProcessBuilder("git", "init", "--bare", "-q", bare.toString()).inheritIO().start();
        assertThat(git.waitFor()).isZero();
        roundTrip("git+file://" + bare, Map.of());
    }

    @Test
    void aMovedGitRefIsOneLine() throws Exception {
        Path bare = work.resolve("moved.git");
        assertThat(new ProcessBuilder("git", "init", "--bare", "-q", bare.toString()).inheritIO().start().waitFor())
                .isZero();
        Path db = work.resolve("db");
        Launcher.copyTree(source, db);
        ok(db, Map.of(), "backup", "sync-url", "git+file://" + bare);
        // Someone points the data ref at a blob: not a tree of table files any more.
        Process hash = new ProcessBuilder("git", "--git-dir", bare.toString(), "hash-object", "-w", "--stdin")
                .redirectErrorStream(true).start();
        hash.getOutputStream().write("not a tree\n".getBytes());
        hash.getOutputStream().close();
        String blob = new String(hash.getInputStream().readAllBytes()).strip();
        assertThat(hash.waitFor()).isZero();
        assertThat(new ProcessBuilder("git", "--git-dir", bare.toString(), "update-ref", "refs/dolt/data", blob)
                .inheritIO().start().waitFor()).isZero();
        assertThat(fails(db, Map.of(), "backup", "sync-url", "git+file://" + bare))
                .contains("moved.git").contains("data ref does not point at a commit");
    }

    @Test
    void theRefFlagChoosesWhereGitKeepsTheData() throws Exception {
        Path bare = work.resolve("refs.git");
        assertThat(new ProcessBuilder("git", "init", "--bare", "-q", bare.toString()).inheritIO().start().waitFor())
                .isZero();
        String url = "git+file://" + bare;
        Path db = work.resolve("db");
        Launcher.copyTree(source, db);
        ok(db, Map.of(), "backup", "add", "--ref", "refs/cairn/nightly", "nightly", url);
        assertThat(ok(db, Map.of(), "backup", "-v").out()).contains("refs/cairn/nightly");
        ok(db, Map.of(), "backup", "sync", "nightly");
        Process refs = new ProcessBuilder("git", "--git-dir", bare.toString(), "for-each-ref", "--format=%(refname)")
                .redirectErrorStream(true).start();
        String listed = new String(refs.getInputStream().readAllBytes());
        assertThat(refs.waitFor()).isZero();
        assertThat(listed.lines()).containsExactly("refs/cairn/nightly");

        Path elsewhere = Files.createDirectories(work.resolve("elsewhere"));
        ok(elsewhere, Map.of(), "backup", "restore", "--ref", "refs/cairn/nightly", url, "copy");
        try (Repo r = Repo.open(elsewhere.resolve("copy"))) {
            assertThat(DatabaseFingerprint.of(r).differences(sourcePrint)).isEmpty();
        }
        // Nothing at the default ref, and --ref means nothing to a non-git URL.
        assertThat(fails(elsewhere, Map.of(), "backup", "restore", url, "other")).contains("refs.git");
        assertThat(fails(db, Map.of(), "backup", "sync-url", "--ref", "refs/x", "file://" + work.resolve("plain")))
                .isEqualTo("error: '--ref' is only valid for git remotes (git+file://, git+https://, git+ssh://)");
    }
}
