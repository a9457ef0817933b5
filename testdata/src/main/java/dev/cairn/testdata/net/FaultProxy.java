package dev.cairn.testdata.net;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A TCP proxy for tests that speaks just enough HTTP/1.1 to break requests the way a network
 * and an overloaded server do: it listens on a free loopback port, forwards each request to
 * one target, and for a configurable share of requests injects a {@link Fault} instead:
 * a {@code 500} answered by itself, a connection reset (RST) before the request is
 * forwarded, in the middle of its upload or in the middle of the response, or a connection
 * closed in order in the middle of the response. The faults are drawn from a seeded
 * {@link Random}, and each one injected is counted, so a test can assert that its client
 * really went through them; {@link Builder#faultOnly} and {@link Builder#maxFaults} aim them
 * at particular requests.
 *
 * <p>It knows nothing of what it carries (S3, a Cairn remote server, anything over HTTP/1.1)
 * except for the body of its own {@code 500}, which by default is an S3-style XML error that
 * other clients can ignore. One thread serves each client connection and opens its own
 * connection to the target.
 *
 * <p>What it is not: a general proxy. It speaks HTTP/1.1 (and 1.0) in clear text only: no
 * TLS, no {@code CONNECT}, no HTTP/2, no protocol upgrades, no pipelining (a client must wait
 * for each answer before sending the next request, as every client Cairn uses does). The
 * {@code Host} header and everything else is forwarded unchanged, so signatures over it stay
 * valid. {@code Expect: 100-continue} is answered by the proxy itself and not passed on, so
 * that it can decide a request's fate before its body is sent. The same seed replays the
 * same faults only when requests arrive in the same order, that is, from one client thread.
 */
public final class FaultProxy implements AutoCloseable {
    /** What the proxy can do to a request instead of forwarding it whole. */
    public enum Fault {
        /** Answer {@code 500 Internal Server Error} without forwarding; the target never sees the request. */
        SERVER_ERROR,
        /** Reset the connection after reading the request head; the target never sees the request. */
        RESET_BEFORE_FORWARDING,
        /**
         * Forward the head and part of the body, then reset both connections: the target sees a
         * truncated upload. Only requests with a body of at least two bytes are chosen for it,
         * so its share is a share of those.
         */
        RESET_MID_REQUEST,
        /**
         * Forward the whole request and part of the response, then reset: the target has
         * carried the request out but the client never learns the outcome. A response with no
         * body is dropped entirely before its head reaches the client.
         */
        RESET_MID_RESPONSE,
        /**
         * As {@link #RESET_MID_RESPONSE}, but the connection is closed in order (FIN), as by a
         * server or load balancer that gave up: the client reads a clean end of stream where
         * the rest of the body, or the whole answer, should be.
         */
        CLOSE_MID_RESPONSE
    }

    /** The part of a request a {@link Builder#faultOnly filter} can look at. */
    public record Request(String method, String target, boolean hasBody) {
    }

    private static final int IO_TIMEOUT_MILLIS = 30_000;
    private static final String DEFAULT_ERROR_BODY = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>"
            + "<Code>InternalError</Code><Message>We encountered an internal error. Please try again.</Message>"
            + "<RequestId>fault-proxy</RequestId></Error>\n";

    private final String targetHost;
    private final int targetPort;
    private final Map<Fault, Double> rates;
    private final Predicate<Request> faultOnly;
    private final long maxFaults;
    private final String errorContentType;
    private final byte[] errorBody;
    private final Random random;
    private final ServerSocket server;
    private final Thread acceptor;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Map<Fault, AtomicLong> injected = new EnumMap<>(Fault.class);
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicBoolean faulting = new AtomicBoolean(true);
    private final AtomicLong connections = new AtomicLong();
    private volatile boolean closed;
    /** Faults chosen so far; guarded by {@link #random}. */
    private long chosen;

    private FaultProxy(Builder b) throws IOException {
        this.targetHost = b.targetHost;
        this.targetPort = b.targetPort;
        this.rates = new EnumMap<>(b.rates);
        this.faultOnly = b.faultOnly;
        this.maxFaults = b.maxFaults;
        this.errorContentType = b.errorContentType;
        this.errorBody = b.errorBody.getBytes(StandardCharsets.UTF_8);
        this.random = new Random(b.seed);
        for (Fault f : Fault.values()) {
            injected.put(f, new AtomicLong());
        }
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        acceptor = new Thread(this::acceptLoop, "fault-proxy-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy in front of {@code host:port}, forwarding everything until faults are configured. */
    public static Builder builder(String host, int port) {
        return new Builder(host, port);
    }

    /** The loopback port clients connect to. */
    public int port() {
        return server.getLocalPort();
    }

    /** {@code http://127.0.0.1:<port>}: the endpoint clients use instead of the target's. */
    public String endpoint() {
        return "http://" + server.getInetAddress().getHostAddress() + ":" + port();
    }

    /** Turns fault injection on or off (it starts on), e.g. to set up state or to check it afterwards. */
    public void faulting(boolean on) {
        faulting.set(on);
    }

    /** How many times {@code fault} was injected so far. */
    public long injected(Fault fault) {
        return injected.get(fault).get();
    }

    /** How many faults of any kind were injected so far. */
    public long injected() {
        return injected.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** How many requests arrived (whole heads read), faulted or not. */
    public long requests() {
        return requests.get();
    }

    /** How many requests were forwarded and answered whole. */
    public long forwarded() {
        return forwarded.get();
    }

    /** How many client connections were accepted. */
    public long connections() {
        return connections.get();
    }

    /** A one-line summary of the counters, for assertion messages and logs. */
    public String stats() {
        return "requests=" + requests + " forwarded=" + forwarded + " connections=" + connections + " injected="
                + injected;
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        for (Socket s : open) {
            closeQuietly(s);
        }
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "fault proxy " + endpoint() + " -> " + targetHost + ":" + targetPort;
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            connections.incrementAndGet();
            open.add(client);
            Thread t = new Thread(() -> serve(client), "fault-proxy-conn-" + client.getPort());
            t.setDaemon(true);
            t.start();
        }
    }

    /** Serves one client connection, request by request, until either side closes or a fault ends it. */
    private void serve(Socket client) {
        Socket upstream = null;
        try {
            client.setSoTimeout(IO_TIMEOUT_MILLIS);
            client.setTcpNoDelay(true);
            InputStream cin = new BufferedInputStream(client.getInputStream());
            OutputStream cout = new BufferedOutputStream(client.getOutputStream());
            InputStream uin = null;
            OutputStream uout = null;
            while (!closed) {
                HttpHead request = HttpHead.read(cin);
                if (request == null) {
                    return; // the client closed between requests
                }
                requests.incrementAndGet();
                HttpBody requestBody = HttpBody.ofRequest(request);
                boolean expectContinue = request.remove("Expect") != null && requestBody.hasBody();
                Fault fault = choose(new Request(request.method(), request.target(), requestBody.hasBody()),
                        requestBody);
                if (fault == Fault.SERVER_ERROR) {
                    injected.get(fault).incrementAndGet();
                    if (!expectContinue) {
                        requestBody.copy(cin, OutputStream.nullOutputStream(), false);
                    }
                    answerServerError(client, cout);
                    return;
                }
                if (fault == Fault.RESET_BEFORE_FORWARDING) {
                    injected.get(fault).incrementAndGet();
                    reset(client);
                    return;
                }
                if (upstream == null) {
                    upstream = new Socket();
                    open.add(upstream);
                    upstream.connect(new InetSocketAddress(targetHost, targetPort), IO_TIMEOUT_MILLIS);
                    upstream.setSoTimeout(IO_TIMEOUT_MILLIS);
                    upstream.setTcpNoDelay(true);
                    uin = new BufferedInputStream(upstream.getInputStream());
                    uout = new BufferedOutputStream(upstream.getOutputStream());
                }
                request.write(uout);
                if (expectContinue) {
                    cout.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    cout.flush();
                }
                if (fault == Fault.RESET_MID_REQUEST) {
                    injected.get(fault).incrementAndGet();
                    requestBody.copy(cin, uout, true);
                    uout.flush();
                    reset(client);
                    return;
                }
                requestBody.copy(cin, uout, false);
                uout.flush();

                HttpHead response;
                do {
                    response = HttpHead.read(uin);
                    if (response == null) {
                        throw new EOFException("the target closed the connection without answering");
                    }
                } while (response.status() / 100 == 1); // interim answers: we sent our own 100 Continue
                HttpBody responseBody = HttpBody.ofResponse(request.method(), response);
                if (fault == Fault.RESET_MID_RESPONSE || fault == Fault.CLOSE_MID_RESPONSE) {
                    injected.get(fault).incrementAndGet();
                    if (responseBody.hasBody()) {
                        response.write(cout);
                        responseBody.copy(uin, cout, true);
                        cout.flush();
                    }
                    if (fault == Fault.RESET_MID_RESPONSE) {
                        reset(client);
                    }
                    return; // the finally block closes the client connection in order
                }
                response.write(cout);
                responseBody.copy(uin, cout, false);
                forwarded.incrementAndGet(); // before the last bytes go out, so a client that has them sees the count
                cout.flush();
                if (request.closes() || response.closes() || responseBody.untilClose()) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // A client or target that went away, or one that does not speak HTTP/1.1: drop the connection.
        } finally {
            if (upstream != null) {
                reset(upstream);
            }
            closeQuietly(client);
        }
    }

    private Fault choose(Request request, HttpBody body) {
        if (!faulting.get() || !faultOnly.test(request)) {
            return null;
        }
        synchronized (random) {
            if (chosen >= maxFaults) {
                return null;
            }
            double r = random.nextDouble();
            double upTo = 0;
            for (Fault f : Fault.values()) {
                if (f == Fault.RESET_MID_REQUEST && !body.canCut()) {
                    continue; // its share is a share of the uploads only
                }
                upTo += rates.getOrDefault(f, 0.0);
                if (r < upTo) {
                    chosen++;
                    return f;
                }
            }
            return null;
        }
    }

    private void answerServerError(Socket client, OutputStream out) throws IOException {
        String head = "HTTP/1.1 500 Internal Server Error\r\nContent-Type: " + errorContentType
                + "\r\nContent-Length: " + errorBody.length + "\r\nConnection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(errorBody);
        out.flush();
        // Close gently: a close with unread bytes pending would reset the connection, and the
        // client might never read the 500. Wait for the client to close its side first.
        client.shutdownOutput();
        client.setSoTimeout(2_000);
        try {
            client.getInputStream().transferTo(OutputStream.nullOutputStream());
        } catch (SocketTimeoutException e) {
            // the client kept the connection; close it anyway
        }
    }

    private void reset(Socket s) {
        try {
            s.setSoLinger(true, 0); // close() then sends RST instead of FIN
        } catch (IOException e) {
            // already closed
        }
        closeQuietly(s);
    }

    private void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // nothing to do in a test proxy
        }
        if (c instanceof Socket s) {
            open.remove(s);
        }
    }

    /** Sets the target, the fault shares and the seed of a {@link FaultProxy}. */
    public static final class Builder {
        private final String targetHost;
        private final int targetPort;
        private final Map<Fault, Double> rates = new EnumMap<>(Fault.class);
        private Predicate<Request> faultOnly = r -> true;
        private long maxFaults = Long.MAX_VALUE;
        private long seed = 1;
        private String errorContentType = "application/xml";
        private String errorBody = DEFAULT_ERROR_BODY;

        private Builder(String targetHost, int targetPort) {
            this.targetHost = targetHost;
            this.targetPort = targetPort;
        }

        /**
         * The share of requests (0 to 1) to inflict {@code fault} on; for
         * {@link Fault#RESET_MID_REQUEST}, the share of the requests with a body to cut. The
         * shares of all faults together must not exceed 1; each request suffers at most one.
         */
        public Builder rate(Fault fault, double share) {
            if (!(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException("a share is between 0 and 1, not " + share);
            }
            rates.put(fault, share);
            return this;
        }

        /** The same share for every kind of fault: {@code total} split evenly among them. */
        public Builder evenly(double total) {
            for (Fault f : Fault.values()) {
                rate(f, total / Fault.values().length);
            }
            return this;
        }

        /** The seed of the random draws that pick the faulted requests. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Only requests {@code filter} accepts may be faulted (e.g. only uploads); the rest always go through. */
        public Builder faultOnly(Predicate<Request> filter) {
            this.faultOnly = filter;
            return this;
        }

        /**
         * Stops injecting after {@code n} faults; with a share of 1, fails exactly the first
         * {@code n} requests (that {@link #faultOnly} lets through) and then none.
         */
        public Builder maxFaults(long n) {
            this.maxFaults = n;
            return this;
        }

        /** The body of the proxy's own 500 answers, instead of the S3-style XML error. */
        public Builder serverErrorBody(String contentType, String body) {
            this.errorContentType = contentType;
            this.errorBody = body;
            return this;
        }

        /** Starts listening. */
        public FaultProxy start() throws IOException {
            double total = rates.values().stream().mapToDouble(Double::doubleValue).sum();
            if (total > 1 + 1e-9) {
                throw new IllegalArgumentException("the fault shares add up to " + total + ", more than 1");
            }
            return new FaultProxy(this);
        }
    }
}
