package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.cli.Launcher.Result;
import dev.cairn.cli.demo.SampleDatabase;
import dev.cairn.repo.Repo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code push}, {@code fetch}, {@code pull} and {@code clone} between two databases through a {@code file://} remote. */
class RemoteTransferIT {
    @TempDir
    Path work;

    private static void edit(Path db, long row, String note) throws Exception {
        try (Repo r = Repo.open(db)) {
            SampleDatabase.update(r, "orders", SampleDatabase.ORDERS, row, row + 1,
                    i -> new Object[] {i, 0L, 0L, note});
        }
    }

    @Test
    void pushCloneFetchPullAndARejectedNonFastForward() throws Exception {
        Launcher cairn = new Launcher(work.resolve("cairn-root"));
        Path a = work.resolve("a");
        SampleDatabase.create(a, 2000, Launcher.META).close();
        String url = "file://" + work.resolve("remote");
        cairn.ok(a, "remote", "add", "origin", url);
        assertThat(cairn.ok(a, "push", "-u", "origin", "main").err()).startsWith("Uploaded ");
        cairn.ok(a, "push", "origin", "feature");
        cairn.fails(a, "error: remote 'nope' not found", "push", "nope", "main");

        Path outside = Files.createDirectories(work.resolve("elsewhere"));
        assertThat(cairn.ok(outside, "clone", url, "b").err()).matches("Downloaded \\d+ chunks, .*\n");
        Path b = outside.resolve("b");
        assertThat(cairn.ok(b, "branch", "-a").out())
                .isEqualTo("* main\n  remotes/origin/feature\n  remotes/origin/main\n");
        assertThat(cairn.ok(b, "status").out()).isEqualTo("On branch main\nnothing to commit, working tree clean\n");
        assertThat(cairn.ok(b, "log", "--oneline").out()).isEqualTo(cairn.ok(a, "log", "--oneline").out());
        assertThat(cairn.ok(b, "remote", "-v").out()).isEqualTo("origin " + url + " {}\n");
        cairn.fails(outside, "error: database 'b' already exists", "clone", url, "b");

        String before = cairn.ok(b, "log", "-n", "1", "--oneline").out().substring(0, 32);
        String head = cairn.ok(a, "commit", "-am", "more from a").out().strip();
        cairn.ok(a, "push", "origin", "main");
        assertThat(cairn.ok(a, "push", "origin", "main").err()).contains("Everything up-to-date");
        cairn.ok(b, "fetch");
        assertThat(cairn.ok(b, "log", "-n", "1", "--oneline", "origin/main").out()).startsWith(head);
        assertThat(cairn.ok(b, "pull").out()).isEqualTo("Updating " + before + ".." + head + "\nFast-forward\n");
        assertThat(cairn.ok(b, "log", "-n", "1", "--oneline").out()).startsWith(head);

        edit(b, 7, "from b");
        String fromB = cairn.ok(b, "commit", "-am", "from b").out().strip();
        cairn.ok(b, "push", "origin", "main");
        edit(a, 8, "from a");
        cairn.ok(a, "commit", "-am", "from a");
        Result rejected = cairn.run(a, Map.of(), "push", "origin", "main");
        assertThat(rejected.exit()).isEqualTo(1);
        assertThat(rejected.err()).contains("! [rejected] main -> main (non-fast-forward)").endsWith("\n")
                .doesNotContain("\tat ");
        cairn.ok(a, "pull", "origin", "main");
        String merged = cairn.ok(a, "log", "-n", "1", "--oneline").out().substring(0, 32);
        cairn.ok(a, "push", "origin", "main");
        cairn.ok(b, "pull");
        assertThat(cairn.ok(b, "log", "-n", "1", "--oneline").out()).startsWith(merged);
        assertThat(cairn.ok(b, "log", "--oneline").out()).contains(fromB);

        cairn.ok(b, "reset", "--hard", "HEAD~1");
        edit(b, 9, "rewritten");
        String rewritten = cairn.ok(b, "commit", "-am", "rewritten history").out().strip();
        assertThat(cairn.run(b, Map.of(), "push", "origin", "main").exit()).isEqualTo(1);
        cairn.ok(b, "push", "-f", "origin", "main");
        cairn.ok(a, "fetch", "origin");
        assertThat(cairn.ok(a, "log", "-n", "1", "--oneline", "origin/main").out()).startsWith(rewritten);
    }
}
