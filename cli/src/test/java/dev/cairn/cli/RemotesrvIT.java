package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.cli.demo.DatabaseFingerprint;
import dev.cairn.cli.demo.SampleDatabase;
import dev.cairn.remotes.http.SelfSignedCertificate;
import dev.cairn.repo.Repo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8's acceptance, as a user does it: {@code cairn remotesrv} started as its own process
 * through the launcher, then {@code backup sync-url} and {@code backup restore} from other
 * directories, over http and over https with a token and a self-signed certificate; and the
 * server's clean exit on SIGTERM.
 */
class RemotesrvIT {
    private static final Pattern SERVING = Pattern.compile("^Serving .* at (https?)://[^:]+:(\\d+)/");

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
        try (Repo r = SampleDatabase.create(source, 300, Launcher.META)) {
            sourcePrint = DatabaseFingerprint.of(r);
        }
    }

    /** A {@code cairn remotesrv} process and what it has written to stderr. */
    private static final class Served implements AutoCloseable {
        final Process process;
        final List<String> stderr = new CopyOnWriteArrayList<>();
        final int port;

        Served(Path cwd, String... args) throws Exception {
            String[] all = new String[args.length + 5];
            System.arraycopy(new String[] {"remotesrv", "--http-port", "0", "--host", "127.0.0.1"}, 0, all, 0, 5);
            System.arraycopy(args, 0, all, 5, args.length);
            process = cairn.builder(cwd, Map.of(), all).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(
                        new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        stderr.add(line);
                    }
                } catch (IOException e) {
                    // the process is gone
                }
            }, "remotesrv-stderr");
            reader.setDaemon(true);
            reader.start();
            port = awaitPort();
        }

        private int awaitPort() throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < deadline) {
                for (String line : stderr) {
                    Matcher m = SERVING.matcher(line);
                    if (m.find()) {
                        return Integer.parseInt(m.group(2));
                    }
                }
                assertThat(process.isAlive()).as("remotesrv is running: %s", stderr).isTrue();
                Thread.sleep(50);
            }
            throw new AssertionError("remotesrv never said where it serves: " + stderr);
        }

        /** SIGTERM, as a service manager stops it: the exit status. */
        int stop() throws Exception {
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("remotesrv stopped on SIGTERM").isTrue();
            return process.exitValue();
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    private Launcher.Result ok(Path cwd, Map<String, String> env, String... args) throws Exception {
        Launcher.Result r = cairn.run(cwd, env, args);
        assertThat(r.exit()).as("cairn %s: %s", String.join(" ", args), r.err()).isZero();
        return r;
    }

    private String fails(Path cwd, Map<String, String> env, String... args) throws Exception {
        Launcher.Result r = cairn.run(cwd, env, args);
        assertThat(r.exit()).as("cairn %s", String.join(" ", args)).isEqualTo(1);
        assertThat(r.err().lines()).as("cairn %s: one line: %s", String.join(" ", args), r.err()).hasSize(1);
        return r.err().strip();
    }

    private void restoredEqualsSource(Path dir) throws Exception {
        try (Repo r = Repo.open(dir)) {
            assertThat(DatabaseFingerprint.of(r).differences(sourcePrint)).isEmpty();
        }
    }

    @Test
    void syncUrlAndRestoreAgainstAServerProcess() throws Exception {
        Path served = work.resolve("srv");
        Path db = work.resolve("db");
        Launcher.copyTree(source, db);
        Path elsewhere = Files.createDirectories(work.resolve("elsewhere"));
        try (Served srv = new Served(work, "--dir", served.toString())) {
            String url = "http://localhost:" + srv.port + "/org/db";
            assertThat(ok(db, Map.of(), "backup", "sync-url", url).err()).startsWith("Uploaded ");
            assertThat(ok(elsewhere, Map.of(), "backup", "restore", url, "copy").err()).startsWith("Downloaded ");
            restoredEqualsSource(elsewhere.resolve("copy"));
            // The server keeps a file remote's layout: the same data is reachable as file://.
            ok(elsewhere, Map.of(), "backup", "restore", "file://" + served.resolve("org/db"), "viaFile");
            restoredEqualsSource(elsewhere.resolve("viaFile"));

            assertThat(srv.stop()).as("exit status after SIGTERM: %s", srv.stderr).isZero();
            assertThat(srv.stderr).anyMatch(l -> l.contains("PUT") && l.contains("/org/db/v1/manifest"));
        }
    }

    @Test
    void httpsWithATokenAndASelfSignedCertificate() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.create(work.resolve("tls"));
        Path tokenFile = Files.writeString(work.resolve("token"), "s3cret-token-42\n");
        Path db = work.resolve("db");
        Launcher.copyTree(source, db);
        Path elsewhere = Files.createDirectories(work.resolve("elsewhere"));
        try (Served srv = new Served(work, "--dir", work.resolve("srv").toString(), "--tls-cert",
                cert.certPem().toString(), "--tls-key", cert.keyPem().toString(), "--auth-token-file",
                tokenFile.toString())) {
            String url = "https://localhost:" + srv.port + "/org/db";
            Map<String, String> env = new HashMap<>();
            env.put("CAIRN_REMOTE_CA_FILE", cert.certPem().toString());
            env.put("CAIRN_REMOTE_TOKEN", "s3cret-token-42");
            env.put("CAIRN_REMOTE_RETRIES", "2");
            ok(db, env, "backup", "sync-url", url);
            ok(elsewhere, env, "backup", "restore", url, "copy");
            restoredEqualsSource(elsewhere.resolve("copy"));

            Map<String, String> noToken = new HashMap<>(env);
            noToken.put("CAIRN_REMOTE_TOKEN", "");
            assertThat(fails(elsewhere, noToken, "backup", "restore", url, "other")).contains("401");
            Map<String, String> untrusted = new HashMap<>(env);
            untrusted.remove("CAIRN_REMOTE_CA_FILE");
            assertThat(fails(elsewhere, untrusted, "backup", "restore", url, "other").toLowerCase())
                    .contains("certificate");
            assertThat(elsewhere.resolve("other")).doesNotExist();
            assertThat(String.join("\n", srv.stderr)).doesNotContain("s3cret-token-42");
            assertThat(srv.stop()).isZero();
        }
    }
}
