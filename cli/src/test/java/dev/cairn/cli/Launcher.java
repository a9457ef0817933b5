package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.chunkstore.model.CommitMeta;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the real {@code ./cairn} launcher with {@code CAIRN_ROOT_PATH} pointing at a global
 * config of its own (with an identity), as the end-to-end tests of transfers need.
 */
final class Launcher {
    static final Path SCRIPT = Paths.get("..", "cairn").toAbsolutePath().normalize();
    static final CommitMeta META = new CommitMeta("Tess Ter", "tess@example.com", 1_700_000_000_000L, "test");

    record Result(int exit, String out, String err) {
    }

    private final Path root;

    Launcher(Path root) throws IOException {
        this.root = root;
        Files.createDirectories(root);
        Files.writeString(root.resolve("config_global.json"),
                "{\"user.name\": \"Tess Ter\", \"user.email\": \"tess@example.com\"}");
    }

    ProcessBuilder builder(Path cwd, Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(SCRIPT.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        pb.environment().put("CAIRN_ROOT_PATH", root.toString());
        pb.environment().put("CAIRN_NO_TTY", "1");
        pb.environment().remove("CAIRN_DEBUG");
        pb.environment().putAll(env);
        return pb;
    }

    Result run(Path cwd, Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("cairn-out", ".txt");
        Path err = Files.createTempFile("cairn-err", ".txt");
        try {
            Process p = builder(cwd, env, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("cairn finished").isTrue();
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    Result ok(Path cwd, String... args) throws Exception {
        Result r = run(cwd, Map.of(), args);
        assertThat(r.exit()).as("cairn %s: %s", String.join(" ", args), r.err()).isZero();
        return r;
    }

    /** Runs a command that must fail with exactly {@code error} as its only stderr line. */
    void fails(Path cwd, String error, String... args) throws Exception {
        Result r = run(cwd, Map.of(), args);
        assertThat(r.exit()).as("cairn %s", String.join(" ", args)).isEqualTo(1);
        assertThat(r.err()).as("cairn %s", String.join(" ", args)).isEqualTo(error + "\n");
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(x);
            }
        }
    }

    /** Bytes of all files under {@code dir}. */
    static long treeBytes(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
