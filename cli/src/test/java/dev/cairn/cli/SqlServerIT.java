package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cairn sql-server} as a user runs it: the real launcher started in a database made by
 * {@code cairn init}, and Debian's {@code mariadb} command-line client talking to it. Data
 * written and committed through the server is backed up with {@code dolt_backup('sync-url')}
 * and restored elsewhere with {@code cairn backup restore}; the acceptance line runs
 * verbatim; a wrong password is refused; SIGTERM ends an idle server at once with status 0
 * and lets a statement in flight finish first. Skipped when the client is not installed
 * ({@code .ci/run} installs it).
 */
class SqlServerIT {
    private static final Pattern STARTED = Pattern.compile("Starting server with Config HP=\"[^\"]*:(\\d+)\"");
    private static List<String> sslArgs = List.of();

    @TempDir
    Path dir;

    private Launcher cairn;
    private final List<Server> servers = new ArrayList<>();

    /** A running {@code cairn sql-server} and the files its output goes to. */
    record Server(Process process, int port, Path err) {
        String stderr() throws IOException {
            return Files.readString(err, StandardCharsets.UTF_8);
        }
    }

    @BeforeAll
    static void client() throws Exception {
        String version;
        try {
            Process p = new ProcessBuilder("mariadb", "--version").redirectErrorStream(true).start();
            version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            version = null;
        }
        Assumptions.assumeTrue(version != null,
                "the mariadb client is not installed (apt-get install mariadb-client): SqlServerIT skipped");
        // MariaDB's clients from 11.4 on insist on TLS, which the server does not offer.
        Matcher m = Pattern.compile("(\\d+)\\.(\\d+)\\.\\d+-MariaDB").matcher(version);
        if (m.find() && Integer.parseInt(m.group(1)) * 100 + Integer.parseInt(m.group(2)) >= 1104) {
            sslArgs = List.of("--skip-ssl");
        }
    }

    @AfterEach
    void stopServers() throws Exception {
        for (Server s : servers) {
            s.process().destroyForcibly();
            s.process().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private Path database(String name) throws Exception {
        cairn = cairn != null ? cairn : new Launcher(dir.resolve("cairn-root"));
        Path db = Files.createDirectories(dir.resolve(name));
        cairn.ok(db, "init");
        return db;
    }

    /** Starts the server in {@code cwd} on a free port and waits for its start line. */
    private Server start(Path cwd, Map<String, String> env, String... flags) throws Exception {
        List<String> args = new ArrayList<>(List.of("sql-server", "--port", "0"));
        args.addAll(List.of(flags));
        Path err = Files.createTempFile(dir, "server", ".err");
        Process p = cairn.builder(cwd, env, args.toArray(String[]::new))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            String text = Files.readString(err, StandardCharsets.UTF_8);
            Matcher m = STARTED.matcher(text);
            if (m.find()) {
                Server s = new Server(p, Integer.parseInt(m.group(1)), err);
                servers.add(s);
                return s;
            }
            if (!p.isAlive()) {
                fail("sql-server exited with %d before it started: %s", p.exitValue(), text);
            }
            Thread.sleep(50);
        }
        p.destroyForcibly();
        return fail("sql-server did not start in 120 s: %s", Files.readString(err, StandardCharsets.UTF_8));
    }

    /** The mariadb client with exactly {@code args} (plus --skip-ssl where it needs it), fed {@code stdin}. */
    private Launcher.Result mariadb(String stdin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(args));
        cmd.addAll(1, sslArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        // Away from any ~/.my.cnf of the machine's user.
        pb.environment().put("HOME", dir.toString());
        pb.environment().remove("MYSQL_PWD");
        pb.environment().remove("MYSQL_HOST");
        pb.environment().remove("MYSQL_TCP_PORT");
        Path in = Files.writeString(Files.createTempFile(dir, "in", ".sql"), stdin == null ? "" : stdin);
        Path out = Files.createTempFile(dir, "client", ".out");
        Path err = Files.createTempFile(dir, "client", ".err");
        Process p = pb.redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("mariadb %s finished", cmd).isTrue();
        return new Launcher.Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static String[] client(Server s, String... more) {
        List<String> cmd = new ArrayList<>(List.of("mariadb", "-h127.0.0.1", "-P", Integer.toString(s.port()),
                "-uroot"));
        cmd.addAll(List.of(more));
        return cmd.toArray(String[]::new);
    }

    private static Launcher.Result ok(Launcher.Result r, String what) {
        assertThat(r.exit()).as("%s: %s", what, r.err()).isZero();
        return r;
    }

    private static void stopsWithStatusZero(Server s, long seconds) throws Exception {
        s.process().destroy(); // SIGTERM: the launcher execs the JVM, so this is the server itself
        assertThat(s.process().waitFor(seconds, TimeUnit.SECONDS)).as("server exited in %d s", seconds).isTrue();
        assertThat(s.process().exitValue()).as("exit status; stderr: %s", s.stderr()).isZero();
    }

    @Test
    void aScriptWrittenThroughTheServerIsBackedUpAndRestoredByTheCli() throws Exception {
        Path db = database("db");
        Server server = start(db, Map.of());
        Path backup = dir.resolve("backup");
        String script = String.join("\n",
                "CREATE TABLE t (pk INT PRIMARY KEY, c1 VARCHAR(20));",
                "INSERT INTO t VALUES (1, 'one'), (2, 'two'), (3, 'three');",
                "CALL dolt_commit('-Am', 'm');",
                "SELECT pk, c1 FROM t ORDER BY pk;",
                "CALL dolt_backup('sync-url', 'file://" + backup + "');",
                "");
        Launcher.Result r = ok(mariadb(script, client(server, "--batch")), "mariadb script");
        assertThat(r.out()).matches("(?s)hash\n[0-9a-v]{32}\n"
                + "pk\tc1\n1\tone\n2\ttwo\n3\tthree\n"
                + "status\n0\n");

        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        assertThat(cairn.ok(elsewhere, "backup", "restore", "file://" + backup, "copy").err())
                .startsWith("Downloaded ");
        Path copy = elsewhere.resolve("copy");
        assertThat(cairn.ok(copy, "sql", "-r", "csv", "-q", "select pk, c1 from t order by pk").out())
                .isEqualTo("pk,c1\n1,one\n2,two\n3,three\n");
        assertThat(cairn.ok(copy, "log", "-n", "1").out()).contains("    m\n");
        stopsWithStatusZero(server, 30);
    }

    /** The acceptance line, verbatim but for the port and a path under this test's directory. */
    @Test
    void theAcceptanceLineBacksUpADatabaseTheCliRestores() throws Exception {
        Path db = database("accept");
        cairn.ok(db, "sql", "-q", "create table a (id int primary key, v text); insert into a values (7, 'seven')");
        cairn.ok(db, "commit", "-Am", "first");
        Server server = start(db, Map.of());
        Path x = dir.resolve("x");
        ok(mariadb(null, "mariadb", "-h127.0.0.1", "-P", Integer.toString(server.port()), "-uroot",
                "-e", "call dolt_backup('sync-url','file://" + x + "')"), "acceptance line");
        Path elsewhere = Files.createDirectories(dir.resolve("restore-here"));
        cairn.ok(elsewhere, "backup", "restore", "file://" + x, "copy");
        assertThat(cairn.ok(elsewhere.resolve("copy"), "sql", "-r", "csv", "-q", "select * from a").out())
                .isEqualTo("id,v\n7,seven\n");
        stopsWithStatusZero(server, 30);
    }

    @Test
    void aWrongPasswordIsDeniedAndTheRightOneLetsIn() throws Exception {
        Path db = database("locked");
        Server server = start(db, Map.of(), "--password", "s3cret");
        Launcher.Result wrong = mariadb(null, client(server, "-pwrong", "-e", "select 1"));
        assertThat(wrong.exit()).isEqualTo(1);
        assertThat(wrong.err()).contains("Access denied");
        Launcher.Result none = mariadb(null, client(server, "-e", "select 1"));
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.err()).contains("Access denied");
        assertThat(ok(mariadb(null, client(server, "-ps3cret", "--batch", "-e", "select 1 as one")), "right password")
                .out()).isEqualTo("one\n1\n");
        assertThat(server.stderr()).doesNotContain("s3cret");
    }

    @Test
    void thePasswordCanComeFromConfig() throws Exception {
        Path db = database("configured");
        cairn.ok(db, "config", "--add", "sqlserver.password", "from-config");
        Server server = start(db, Map.of());
        assertThat(mariadb(null, client(server, "-e", "select 1")).err()).contains("Access denied");
        ok(mariadb(null, client(server, "-pfrom-config", "-e", "select 1")), "password from config");
    }

    @Test
    void sigtermStopsAnIdleServerPromptlyWithStatusZero() throws Exception {
        Path db = database("idle");
        Server server = start(db, Map.of());
        ok(mariadb(null, client(server, "-e", "select 1")), "a first connection");
        long t0 = System.nanoTime();
        stopsWithStatusZero(server, 10);
        assertThat((System.nanoTime() - t0) / 1_000_000).as("ms to stop").isLessThan(5_000);
    }

    /**
     * A backup made slow by the test hook (each table file it lands waits 1.5 s) is in flight
     * when SIGTERM comes: the client still gets its answer, the server then exits with 0, and
     * the backup restores to the whole database.
     */
    @Test
    void sigtermLetsAStatementInFlightFinish() throws Exception {
        Path db = database("busy");
        Path load = Files.writeString(dir.resolve("load.sql"), "create table t (pk int primary key, v varchar(100));"
                + " insert into t values " + rows(2_000) + ";");
        cairn.ok(db, "sql", "-f", load.toString());
        cairn.ok(db, "commit", "-Am", "rows");
        Server server = start(db, Map.of("CAIRN_TEST_SLOW_TRANSFER_MS", "1500"));
        Path backup = dir.resolve("slow-backup");
        List<String> cmd = new ArrayList<>(List.of(client(server, "--batch", "-e",
                "call dolt_backup('sync-url', 'file://" + backup + "')")));
        cmd.addAll(1, sslArgs);
        Path out = dir.resolve("slow.out");
        Path err = dir.resolve("slow.err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("HOME", dir.toString());
        Process call = pb.start();
        // file:// destinations are made when the sync starts; it then waits in the hook.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(backup) && System.nanoTime() < deadline && call.isAlive()) {
            Thread.sleep(20);
        }
        assertThat(call.isAlive()).as("the backup is still running when SIGTERM is sent").isTrue();
        long t0 = System.nanoTime();
        server.process().destroy();
        assertThat(call.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(call.exitValue()).as("client: %s", Files.readString(err)).isZero();
        assertThat(Files.readString(out)).isEqualTo("status\n0\n");
        assertThat(server.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(server.process().exitValue()).as("server: %s", server.stderr()).isZero();
        assertThat((System.nanoTime() - t0) / 1_000_000).as("ms the server ran after SIGTERM: it waited")
                .isGreaterThanOrEqualTo(500);

        Path elsewhere = Files.createDirectories(dir.resolve("restored-busy"));
        cairn.ok(elsewhere, "backup", "restore", "file://" + backup, "copy");
        assertThat(cairn.ok(elsewhere.resolve("copy"), "sql", "-r", "csv", "-q",
                "select count(*) as n, sum(pk) as s from t").out()).isEqualTo("n,s\n2000,1999000\n");
    }

    /** One connection allowed, held open by an idle client until the idle timeout closes it. */
    @Test
    void maxConnectionsRefusesTheNextClientUntilTheIdleTimeoutFreesTheSlot() throws Exception {
        Path db = database("limited");
        Server server = start(db, Map.of(), "--max-connections", "1", "--idle-timeout", "6");
        List<String> cmd = new ArrayList<>(List.of(client(server, "--batch", "--unbuffered")));
        cmd.addAll(1, sslArgs);
        Path holderErr = dir.resolve("holder.err");
        Path holderOut = dir.resolve("holder.out");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(holderOut.toFile())
                .redirectError(holderErr.toFile());
        pb.environment().put("HOME", dir.toString());
        Process holder = pb.start(); // its standard input stays open: a connected, idle client
        try {
            holder.getOutputStream().write("select 1;\n".getBytes(StandardCharsets.UTF_8));
            holder.getOutputStream().flush();
            // Only once the holder has its answer is it surely connected; probing earlier would
            // take the one slot from it.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (Files.readString(holderOut).lines().count() < 2 && System.nanoTime() < deadline) {
                assertThat(holder.isAlive()).as("the holder is connected: %s", Files.readString(holderErr)).isTrue();
                Thread.sleep(50);
            }
            assertThat(Files.readString(holderOut).lines()).as("the holder's answer").containsExactly("1", "1");
            Launcher.Result refused = mariadb(null, client(server, "-e", "select 1"));
            assertThat(refused.exit()).as("a second client is refused").isNotZero();
            assertThat(refused.err()).contains("Too many connections");
            Thread.sleep(9_000);
            ok(mariadb(null, client(server, "-e", "select 1")), "a client after the idle one was closed");
        } finally {
            holder.destroyForcibly();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aPortInUseOrAMissingDataDirIsOneLineAndStatusOne() throws Exception {
        Path db = database("first");
        Server server = start(db, Map.of());
        Launcher.Result taken = cairn.run(db, Map.of(), "sql-server", "--port", Integer.toString(server.port()));
        assertThat(taken.exit()).isEqualTo(1);
        assertThat(taken.err()).isEqualTo("error: cannot listen on 127.0.0.1:" + server.port()
                + ": the port is already in use\n");
        Launcher.Result missing = cairn.run(db, Map.of(), "sql-server", "--port", "0", "--data-dir", "nowhere");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("error: data directory '" + db.resolve("nowhere") + "' does not exist\n");
    }

    private static String rows(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ", ").append('(').append(i).append(", 'row ").append(i)
                    .append(" with a little padding to make the table span several chunks')");
        }
        return sb.toString();
    }
}
