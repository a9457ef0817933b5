package dev.cairn.cli;

import static dev.cairn.cli.InProcess.cairn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.cli.InProcess.Result;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands' output formats, run in-process on a database in a temporary directory. The
 * identity is set with {@code init --name/--email} (local config), so the user's global
 * config is never read for commits.
 */
class CommandsTest {
    @TempDir
    Path dir;

    @BeforeEach
    void init() {
        Result r = ok("init", "--name", "Tess Ter", "--email", "tess@example.com");
        assertThat(r.err()).isEqualTo("Successfully initialized cairn data repository.\n");
    }

    private Result ok(String... args) {
        Result r = cairn(dir, args);
        assertThat(r.exit()).as("%s: %s", String.join(" ", args), r.err()).isZero();
        return r;
    }

    private Result fails(String... args) {
        Result r = cairn(dir, args);
        assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(1);
        assertThat(r.err()).as("one line").endsWith("\n").doesNotContain("\tat ");
        assertThat(r.err().strip()).doesNotContain("\n");
        return r;
    }

    @Test
    void statusShowsStagedUnstagedAndUntrackedLikeGit() throws Exception {
        assertThat(ok("status").out()).isEqualTo("On branch main\nnothing to commit, working tree clean\n");
        TestTables.put(dir, "t", 1, 1);
        TestTables.put(dir, "u", 1, 1);
        ok("add", "t");
        assertThat(ok("status").out()).isEqualTo("On branch main\n\n"
                + "Changes to be committed:\n"
                + "  (use \"cairn reset <table>...\" to unstage)\n"
                + "\tnew table:  t\n\n"
                + "Untracked tables:\n"
                + "  (use \"cairn add <table>\" to include in what will be committed)\n"
                + "\tnew table:  u\n");
        ok("commit", "-Am", "two tables");
        TestTables.put(dir, "t", 2, 2);
        TestTables.drop(dir, "u");
        assertThat(ok("status").out()).contains("Changes not staged for commit:\n")
                .contains("\tmodified:   t\n").contains("\tdeleted:    u\n");
        ok("reset", "--hard");
        assertThat(ok("status").out()).endsWith("nothing to commit, working tree clean\n");
    }

    @Test
    void commitPrintsTheHashAndLogShowsIt() throws Exception {
        TestTables.put(dir, "t", 0, 0);
        ok("add", ".");
        String hash = ok("commit", "-m", "first\n\nbody").out().strip();
        assertThat(hash).matches("[0-9a-v]{32}");
        Result log = ok("log", "-n", "1");
        assertThat(log.out()).startsWith("commit " + hash + "\nAuthor: Tess Ter <tess@example.com>\nDate:  ")
                .endsWith("\n\n    first\n\n    body\n");
        assertThat(ok("log", "--oneline").out()).startsWith(hash + " first\n").hasLineCount(2);
        assertThat(fails("commit", "-m", "again").err()).isEqualTo("error: nothing to commit, working tree clean\n");
        assertThat(ok("commit", "--allow-empty", "-m", "e", "--author", "A B <a@b.c>").out()).hasLineCount(1);
        assertThat(ok("log", "-n", "1").out()).contains("Author: A B <a@b.c>\n");
        assertThat(fails("commit", "--allow-empty").err()).isEqualTo("error: Must provide commit message.\n");
        assertThat(fails("log", "nosuch").err()).startsWith("error: ");
    }

    @Test
    void diffShowsChangedRowsWithMarkers() throws Exception {
        TestTables.put(dir, "t", 0, 0, 1, 1, 2, 2);
        ok("commit", "-Am", "base");
        TestTables.put(dir, "t", 1, 10, 3, 3);
        TestTables.delete(dir, "t", 2);
        assertThat(ok("diff").out()).isEqualTo("diff --cairn a/t b/t\n"
                + "--- a/t\n"
                + "+++ b/t\n"
                + "+---+----+----+\n"
                + "|   | pk | c1 |\n"
                + "+---+----+----+\n"
                + "| < | 1  | 1  |\n"
                + "| > | 1  | 10 |\n"
                + "| - | 2  | 2  |\n"
                + "| + | 3  | 3  |\n"
                + "+---+----+----+\n");
        assertThat(ok("diff", "--stat").out()).isEqualTo("diff --cairn a/t b/t\n--- a/t\n+++ b/t\n"
                + " 1 Row Added\n 1 Row Deleted\n 1 Row Modified\n");
        ok("commit", "-am", "second");
        assertThat(ok("diff").out()).isEmpty();
        assertThat(ok("diff", "HEAD~1", "HEAD", "t").out()).contains("| > | 1  | 10 |");
        assertThat(ok("diff", "HEAD", "HEAD~1").out()).contains("| > | 1  | 1  |");
        assertThat(fails("diff", "HEAD", "nosuch").err())
                .isEqualTo("error: table nosuch does not exist in either revision\n");
        TestTables.put(dir, "n", 5, 5);
        assertThat(ok("diff", "n").out()).startsWith("diff --cairn a/n b/n\nadded table\n--- /dev/null\n+++ b/n\n")
                .contains("| + | 5  | 5  |");
    }

    @Test
    void branchesListCreateRenameDelete() throws Exception {
        ok("branch", "feature");
        assertThat(ok("branch").out()).isEqualTo("  feature\n* main\n");
        assertThat(ok("branch", "-v").out()).matches("  feature [0-9a-v]{32} Initialize data repository\n"
                + "\\* main    [0-9a-v]{32} Initialize data repository\n");
        ok("branch", "-m", "feature", "topic");
        assertThat(fails("branch", "main").err()).isEqualTo("fatal: A branch named 'main' already exists.\n");
        assertThat(fails("branch", "-d", "main").err()).isEqualTo("error: Cannot delete branch 'main' checked out\n");
        ok("checkout", "topic");
        TestTables.put(dir, "t", 1, 1);
        ok("commit", "-Am", "on topic");
        ok("checkout", "main");
        assertThat(fails("branch", "-d", "topic").err()).startsWith("error: The branch 'topic' is not fully merged. ");
        ok("branch", "-D", "topic");
        assertThat(ok("branch").out()).isEqualTo("* main\n");
    }

    @Test
    void checkoutSwitchesAndIsRemembered() throws Exception {
        assertThat(ok("checkout", "-b", "feature").err()).isEqualTo("Switched to branch 'feature'\n");
        assertThat(ok("status").out()).startsWith("On branch feature\n");
        assertThat(ok("checkout", "feature").err()).isEqualTo("Already on 'feature'\n");
        assertThat(fails("checkout", "nosuch").err()).isEqualTo("error: could not find nosuch\n");
        TestTables.put(dir, "t", 1, 1);
        ok("commit", "-Am", "t");
        TestTables.put(dir, "t", 2, 2);
        ok("checkout", "t");
        assertThat(ok("status").out()).endsWith("nothing to commit, working tree clean\n");
    }

    @Test
    void mergeFastForwardsThenMergesThreeWayAndRefusesConflicts() throws Exception {
        TestTables.put(dir, "t", 0, 0);
        String base = ok("commit", "-Am", "first").out().strip();
        ok("checkout", "-b", "feature");
        TestTables.put(dir, "t", 1, 1);
        String second = ok("commit", "-am", "second").out().strip();
        ok("checkout", "main");
        assertThat(ok("merge", "feature").out()).isEqualTo("Updating " + base + ".." + second + "\nFast-forward\n");
        assertThat(ok("merge", "feature").out()).isEqualTo("Everything up-to-date\n");
        TestTables.put(dir, "t", 2, 2);
        ok("commit", "-am", "main side");
        ok("checkout", "feature");
        TestTables.put(dir, "t", 3, 3);
        ok("commit", "-am", "feature side");
        ok("checkout", "main");
        Result merged = ok("merge", "feature");
        assertThat(merged.out()).startsWith("Merge made by the 'three-way' strategy.\ncommit ");
        assertThat(ok("log", "-n", "1").out()).containsPattern("Merge: [0-9a-v]{32} [0-9a-v]{32}\n")
                .contains("    Merge branch 'feature' into main\n");
        TestTables.put(dir, "t", 0, 5);
        ok("commit", "-am", "main edit");
        ok("checkout", "feature");
        TestTables.put(dir, "t", 0, 6);
        ok("commit", "-am", "feature edit");
        ok("checkout", "main");
        assertThat(fails("merge", "feature").err()).startsWith("error: Merge conflict detected, transaction rolled back.");
        assertThat(fails("merge").err()).isEqualTo("error: Please specify a branch to merge\n");
    }

    @Test
    void tagsListCreateDelete() {
        ok("tag", "v1");
        ok("tag", "v2", "HEAD", "-m", "second");
        assertThat(ok("tag").out()).isEqualTo("v1\nv2\n");
        assertThat(ok("tag", "-v").out()).matches("v1\t[0-9a-v]{32}\t\nv2\t[0-9a-v]{32}\tsecond\n");
        assertThat(fails("tag", "v1").err()).isEqualTo("fatal: tag 'v1' already exists\n");
        ok("tag", "-d", "v1");
        assertThat(ok("tag").out()).isEqualTo("v2\n");
        assertThat(fails("tag", "-d").err()).isEqualTo("error: tag name not provided\n");
    }

    @Test
    void lsListsTablesAndCounts() throws Exception {
        assertThat(ok("ls").out()).isEqualTo("No tables in working set\n");
        TestTables.put(dir, "t", 1, 1, 2, 2);
        TestTables.put(dir, "longer", 1, 1);
        assertThat(ok("ls").out()).isEqualTo("Tables in working set:\n\tlonger\n\tt\n");
        assertThat(ok("ls", "-v").out()).isEqualTo("Tables in working set:\n\tlonger  1 row\n\tt       2 rows\n");
        assertThat(ok("ls", "--all").out()).contains("System tables:\n").contains("\tdolt_diff_t\n")
                .contains("\tdolt_log\n");
    }

    @Test
    void remotesAndBackupsFollowTheBackupRules() {
        ok("remote", "add", "origin", "file:///srv/origin");
        ok("backup", "add", "nightly", "file:///srv/nightly");
        ok("backup", "add", "--aws-region", "eu-west-1", "cloud", "aws://[t:b]/db");
        assertThat(ok("remote").out()).isEqualTo("origin\n");
        assertThat(ok("remote", "-v").out()).isEqualTo("origin file:///srv/origin {}\n");
        assertThat(ok("backup", "-v").out()).isEqualTo(
                "cloud aws://[t:b]/db {\"aws-region\":\"eu-west-1\"}\nnightly file:///srv/nightly {}\n");
        assertThat(fails("backup", "add", "nightly", "file:///x").err()).isEqualTo("error: backup 'nightly' already exists\n");
        assertThat(fails("backup", "add", "bad.name", "file:///x").err()).isEqualTo("error: backup name 'bad.name' is invalid\n");
        assertThat(fails("backup", "add", "b2", "").err()).isEqualTo("error: backup URL '' is invalid\n");
        assertThat(fails("backup", "add", "b2", "file:///srv/origin").err())
                .isEqualTo("error: address conflict with a remote: 'origin'\n");
        assertThat(fails("remote", "add", "r2", "file:///srv/nightly").err())
                .isEqualTo("error: address conflict with a remote: 'nightly'\n");
        assertThat(fails("backup", "rm", "nosuch").err()).isEqualTo("error: backup 'nosuch' not found\n");
        ok("backup", "rm", "nightly");
        ok("backup", "remove", "cloud");
        ok("remote", "rm", "origin");
        assertThat(ok("backup").out()).isEmpty();
        assertThat(ok("remote").out()).isEmpty();
    }

    @Test
    void resetUnstagesAndGcCollects() throws Exception {
        TestTables.put(dir, "t", 1, 1);
        ok("add", "t");
        ok("reset", "t");
        assertThat(ok("status").out()).contains("Untracked tables:");
        assertThat(fails("reset", "--hard", "--soft").err())
                .isEqualTo("error: --hard and --soft are mutually exclusive options.\n");
        assertThat(fails("add").err())
                .isEqualTo("error: Nothing specified, nothing added. Maybe you wanted to say 'cairn add .'?\n");
        assertThat(ok("gc").err()).startsWith("Removed ");
    }

    @Test
    void configReadsLocalOverGlobalAndReportsMissingKeys() {
        assertThat(ok("config", "--local", "--get", "user.name").out()).isEqualTo("Tess Ter\n");
        ok("config", "--add", "core.editor", "vi");
        assertThat(ok("config", "--local", "--list").out())
                .isEqualTo("core.editor = vi\nuser.email = tess@example.com\nuser.name = Tess Ter\n");
        ok("config", "--local", "--unset", "core.editor");
        assertThat(fails("config", "--local", "--get", "core.editor").err()).isEqualTo("error: key 'core.editor' is not set\n");
        assertThat(fails("config", "--get", "a", "--list").err())
                .isEqualTo("error: exactly one of --add, --get, --unset or --list must be given\n");
    }

    @Test
    void databaseCommandsOutsideADatabaseSayWhere(@TempDir Path elsewhere) {
        for (String[] cmd : new String[][] {{"status"}, {"log"}, {"add", "."}, {"commit", "-m", "x"},
            {"branch"}, {"checkout", "main"}, {"merge", "x"}, {"tag"}, {"ls"}, {"diff"}, {"reset"}, {"gc"},
            {"remote"}, {"backup", "add", "b", "file:///x"}}) {
            Result r = cairn(elsewhere, cmd);
            assertThat(r.exit()).as(cmd[0]).isEqualTo(1);
            assertThat(r.err()).as(cmd[0]).isEqualTo("The current directory is not a valid cairn repository.\n");
        }
        assertThat(fails("init").err()).isEqualTo("error: This directory has already been initialized.\n");
    }

    @Test
    void badFlagsAreOneLineErrorsAndHelpWorks() {
        assertThat(fails("status", "--bogus").err()).startsWith("error: Unknown option: '--bogus'");
        Result help = ok("commit", "--help");
        assertThat(help.out()).startsWith("Usage: cairn commit").contains("--allow-empty");
        assertThat(fails("log", "-n", "x").err()).startsWith("error: ");
        assertThat(ok("version").out()).startsWith("cairn version ");
    }
}
