package dev.cairn.sql.server;

import dev.cairn.repo.Workspace;
import dev.cairn.sql.ResultSet;
import dev.cairn.sql.SqlSession;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A MySQL-protocol server over the databases in a directory, as {@code cairn sql} sees them:
 * MySQL clients and drivers connect, authenticate as the configured user, and run SQL in
 * their own {@link SqlSession}, all sessions sharing one {@link Workspace}.
 *
 * <p>One thread per connection, at most {@link MySqlServerConfig#maxConnections()}; a
 * connection beyond that gets MySQL's error 1040 and is closed. {@link #close()} stops
 * accepting, lets each running statement finish (up to the configured grace period), then
 * closes every connection and the workspace; the CLI calls it on SIGTERM.
 */
public final class MySqlServer implements AutoCloseable {
    /** What {@code SELECT @@version} and the handshake say: MySQL 8.0's dialect, served by Cairn. */
    public static final String SERVER_VERSION = "8.0.33-cairn";
    private static final int MAX_PACKET = 64 << 20;

    private final MySqlServerConfig config;
    private final ServerSocket listener;
    private final Workspace workspace;
    private final Authenticator authenticator;
    private final Set<ClientConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final long startNanos = System.nanoTime();
    private final boolean debug = "1".equals(System.getenv("CAIRN_DEBUG"));
    private final Thread acceptor;

    private MySqlServer(MySqlServerConfig config, ServerSocket listener) {
        this.config = config;
        this.listener = listener;
        this.workspace = Workspace.open(config.dataDir());
        this.authenticator = new Authenticator(config, SERVER_VERSION);
        this.acceptor = new Thread(this::acceptLoop, "cairn-sql-server-accept");
        acceptor.setDaemon(true);
    }

    /**
     * Binds {@code config}'s host and port and starts accepting connections.
     *
     * @throws java.nio.file.NoSuchFileException if the data directory does not exist
     * @throws IOException if the address cannot be bound (the message names it)
     */
    public static MySqlServer start(MySqlServerConfig config) throws IOException {
        if (!java.nio.file.Files.isDirectory(config.dataDir())) {
            throw new java.nio.file.NoSuchFileException(config.dataDir().toString(), null,
                    "data directory does not exist");
        }
        ServerSocket s = new ServerSocket();
        try {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(config.host()), config.port()), 128);
        } catch (IOException e) {
            s.close();
            throw new IOException("can't listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
        }
        MySqlServer server = new MySqlServer(config, s);
        if (MySqlServerConfig.CACHING_SHA2_PASSWORD.equals(config.authPlugin())) {
            server.authenticator.prepareKey();
        }
        server.acceptor.start();
        return server;
    }

    /** The port listened on (the one picked, if the config asked for 0). */
    public int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!closing.get()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (!closing.get()) {
                    log("accept failed: " + e);
                }
                continue;
            }
            long id = ids.incrementAndGet();
            ClientConnection c = new ClientConnection(this, socket, id);
            synchronized (connections) {
                if (closing.get() || connections.size() >= config.maxConnections()) {
                    refuse(socket, closing.get());
                    continue;
                }
                connections.add(c);
            }
            Thread t = new Thread(c, "cairn-sql-conn-" + id);
            t.setDaemon(true);
            t.start();
        }
    }

    /** Sends MySQL's "too many connections" (or "shutting down") as the first packet and hangs up. */
    private void refuse(Socket socket, boolean shuttingDown) {
        try (socket) {
            socket.setSoTimeout(1000);
            Payload p = new Payload().int1(0xff);
            if (shuttingDown) {
                p.int2(Protocol.ER_SERVER_SHUTDOWN).rest("#08S01").rest("Server shutdown in progress");
            } else {
                p.int2(Protocol.ER_CON_COUNT).rest("#08004").rest("Too many connections");
            }
            byte[] b = p.toByteArray();
            OutputStream o = socket.getOutputStream();
            o.write(new byte[] {(byte) b.length, (byte) (b.length >>> 8), (byte) (b.length >>> 16), 0});
            o.write(b);
            o.flush();
        } catch (IOException e) {
            // the client left already
        }
    }

    SqlSession newSession() throws IOException {
        Map<String, String> env = config.environment();
        SqlSession s = env == null ? new SqlSession(workspace) : new SqlSession(workspace, env::get);
        s.variables().set("version", SERVER_VERSION);
        s.variables().set("port", (long) port());
        s.variables().set("wait_timeout", config.idleTimeout().toSeconds());
        s.variables().set("max_connections", (long) config.maxConnections());
        return s;
    }

    /** Runs one statement for a connection. */
    ResultSet run(SqlSession session, String sql) throws IOException {
        return session.executeStatement(sql);
    }

    MySqlServerConfig config() {
        return config;
    }

    Authenticator authenticator() {
        return authenticator;
    }

    int maxPacket() {
        return MAX_PACKET;
    }

    long uptimeSeconds() {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos);
    }

    int connectionCount() {
        return connections.size();
    }

    boolean debug() {
        return debug;
    }

    void log(String message) {
        if (debug) {
            System.err.println("cairn sql-server: " + message);
        }
    }

    void connectionClosed(ClientConnection c) {
        synchronized (connections) {
            connections.remove(c);
            connections.notifyAll();
        }
    }

    /**
     * Stops the server: no new connections; idle connections close now, busy ones when their
     * statement ends; after the grace period the rest are cut. Then the workspace is closed.
     * Safe to call more than once and from any thread.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            try {
                awaitClosed();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        try {
            for (ClientConnection c : snapshot()) {
                c.shutdown();
            }
            long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
            if (!waitForConnections(deadline)) {
                for (ClientConnection c : snapshot()) {
                    c.abort();
                }
                // A statement still running finishes or fails on its own; its store is atomic either way.
                waitForConnections(System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                acceptor.join(1000);
                workspace.close();
            } catch (IOException e) {
                log("closing the workspace failed: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                closed.countDown();
            }
        }
    }

    private List<ClientConnection> snapshot() {
        synchronized (connections) {
            return new ArrayList<>(connections);
        }
    }

    private boolean waitForConnections(long deadlineNanos) throws InterruptedException {
        synchronized (connections) {
            while (!connections.isEmpty()) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(connections, left);
            }
            return true;
        }
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

}
