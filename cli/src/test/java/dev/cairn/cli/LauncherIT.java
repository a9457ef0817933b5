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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real {@code ./cairn} launcher from a directory outside the repository, as a user would. */
class LauncherIT {
    private static final Path LAUNCHER = Paths.get("..", "cairn").toAbsolutePath().normalize();

    record Result(int exit, String out, String err) {
    }

    static Result cairn(Path cwd, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(LAUNCHER.toString());
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("cairn-out", ".txt");
        Path err = Files.createTempFile("cairn-err", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).directory(cwd.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("cairn finished").isTrue();
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void versionPrintsTheVersionFromAnyDirectory(@TempDir Path cwd) throws Exception {
        Result r = cairn(cwd, "version");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).matches("cairn version \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R");
    }

    @Test
    void demoBacksUpSyncsAChangeRestoresAndComparesInATemporaryDirectory(@TempDir Path cwd) throws Exception {
        Result r = cairn(cwd, "demo");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("1. Built database 'sample'").contains("3. Synced: sent ")
                .containsPattern("4. Changed 3 rows and synced again: sent [0-9.]+ kB \\(\\d+ bytes\\)")
                .contains("5. Restored the backup into 'restored'")
                .contains("6. The restored database equals the original: 6 refs (2 branches, 1 tag(s)")
                .contains("Done; removed the temporary directory.");
        assertThat(r.err()).containsPattern("(?m)^Uploaded .* of .* @ .*/s\\.$")
                .containsPattern("(?m)^Downloaded \\d+ chunks, .* @ .*/s\\.$");
        assertThat(cwd).isEmptyDirectory();
    }

    @Test
    void demoKeepsEverythingWhenGivenADirectory(@TempDir Path cwd) throws Exception {
        Result r = cairn(cwd, "demo", "--dir", "store", "--rows", "300");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(cwd.resolve("store/backup/manifest")).isRegularFile();
        assertThat(cwd.resolve("store/restored/.cairn")).isDirectory();
        Result again = cairn(cwd, "demo", "--dir", "store");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).isEqualTo("error: directory 'store' is not empty\n");
    }

    @Test
    void unknownCommandIsOneLineAndExitOne(@TempDir Path cwd) throws Exception {
        Result r = cairn(cwd, "frobnicate");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: unknown command 'frobnicate'; see 'cairn --help'\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void badOptionValueIsOneLineAndExitOne(@TempDir Path cwd) throws Exception {
        Result r = cairn(cwd, "demo", "--rows", "0");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: --rows must be at least 1\n");
    }
}
