package dev.cairn.remotes.http;

import dev.cairn.remotes.http.server.RemoteServer;
import dev.cairn.remotes.http.server.RemoteServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** The real Cairn remote server ({@link RemoteServer}) on a free loopback port, for the client's tests. */
final class LiveServer implements AutoCloseable {
    final Path dir;
    final RemoteServer server;
    private boolean closed;

    private LiveServer(Path dir, RemoteServer server) {
        this.dir = dir;
        this.server = server;
    }

    /** A server over {@code dir}, set up further by {@code config}; quiet, without an access log. */
    static LiveServer start(Path dir, UnaryOperator<RemoteServerConfig.Builder> config) throws IOException {
        Files.createDirectories(dir);
        RemoteServerConfig.Builder b = RemoteServerConfig.builder(dir).host("127.0.0.1").port(0).accessLog(line -> {
        });
        return new LiveServer(dir, RemoteServer.start(config.apply(b).build()));
    }

    /** A plain server over a fresh temporary directory. */
    static LiveServer start() {
        try {
            return start(Files.createTempDirectory("cairn-remote-"), b -> b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The URL of repository {@code org/repo}. */
    String url(String org, String repo) {
        return server.baseUri() + "/" + org + "/" + repo;
    }

    /** Stops the server, letting requests in flight finish; closing again does nothing. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            server.close();
        }
    }
}
