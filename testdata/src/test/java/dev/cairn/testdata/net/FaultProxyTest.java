package dev.cairn.testdata.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.cairn.testdata.net.FaultProxy.Fault;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a plain HTTP/1.1 client on a raw socket sees through the proxy, fault by fault. */
class FaultProxyTest {
    private static final byte[] DATA = pattern(100_000);

    private HttpServer target;
    private final AtomicInteger requestsSeen = new AtomicInteger();
    private final AtomicInteger uploadsWhole = new AtomicInteger();
    private final AtomicInteger uploadsBroken = new AtomicInteger();

    @BeforeEach
    void startTarget() throws IOException {
        target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        target.createContext("/data", ex -> {
            requestsSeen.incrementAndGet();
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(200, DATA.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(DATA);
            }
        });
        target.createContext("/chunked", ex -> {
            requestsSeen.incrementAndGet();
            ex.sendResponseHeaders(200, 0); // length unknown: chunked
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < DATA.length; i += 10_000) {
                    out.write(DATA, i, 10_000);
                    out.flush();
                }
            }
        });
        target.createContext("/upload", ex -> {
            requestsSeen.incrementAndGet();
            long expected = Long.parseLong(ex.getRequestHeaders().getFirst("Content-Length"));
            byte[] got;
            try {
                got = ex.getRequestBody().readAllBytes();
            } catch (IOException e) {
                uploadsBroken.incrementAndGet();
                ex.close();
                return;
            }
            if (got.length != expected) {
                uploadsBroken.incrementAndGet();
                ex.close();
                return;
            }
            uploadsWhole.incrementAndGet();
            byte[] answer = ("stored " + got.length).getBytes(StandardCharsets.US_ASCII);
            ex.sendResponseHeaders(200, answer.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(answer);
            }
        });
        target.start();
    }

    @AfterEach
    void stopTarget() {
        target.stop(0);
    }

    private FaultProxy.Builder proxy() {
        return FaultProxy.builder("127.0.0.1", target.getAddress().getPort());
    }

    @Test
    void withoutFaultsRequestsGoThroughOneKeptAliveConnectionWhole() throws IOException {
        try (FaultProxy proxy = proxy().start(); Socket s = connect(proxy)) {
            for (int i = 0; i < 3; i++) {
                send(s, "GET /data HTTP/1.1\r\nHost: x\r\n\r\n", null);
                Response r = Response.read(s.getInputStream());
                assertThat(r.status).isEqualTo(200);
                assertThat(r.body).isEqualTo(DATA);

                send(s, "GET /chunked HTTP/1.1\r\nHost: x\r\n\r\n", null);
                Response c = Response.read(s.getInputStream());
                assertThat(c.headers.get("transfer-encoding")).isEqualTo("chunked");
                assertThat(c.body).isEqualTo(DATA);

                byte[] up = Arrays.copyOf(DATA, 5_000);
                send(s, "PUT /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n", up);
                assertThat(new String(Response.read(s.getInputStream()).body, StandardCharsets.US_ASCII))
                        .isEqualTo("stored 5000");
            }
            assertThat(proxy.connections()).isEqualTo(1);
            assertThat(proxy.forwarded()).isEqualTo(9);
            assertThat(proxy.injected()).isZero();
        }
    }

    @Test
    void expectContinueIsAnsweredByTheProxyBeforeTheBodyIsSent() throws IOException {
        try (FaultProxy proxy = proxy().start(); Socket s = connect(proxy)) {
            send(s, "PUT /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n", null);
            assertThat(Response.read(s.getInputStream()).status).isEqualTo(100);
            send(s, "", "abc".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(Response.read(s.getInputStream()).body, StandardCharsets.US_ASCII))
                    .isEqualTo("stored 3");
        }
    }

    @Test
    void aServerErrorIsAnsweredByTheProxyAndTheTargetNeverSeesTheRequest() throws IOException {
        try (FaultProxy proxy = proxy().rate(Fault.SERVER_ERROR, 1).start(); Socket s = connect(proxy)) {
            send(s, "PUT /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n", Arrays.copyOf(DATA, 5000));
            Response r = Response.read(s.getInputStream());
            assertThat(r.status).isEqualTo(500);
            assertThat(r.headers.get("connection")).isEqualTo("close");
            assertThat(new String(r.body, StandardCharsets.UTF_8)).contains("<Code>InternalError</Code>");
            assertThat(s.getInputStream().read()).as("closed after the answer").isEqualTo(-1);
            assertThat(proxy.injected(Fault.SERVER_ERROR)).isEqualTo(1);
        }
        assertThat(requestsSeen).hasValue(0);
    }

    @Test
    void aResetBeforeForwardingFailsTheReadAndTheTargetNeverSeesTheRequest() throws IOException {
        try (FaultProxy proxy = proxy().rate(Fault.RESET_BEFORE_FORWARDING, 1).start(); Socket s = connect(proxy)) {
            send(s, "GET /data HTTP/1.1\r\nHost: x\r\n\r\n", null);
            assertThatThrownBy(() -> Response.read(s.getInputStream())).isInstanceOf(SocketException.class)
                    .hasMessageContaining("reset");
            assertThat(proxy.injected(Fault.RESET_BEFORE_FORWARDING)).isEqualTo(1);
        }
        assertThat(requestsSeen).hasValue(0);
    }

    @Test
    void aResetMidUploadLeavesTheTargetWithATruncatedBodyAndTheClientWithNoAnswer() throws Exception {
        try (FaultProxy proxy = proxy().rate(Fault.RESET_MID_REQUEST, 1).start(); Socket s = connect(proxy)) {
            send(s, "PUT /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n", Arrays.copyOf(DATA, 5000));
            assertThatThrownBy(() -> Response.read(s.getInputStream())).isInstanceOf(IOException.class);
            assertThat(proxy.injected(Fault.RESET_MID_REQUEST)).isEqualTo(1);
        }
        waitFor(() -> uploadsBroken.get() == 1);
        assertThat(uploadsWhole).hasValue(0);
    }

    @Test
    void aResetMidResponseCutsTheBodyShort() throws IOException {
        for (String path : new String[] {"/data", "/chunked"}) {
            try (FaultProxy proxy = proxy().rate(Fault.RESET_MID_RESPONSE, 1).start(); Socket s = connect(proxy)) {
                send(s, "GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n", null);
                InputStream in = s.getInputStream();
                ByteArrayOutputStream got = new ByteArrayOutputStream();
                assertThatThrownBy(() -> in.transferTo(got)).isInstanceOf(SocketException.class);
                // Linux may drop what was in flight when the RST arrives, so only "short" is certain.
                assertThat(got.size()).as(path).isLessThan(DATA.length);
                assertThat(proxy.injected(Fault.RESET_MID_RESPONSE)).isEqualTo(1);
            }
        }
        assertThat(requestsSeen).hasValue(2);
    }

    @Test
    void aCloseMidResponseEndsTheStreamCleanlyBeforeTheBodyIsWhole() throws IOException {
        try (FaultProxy proxy = proxy().rate(Fault.CLOSE_MID_RESPONSE, 1).start(); Socket s = connect(proxy)) {
            send(s, "GET /data HTTP/1.1\r\nHost: x\r\n\r\n", null);
            assertThatThrownBy(() -> Response.read(s.getInputStream())).isInstanceOf(EOFException.class)
                    .hasMessage("body cut short");
            assertThat(proxy.injected(Fault.CLOSE_MID_RESPONSE)).isEqualTo(1);
        }
    }

    @Test
    void theSharesAreRoughlyKeptAndEveryFaultIsCounted() throws IOException {
        int n = 400;
        int ok = 0;
        int failed = 0;
        try (FaultProxy proxy = proxy().evenly(0.5).seed(7).start()) {
            for (int i = 0; i < n; i++) {
                try (Socket s = connect(proxy)) {
                    send(s, "PUT /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n", Arrays.copyOf(DATA, 100));
                    Response r = Response.read(s.getInputStream());
                    if (r.status == 200) {
                        ok++;
                    } else {
                        failed++;
                    }
                } catch (IOException e) {
                    failed++;
                }
            }
            for (Fault f : Fault.values()) {
                assertThat(proxy.injected(f)).as(f.name()).isBetween(15L, 80L);
            }
            assertThat(failed).isEqualTo((int) proxy.injected());
            assertThat(ok).isEqualTo((int) proxy.forwarded());
            assertThat(proxy.requests()).isEqualTo(n);
        }
    }

    @Test
    void aFilterKeepsFaultsOffTheOtherRequests() throws IOException {
        try (FaultProxy proxy = proxy().rate(Fault.SERVER_ERROR, 1).faultOnly(r -> r.method().equals("PUT")).start();
                Socket s = connect(proxy)) {
            send(s, "GET /data HTTP/1.1\r\nHost: x\r\n\r\n", null);
            assertThat(Response.read(s.getInputStream()).status).isEqualTo(200);
            proxy.faulting(false);
            send(s, "PUT /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\n", new byte[1]);
            assertThat(Response.read(s.getInputStream()).status).isEqualTo(200);
            assertThat(proxy.injected()).isZero();
        }
    }

    @Test
    void afterMaxFaultsEverythingGoesThrough() throws IOException {
        try (FaultProxy proxy = proxy().rate(Fault.SERVER_ERROR, 1).maxFaults(2).start()) {
            int[] statuses = new int[4];
            for (int i = 0; i < statuses.length; i++) {
                try (Socket s = connect(proxy)) {
                    send(s, "GET /data HTTP/1.1\r\nHost: x\r\n\r\n", null);
                    statuses[i] = Response.read(s.getInputStream()).status;
                }
            }
            assertThat(statuses).containsExactly(500, 500, 200, 200);
        }
    }

    private static Socket connect(FaultProxy proxy) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        s.setSoTimeout(10_000);
        return s;
    }

    private static void send(Socket s, String head, byte[] body) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        if (body != null) {
            out.write(body);
        }
        out.flush();
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }

    private static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + (i >> 8));
        }
        return b;
    }

    /** Just enough of an HTTP/1.1 response reader for these tests: length-framed or chunked bodies. */
    private record Response(int status, Map<String, String> headers, byte[] body) {
        static Response read(InputStream in) throws IOException {
            String status = line(in);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String l; !(l = line(in)).isEmpty(); ) {
                int colon = l.indexOf(':');
                headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
            }
            int code = Integer.parseInt(status.split(" ")[1]);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if ("chunked".equals(headers.get("transfer-encoding"))) {
                for (int size; (size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) > 0; ) {
                    body.write(in.readNBytes(size));
                    line(in);
                }
                line(in);
            } else if (headers.containsKey("content-length")) {
                int n = Integer.parseInt(headers.get("content-length"));
                byte[] b = in.readNBytes(n);
                if (b.length < n) {
                    throw new EOFException("body cut short");
                }
                body.write(b);
            }
            return new Response(code, headers, body.toByteArray());
        }

        private static String line(InputStream in) throws IOException {
            StringBuilder b = new StringBuilder();
            for (int c; (c = in.read()) != '\n'; ) {
                if (c < 0) {
                    throw new EOFException("connection closed");
                }
                if (c != '\r') {
                    b.append((char) c);
                }
            }
            return b.toString();
        }
    }
}
