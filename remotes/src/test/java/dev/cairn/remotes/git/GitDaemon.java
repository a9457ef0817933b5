package dev.cairn.remotes.git;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code git daemon} on a free loopback port serving the bare repositories under one
 * directory, with pushes enabled: the network path of {@link GitBlobStore} (fetch into a
 * cache, push with a lease) against the same receive-pack a Git host runs. Tests that use it
 * are skipped, saying why, when git is not installed.
 */
final class GitDaemon implements AutoCloseable {
    static final Path GIT = Path.of("/usr/bin/git");

    final Path base;
    final int port;
    private final Process process;
    private int repos;

    private GitDaemon(Path base, int port, Process process) {
        this.base = base;
        this.port = port;
        this.process = process;
    }

    /** Skips the calling test unless git is installed. */
    static void assumeGit() {
        assumeThat(Files.isExecutable(GIT)).as("git is installed at " + GIT + " (needed for git daemon tests)")
                .isTrue();
    }

    static GitDaemon start(Path base) throws Exception {
        assumeGit();
        Files.createDirectories(base);
        for (int attempt = 0; ; attempt++) {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            Process p = new ProcessBuilder(GIT.toString(), "daemon", "--reuseaddr", "--export-all",
                    "--enable=receive-pack", "--informative-errors", "--base-path=" + base, "--listen=127.0.0.1",
                    "--port=" + port, base.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (waitForPort(port, p)) {
                return new GitDaemon(base, port, p);
            }
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            if (attempt == 3) {
                throw new IOException("git daemon did not start on a free port");
            }
        }
    }

    private static boolean waitForPort(int port, Process p) throws InterruptedException {
        for (int i = 0; i < 200 && p.isAlive(); i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException notYet) {
                Thread.sleep(25);
            }
        }
        return false;
    }

    /** A new empty bare repository served by this daemon; its {@code git+git://} URL. */
    synchronized String newRepository() throws IOException {
        String name = "repo-" + repos++ + ".git";
        // Made with JGit rather than a forked git: many tests make one each.
        try (org.eclipse.jgit.lib.Repository r = new org.eclipse.jgit.storage.file.FileRepositoryBuilder()
                .setGitDir(base.resolve(name).toFile()).setBare().build()) {
            r.create(true);
        }
        return url(name);
    }

    /** Deletes a directory tree made by a test; null is ignored. */
    static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    String url(String name) {
        return "git+git://127.0.0.1:" + port + "/" + name;
    }

    /** Runs git in {@code dir}; its trimmed output, failing on a non-zero exit. */
    static String git(Path dir, String... args) throws IOException {
        List<String> cmd = new java.util.ArrayList<>(List.of(GIT.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("git " + String.join(" ", args) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return out.trim();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
