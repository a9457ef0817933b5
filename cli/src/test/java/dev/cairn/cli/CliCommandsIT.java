package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real {@code ./cairn} launcher in temporary directories as a user would, with
 * {@code CAIRN_ROOT_PATH} pointing at a temporary global config. Each run starts a JVM, so
 * each test covers several commands; {@link CommandsTest} pins the formats in-process.
 * The acceptance session runs {@code cairn sql} as a user would; the other tests write rows with
 * {@link TestTables} to keep the number of launcher runs down.
 */
class CliCommandsIT {
    private static final Path LAUNCHER = Paths.get("..", "cairn").toAbsolutePath().normalize();
    private static final String HASH = "[0-9a-v]{32}";

    @TempDir
    Path root;
    @TempDir
    Path db;

    record Result(int exit, String out, String err) {
    }

    private Result cairn(Path cwd, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(LAUNCHER.toString());
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("cairn-out", ".txt");
        Path err = Files.createTempFile("cairn-err", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().put("CAIRN_ROOT_PATH", root.toString());
            pb.environment().put("CAIRN_NO_TTY", "1");
            pb.environment().remove("CAIRN_DEBUG");
            pb.environment().putAll(env);
            Process p = pb.start();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("cairn finished").isTrue();
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private Result ok(String... args) throws Exception {
        Result r = cairn(db, Map.of(), args);
        assertThat(r.exit()).as("cairn %s: %s", String.join(" ", args), r.err()).isZero();
        return r;
    }

    /** Runs a command that must fail with exactly {@code error} as its only stderr line. */
    private void fails(String error, String... args) throws Exception {
        Result r = cairn(db, Map.of(), args);
        assertThat(r.exit()).as("cairn %s", String.join(" ", args)).isEqualTo(1);
        assertThat(r.err()).as("cairn %s", String.join(" ", args)).isEqualTo(error + "\n");
    }

    @BeforeEach
    void identity() throws Exception {
        Files.writeString(root.resolve("config_global.json"),
                "{\"user.name\": \"Tess Ter\", \"user.email\": \"tess@example.com\"}");
    }

    /** The CLI half of issue 5's acceptance session. */
    @Test
    void acceptanceSession() throws Exception {
        assertThat(ok("init").err()).isEqualTo("Successfully initialized cairn data repository.\n");
        ok("sql", "-q", "create table t (pk int primary key, c1 int)");
        ok("sql", "-q", "insert into t values (0,0)");
        ok("add", ".");
        String first = ok("commit", "-m", "first").out().strip();
        assertThat(first).matches(HASH);
        ok("branch", "feature");
        assertThat(ok("checkout", "feature").err()).isEqualTo("Switched to branch 'feature'\n");
        ok("sql", "-q", "insert into t values (1,1)");
        String second = ok("commit", "-am", "second").out().strip();
        ok("checkout", "main");
        assertThat(ok("merge", "feature").out()).isEqualTo("Updating " + first + ".." + second + "\nFast-forward\n");
        assertThat(ok("log", "-n", "2").out()).matches("commit " + second + "\nAuthor: Tess Ter <tess@example.com>\n"
                + "Date:  .*\n\n    second\n\ncommit " + first + "\nAuthor: Tess Ter <tess@example.com>\n"
                + "Date:  .*\n\n    first\n");
        assertThat(ok("sql", "-r", "csv", "-q", "select * from t order by pk").out()).isEqualTo("pk,c1\n0,0\n1,1\n");
        assertThat(ok("status").out()).isEqualTo("On branch main\nnothing to commit, working tree clean\n");
        assertThat(ok("branch").out()).isEqualTo("  feature\n* main\n");
    }

    @Test
    void databaseCommandsOutsideADatabaseFailWithOneLine() throws Exception {
        for (String[] cmd : new String[][] {{"status"}, {"commit", "-m", "x"}, {"backup"}}) {
            fails("The current directory is not a valid cairn repository.", cmd);
        }
    }

    @Test
    void initRefusesAnExistingDatabaseAndNeedsAnIdentity() throws Exception {
        Files.delete(root.resolve("config_global.json"));
        fails("error: Could not determine user.name. Use the init parameter --name or set it with "
                + "cairn config --global --add user.name \"...\"", "init");
        ok("config", "--global", "--add", "user.name", "Glo Bal");
        assertThat(ok("config", "--global", "--get", "user.name").out()).isEqualTo("Glo Bal\n");
        ok("init", "-b", "trunk", "--name", "Lo Cal", "--email", "lo@example.com");
        fails("error: This directory has already been initialized.", "init");
        assertThat(ok("status").out()).startsWith("On branch trunk\n");
        assertThat(ok("config", "--get", "user.name").out()).isEqualTo("Lo Cal\n");
        fails("error: key 'nope' is not set", "config", "--get", "nope");
    }

    @Test
    void stagingCommittingAndDiffing() throws Exception {
        ok("init");
        TestTables.put(db, "t", 0, 0, 1, 1);
        fails("error: Nothing specified, nothing added. Maybe you wanted to say 'cairn add .'?", "add");
        ok("add", "t");
        ok("reset", "t");
        assertThat(ok("status").out()).contains("Untracked tables:\n").contains("\tnew table:  t\n");
        ok("commit", "-Am", "base");
        fails("error: nothing to commit, working tree clean", "commit", "-m", "again");
        TestTables.put(db, "t", 1, 5);
        assertThat(ok("diff").out()).contains("diff --cairn a/t b/t\n").contains("| < | 1  | 1  |\n")
                .contains("| > | 1  | 5  |\n");
        assertThat(ok("diff", "--stat").out()).endsWith(" 0 Rows Added\n 0 Rows Deleted\n 1 Row Modified\n");
        ok("checkout", "t");
        assertThat(ok("ls", "-v").out()).isEqualTo("Tables in working set:\n\tt  2 rows\n");
    }

    @Test
    void branchesTagsAndMerges() throws Exception {
        ok("init");
        TestTables.put(db, "t", 0, 0);
        ok("commit", "-Am", "base");
        ok("checkout", "-b", "feature");
        TestTables.put(db, "t", 0, 1);
        ok("commit", "-am", "feature edit");
        ok("checkout", "main");
        TestTables.put(db, "t", 0, 2);
        ok("commit", "-am", "main edit");
        Result conflict = cairn(db, Map.of(), "merge", "feature");
        assertThat(conflict.exit()).isEqualTo(1);
        assertThat(conflict.err()).startsWith("error: Merge conflict detected, transaction rolled back. "
                + "Conflicts in t (1 row)").doesNotContain("\tat ").hasLineCount(1);
        fails("error: The branch 'feature' is not fully merged. If you are sure you want to delete it, "
                + "run 'cairn branch -D feature'.", "branch", "-d", "feature");
        ok("branch", "-m", "feature", "topic");
        ok("tag", "v1", "topic", "-m", "release");
        fails("fatal: tag 'v1' already exists", "tag", "v1");
        ok("branch", "-D", "topic");
        assertThat(ok("branch", "-v").out()).matches("\\* main " + HASH + " main edit\n");
    }

    @Test
    void remotesBackupsAndGc() throws Exception {
        ok("init");
        ok("remote", "add", "origin", "file:///srv/origin");
        ok("backup", "add", "--aws-region", "eu-west-1", "cloud", "aws://[t:b]/db");
        ok("backup", "add", "nightly", "file://nightly");
        assertThat(ok("remote", "-v").out()).isEqualTo("origin file:///srv/origin {}\n");
        assertThat(ok("backup").out()).isEqualTo("cloud\nnightly\n");
        assertThat(ok("backup", "-v").out()).isEqualTo("cloud aws://[t:b]/db {\"aws-region\":\"eu-west-1\"}\n"
                + "nightly file://" + db.toRealPath().resolve("nightly") + " {}\n");
        fails("error: backup 'nightly' already exists", "backup", "add", "nightly", "file:///x");
        fails("error: '--aws-region' is only valid for aws cloud remotes in the format "
                + "aws://dynamo-table:s3-bucket/database", "remote", "add", "--aws-region", "x", "r", "file:///y");
        fails("error: backup 'nosuch' not found", "backup", "rm", "nosuch");
        ok("backup", "remove", "nightly");
        ok("remote", "rm", "origin");
        assertThat(ok("gc").err()).matches("Removed \\d+ chunks?, kept \\d+; .* -> .*\\.\n");
    }

    @Test
    void helpFlagsAndStackTraces() throws Exception {
        Result help = ok("backup", "add", "--help");
        assertThat(help.out()).startsWith("Usage: cairn backup add").contains("--aws-creds-profile");
        Result bad = cairn(db, Map.of(), "status", "--nope");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).isEqualTo("error: Unknown option: '--nope'\n");
        Result debug = cairn(db, Map.of("CAIRN_DEBUG", "1"), "log");
        assertThat(debug.exit()).isEqualTo(1);
        assertThat(debug.err()).contains("The current directory is not a valid cairn repository.").contains("\tat ");
        Result verbose = cairn(db, Map.of(), "status", "--verbose");
        assertThat(verbose.err()).contains("\tat dev.cairn.cli.");
    }
}
