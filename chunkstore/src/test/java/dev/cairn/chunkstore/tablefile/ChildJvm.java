package dev.cairn.chunkstore.tablefile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child JVM running a test main class, with its stdout collected line by line.
 *
 * <p>The child's stdout goes to a file beside its stderr, not to a pipe: a line the child
 * wrote is in the file once its {@code write} returned, whatever happens to the child next,
 * while output read from a pipe by a thread of this JVM could come up short when the child
 * was killed (the crash tests saw a commit land whose {@code BEGIN} line never arrived).
 */
final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private ChildJvm(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    static ChildJvm start(Class<?> main, Path stderr, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-Xmx256m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        Path stdout = stderr.resolveSibling(stderr.getFileName() + ".stdout");
        Process p = new ProcessBuilder(cmd).redirectError(stderr.toFile()).redirectOutput(stdout.toFile()).start();
        return new ChildJvm(p, stdout, stderr);
    }

    Process process() {
        return process;
    }

    /** The complete lines the child has printed so far (a line still being written is left out). */
    List<String> lines() {
        String text;
        try {
            text = Files.readString(stdout, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new AssertionError("cannot read the child's output " + stdout, e);
        }
        int end = text.lastIndexOf('\n');
        return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n", -1));
    }

    /** Waits until some line matches; returns false on timeout or if the child exited first. */
    boolean awaitLine(Predicate<String> match, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (true) {
            boolean exited = !process.isAlive();
            if (lines().stream().anyMatch(match)) {
                return true;
            }
            if (exited || System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
    }

    /** Sends a line to the child's stdin. */
    void send(String line) throws IOException {
        process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    /** SIGKILLs the child and returns every line it printed. */
    List<String> kill() throws InterruptedException {
        process.destroyForcibly();
        return finish(10_000);
    }

    /** Waits for the child to exit and returns every line it printed. */
    List<String> finish(long timeoutMillis) throws InterruptedException {
        if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("child did not exit in " + timeoutMillis + " ms; stderr:\n" + stderr());
        }
        return lines();
    }

    String stderr() {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            return "(no stderr: " + e + ")";
        }
    }

    /** Kills the child if it is still running, so a failed test leaves no process behind. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
