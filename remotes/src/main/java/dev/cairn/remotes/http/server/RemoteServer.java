package dev.cairn.remotes.http.server;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A Cairn HTTP remote server ({@code cairn remotesrv}): every repository {@code DIR/ORG/REPO}
 * served at {@code http[s]://host:port/ORG/REPO} by the protocol in {@code PROTOCOL.md}, on
 * Jetty's core handlers. Each repository has the layout of a {@code file://} remote, so the
 * server and local tools can share a directory.
 */
public final class RemoteServer implements AutoCloseable {
    /** How long {@link #close} lets requests in flight finish before it cuts them off. */
    static final long GRACE_MILLIS = 30_000;
    /**
     * Jetty's read and response buffers (8 KiB and 32 KiB by default). A blocking upload's
     * handler thread is woken once per buffer filled, and on a loaded machine every wake-up
     * waits for a core: with 8 KiB a 231 MB table-file upload is ~28,000 of them
     * (bench/RESULTS.md, step 7).
     */
    static final int IO_BUFFER_BYTES = 256 << 10;

    private final Server server;
    private final ServerConnector connector;
    private final URI baseUri;
    private final AtomicBoolean closing = new AtomicBoolean();

    private RemoteServer(Server server, ServerConnector connector, URI baseUri) {
        this.server = server;
        this.connector = connector;
        this.baseUri = baseUri;
    }

    /**
     * Starts serving; the directory is created if missing.
     *
     * @throws IOException with one line for a human if the directory, the port or the TLS files are unusable
     */
    public static RemoteServer start(RemoteServerConfig config) throws IOException {
        Path dir = config.dir().toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot create the directory " + dir + ": " + reason(e), e);
        }
        if (!Files.isDirectory(dir) || !Files.isWritable(dir) && !config.readOnly()) {
            throw new IOException(dir + " is not a writable directory");
        }
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("cairn-remotesrv");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        // Paths reach the handler raw, so that it alone decides what is a bad path and says so in JSON.
        http.setUriCompliance(UriCompliance.UNSAFE);
        http.setSendServerVersion(false);
        http.setSendDateHeader(true);
        boolean tls = config.tlsCert() != null;
        ServerConnector connector;
        http.setOutputBufferSize(IO_BUFFER_BYTES);
        HttpConnectionFactory plain = new HttpConnectionFactory(http);
        plain.setInputBufferSize(IO_BUFFER_BYTES);
        if (tls) {
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            // Clients reach a server by whatever name or address they have; the certificate is theirs to check.
            secure.setSniHostCheck(false);
            http.addCustomizer(secure);
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            char[] password = randomPassword();
            KeyStore ks = PemKeyStore.load(config.tlsCert(), config.tlsKey(), password);
            ssl.setKeyStore(ks);
            ssl.setKeyStorePassword(new String(password));
            ssl.setCertAlias(PemKeyStore.ALIAS);
            connector = new ServerConnector(server, new ConnectionFactory[] {
                new SslConnectionFactory(ssl, plain.getProtocol()), plain});
        } else {
            connector = new ServerConnector(server, plain);
        }
        connector.setHost(config.host());
        connector.setPort(config.port());
        server.addConnector(connector);
        server.setHandler(new GracefulHandler(new RemoteHandler(config, dir)) {
            @Override
            protected void handleShutdownRejection(Request request, Response response, Callback callback) {
                RemoteHandler.fail(response, callback, new HttpError(503, "unavailable", "the server is shutting down"));
            }
        });
        server.setStopTimeout(GRACE_MILLIS);
        server.setStopAtShutdown(false);
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // already failing
            }
            Throwable cause = e.getCause() != null && e.getMessage() != null && e.getMessage().startsWith("Failed to bind")
                    ? e.getCause() : e;
            throw new IOException("cannot serve on " + config.host() + ":" + config.port() + ": "
                    + (cause.getMessage() == null ? cause.toString() : cause.getMessage()), e);
        }
        String host = config.host();
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") || host.isEmpty()) {
            host = "127.0.0.1";
        } else if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        URI base = URI.create((tls ? "https" : "http") + "://" + host + ":" + connector.getLocalPort());
        return new RemoteServer(server, connector, base);
    }

    /** Why a file operation failed, in words: the JDK's messages for these are just the path. */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "a file is in the way";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private static char[] randomPassword() {
        byte[] b = new byte[18];
        new SecureRandom().nextBytes(b);
        return Base64.getEncoder().encodeToString(b).toCharArray();
    }

    /** The port the server listens on. */
    public int port() {
        return connector.getLocalPort();
    }

    /** The server's root, {@code http://host:port}; a repository is at {@code baseUri()/ORG/REPO}. */
    public URI baseUri() {
        return baseUri;
    }

    /**
     * Stops accepting, lets requests in flight finish (for up to {@value #GRACE_MILLIS} ms),
     * then stops. An upload cut off at the end leaves no file: its staging file is removed.
     * Only the first call does anything (a signal and a shutdown hook may both call it).
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        try {
            server.stop();
        } catch (Exception e) {
            // Stopping is best effort; what was cut off cleans up after itself.
        } finally {
            server.destroy();
        }
    }

    /** Blocks until the server has stopped. */
    public void join() throws InterruptedException {
        server.join();
    }
}
