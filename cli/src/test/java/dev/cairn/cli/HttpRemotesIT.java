package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.cli.demo.DatabaseFingerprint;
import dev.cairn.cli.demo.SampleDatabase;
import dev.cairn.remotes.http.server.RemoteServer;
import dev.cairn.remotes.http.server.RemoteServerConfig;
import dev.cairn.repo.Repo;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backups, push and clone over {@code http://} through the built launcher, as a user runs
 * them, against a Cairn remote server started by this test JVM with a token; and the
 * failures a user meets first (no token, a wrong one, a read-only server, nothing listening),
 * each one line and exit status 1.
 */
class HttpRemotesIT {
    private static final String TOKEN = "it-token-0123456789";

    @TempDir
    static Path shared;
    static Launcher cairn;
    static Path source;
    static DatabaseFingerprint sourcePrint;
    static RemoteServer server;
    static RemoteServer readOnly;

    @TempDir
    Path work;

    @BeforeAll
    static void start() throws Exception {
        cairn = new Launcher(shared.resolve("cairn-root"));
        source = shared.resolve("source");
        try (Repo r = SampleDatabase.create(source, 500, Launcher.META)) {
            sourcePrint = DatabaseFingerprint.of(r);
        }
        server = RemoteServer.start(RemoteServerConfig.builder(shared.resolve("served")).host("127.0.0.1").port(0)
                .authToken(TOKEN).accessLog(line -> { }).build());
        readOnly = RemoteServer.start(RemoteServerConfig.builder(shared.resolve("served")).host("127.0.0.1").port(0)
                .readOnly(true).accessLog(line -> { }).build());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (readOnly != null) {
            readOnly.close();
        }
    }

    private static Map<String, String> env(String token) {
        Map<String, String> env = new HashMap<>();
        env.put("CAIRN_REMOTE_RETRIES", "2");
        env.put("CAIRN_REMOTE_TOKEN", token == null ? "" : token);
        return env;
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
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain(TOKEN);
        return r.err().strip();
    }

    @Test
    void backupSyncAndRestoreOverHttp() throws Exception {
        String url = server.baseUri() + "/backups/db";
        Path db = work.resolve("db");
        Launcher.copyTree(source, db);
        ok(db, env(TOKEN), "backup", "add", "web", url);
        assertThat(ok(db, env(TOKEN), "backup", "sync", "web").err()).startsWith("Uploaded ");
        ok(db, env(TOKEN), "backup", "sync", "web");
        assertThat(ok(db, env(TOKEN), "backup", "-v").out()).contains(url).doesNotContain(TOKEN);
        Path elsewhere = Files.createDirectories(work.resolve("elsewhere"));
        assertThat(ok(elsewhere, env(TOKEN), "backup", "restore", url, "copy").err()).startsWith("Downloaded ");
        try (Repo r = Repo.open(elsewhere.resolve("copy"))) {
            assertThat(DatabaseFingerprint.of(r).differences(sourcePrint)).isEmpty();
        }
        // The same repository, served read-only without a token, restores too.
        String readOnlyUrl = readOnly.baseUri() + "/backups/db";
        ok(elsewhere, env(null), "backup", "restore", readOnlyUrl, "copy2");
        try (Repo r = Repo.open(elsewhere.resolve("copy2"))) {
            assertThat(DatabaseFingerprint.of(r).differences(sourcePrint)).isEmpty();
        }
    }

    @Test
    void pushAndCloneOverHttp() throws Exception {
        String url = server.baseUri() + "/team/remote";
        Path db = work.resolve("pushing");
        Launcher.copyTree(source, db);
        ok(db, env(TOKEN), "remote", "add", "origin", url);
        ok(db, env(TOKEN), "push", "origin", "main");
        Path elsewhere = Files.createDirectories(work.resolve("cloning"));
        ok(elsewhere, env(TOKEN), "clone", url, "cloned");
        String[] log = {"log", "--oneline", "-n", "5", "main"};
        assertThat(ok(elsewhere.resolve("cloned"), env(TOKEN), log).out()).isEqualTo(ok(db, env(TOKEN), log).out());
    }

    @Test
    void httpFailuresAreOneLine() throws Exception {
        Path db = work.resolve("db");
        Launcher.copyTree(source, db);
        String url = server.baseUri() + "/fails/db";
        assertThat(fails(db, env(null), "backup", "sync-url", url))
                .startsWith("error: " + url + ": the server needs a token (401); set CAIRN_REMOTE_TOKEN");
        assertThat(fails(db, env("wrong-token"), "backup", "sync-url", url))
                .isEqualTo("error: " + url + ": the server refused the token from CAIRN_REMOTE_TOKEN (401); set CAIRN_REMOTE_TOKEN "
                        + "to a token it accepts");
        assertThat(fails(db, env(null), "backup", "sync-url", readOnly.baseUri() + "/fails/db"))
                .contains("the remote is read-only");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertThat(fails(db, env(null), "backup", "sync-url", "http://127.0.0.1:" + port + "/fails/db"))
                .contains("cannot reach http://127.0.0.1:" + port + "/fails/db: connection refused");
        assertThat(fails(db, env(null), "backup", "sync-url", "http://127.0.0.1:" + port + "/db"))
                .contains("the path must name a repository as /org/repo");
    }
}
