package dev.cairn.remotes.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.remotes.RemoteFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands that never open a Git remote must not pay for loading JGit: building the standard
 * factory and checking a Git URL (what {@code backup add} does) load no JGit class, while
 * opening one does. Run in a fresh JVM, since this one has long loaded JGit.
 */
class GitSchemeClassLoadingTest {
    @TempDir
    Path tmp;

    /** The child JVM's entry point: check (and, if asked, open) a Git URL through the standard factory. */
    public static void main(String[] args) throws Exception {
        RemoteFactory factory = RemoteFactory.standard();
        factory.parse("git+https://example.com/org/repo.git?ref=refs/dolt/other", null, Map.of());
        if (args.length > 0) {
            factory.open(args[0], null, Map.of()).close();
        }
        System.out.println(factory.schemes());
    }

    @Test
    void factoryAndUrlCheckLoadNoJGitButOpeningDoes() throws Exception {
        List<String> checked = loadedClasses(tmp.resolve("check.txt"));
        assertThat(checked).anyMatch(l -> l.contains("dev.cairn.remotes.git.GitRemoteScheme"));
        assertThat(checked).noneMatch(l -> l.contains("org.eclipse.jgit."));

        String repo = "git+file://" + tmp.resolve("opened.git");
        List<String> opened = loadedClasses(tmp.resolve("open.txt"), repo);
        assertThat(opened).as("the probe is able to see JGit being loaded").anyMatch(l -> l.contains("org.eclipse.jgit."));
    }

    private static List<String> loadedClasses(Path log, String... args) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new java.util.ArrayList<>(List.of(java.toString(), "-Xlog:class+load=info:file=" + log,
                "-cp", System.getProperty("java.class.path"), GitSchemeClassLoadingTest.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("git+file");
        return Files.readAllLines(log, StandardCharsets.UTF_8);
    }
}
