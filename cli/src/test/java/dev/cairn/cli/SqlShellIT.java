package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interactive {@code cairn sql} shell in a real terminal: tmux runs it in a detached
 * session, the test types with {@code send-keys} and reads the screen with
 * {@code capture-pane}. A private tmux server (-L) keeps it away from anyone's own sessions.
 */
class SqlShellIT {
    private static final Path LAUNCHER = Paths.get("..", "cairn").toAbsolutePath().normalize();
    /** The first run may build the class-data archive, so the first prompt can take a while. */
    private static final long START_TIMEOUT_MS = 120_000;
    private static final long STEP_TIMEOUT_MS = 30_000;

    @TempDir
    Path tmp;
    private final String socket = "cairn-it-" + ProcessHandle.current().pid();
    private final String session = "sql" + System.nanoTime();
    private Path db;

    @BeforeEach
    void createDatabase() throws Exception {
        Assumptions.assumeTrue(tmuxAvailable(), "tmux not found on PATH: skipping the interactive shell test"
                + " (.ci/run installs it)");
        Path work = Files.createDirectories(tmp.resolve("work"));
        Process p = new ProcessBuilder(LAUNCHER.toString(), "sql", "-q", "create database db")
                .directory(work.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        db = work.resolve("db");
    }

    @AfterEach
    void killServer() throws Exception {
        if (db != null) {
            tmux("kill-server");
        }
    }

    @Test
    void shellRunsMultiLineStatementsShowsBoxedResultsAndExits() throws Exception {
        start(db);
        waitFor("db/main> ", START_TIMEOUT_MS);

        // tmux reads a trailing ';' as its own command separator, hence "\\;".
        send("create table t (", "Enter", "  pk int primary key,", "Enter", "  c1 varchar(10))\\;", "Enter");
        waitFor("Query OK, 0 rows affected", STEP_TIMEOUT_MS);
        assertThat(screen()).as("a continuation prompt while the statement is unfinished").contains("-> ");

        send("insert into t values (1, 'one'), (2, 'two')\\;", "Enter");
        waitFor("Query OK, 2 rows affected", STEP_TIMEOUT_MS);

        // Tab completes the only table name after FROM.
        send("select * from ", "Tab");
        send(" order by pk\\;", "Enter");
        waitFor("|  2 | two |", STEP_TIMEOUT_MS);
        assertThat(screen()).contains("db/main> select * from t  order by pk;\n"
                + "+----+-----+\n"
                + "| pk | c1  |\n"
                + "+----+-----+\n"
                + "|  1 | one |\n"
                + "|  2 | two |\n"
                + "+----+-----+\n"
                + "db/main> ");

        send("select nope from t\\;", "Enter");
        waitFor("error: Unknown column 'nope' in 'field list'\ndb/main> ", STEP_TIMEOUT_MS);

        send("exit", "Enter");
        awaitEnd();
        assertThat(Files.readString(tmp.resolve("root/.sqlhistory"))).as("history is saved")
                .contains("insert into t values (1, 'one'), (2, 'two');");
    }

    @Test
    void inADirectoryOfDatabasesThePromptShowsTheDatabaseAfterUse() throws Exception {
        start(db.getParent());
        waitFor("> ", START_TIMEOUT_MS);
        assertThat(screen()).as("no database is selected yet").startsWith("> ").doesNotContain("db/main");
        send("use db\\;", "Enter");
        waitFor("Query OK, 0 rows affected", STEP_TIMEOUT_MS);
        waitFor("\ndb/main> ", STEP_TIMEOUT_MS);
        send("C-d");
        awaitEnd();
    }

    private void start(Path dir) throws IOException, InterruptedException {
        String command = "env CAIRN_ROOT_PATH='" + tmp.resolve("root") + "' '" + LAUNCHER + "' sql";
        assertThat(tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "50", "-c", dir.toString(), command)
                .exit).isZero();
    }

    private void awaitEnd() throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + STEP_TIMEOUT_MS;
        while (tmux("has-session", "-t", session).exit == 0) {
            assertThat(System.currentTimeMillis()).as("the session ended; screen:%n%s", screen()).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private record Run(int exit, String out) {
    }

    private static boolean tmuxAvailable() {
        try {
            Process p = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private Run tmux(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("tmux %s", List.of(args)).isTrue();
        return new Run(p.exitValue(), out);
    }

    private void send(String... keys) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", session));
        args.addAll(List.of(keys));
        Run r = tmux(args.toArray(String[]::new));
        assertThat(r.exit).as("send-keys: %s", r.out).isZero();
    }

    /** The visible screen, trailing blanks and empty lines trimmed so it compares as text. */
    private String screen() throws IOException, InterruptedException {
        String raw = tmux("capture-pane", "-p", "-J", "-t", session).out;
        StringBuilder sb = new StringBuilder();
        for (String line : raw.split("\n", -1)) {
            String text = line.stripTrailing();
            // An empty prompt keeps its space, so "db/main> " is found at the end of the screen too.
            sb.append(text.endsWith(">") && line.startsWith(text + " ") ? text + " " : text).append('\n');
        }
        return sb.toString().replaceAll("\n+$", "\n");
    }

    private void waitFor(String text, long timeoutMs) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        String s = screen();
        while (!s.contains(text)) {
            assertThat(System.currentTimeMillis()).as("waiting for %s; screen:%n%s", text, s).isLessThan(deadline);
            Thread.sleep(200);
            s = screen();
        }
    }
}
