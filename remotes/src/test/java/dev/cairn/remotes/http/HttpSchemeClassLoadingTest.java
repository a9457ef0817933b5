package dev.cairn.remotes.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.remotes.RemoteFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands that never open an http remote must not pay for loading okhttp and the Kotlin
 * runtime: building the standard factory and checking an http URL load neither, opening one
 * does. Run in a fresh JVM, since this one has long loaded okhttp.
 */
class HttpSchemeClassLoadingTest {
    @TempDir
    Path tmp;

    /** The child JVM's entry point: check (and, if asked, open) an http URL through the standard factory. */
    public static void main(String[] args) throws Exception {
        RemoteFactory factory = RemoteFactory.standard();
        factory.parse("https://cairn.example.com/org/repo", null, Map.of());
        if (args.length > 0) {
            factory.open(args[0], null, Map.of()).close();
        }
        System.out.println(factory.schemes());
    }

    @Test
    void factoryAndUrlCheckLoadNoOkHttpButOpeningDoes() throws Exception {
        List<String> checked = loadedClasses(tmp.resolve("check.txt"));
        assertThat(checked).anyMatch(l -> l.contains("dev.cairn.remotes.http.HttpLocation"));
        assertThat(checked).noneMatch(l -> l.contains("okhttp3.") || l.contains("kotlin."));

        List<String> opened = loadedClasses(tmp.resolve("open.txt"), "http://127.0.0.1:9/org/repo");
        assertThat(opened).as("the probe is able to see okhttp being loaded").anyMatch(l -> l.contains("okhttp3."));
    }

    private static List<String> loadedClasses(Path log, String... args) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-Xlog:class+load=info:file=" + log,
                "-cp", System.getProperty("java.class.path"), HttpSchemeClassLoadingTest.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("https");
        return Files.readAllLines(log, StandardCharsets.UTF_8);
    }
}
