package dev.cairn.remotes.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A JDK HTTP server on a loopback port that answers every request as a test says, and
 * remembers what it was asked: for checking how the client reads answers a real server gives
 * only when something is wrong.
 */
final class CannedServer implements AutoCloseable {
    /** One request as it arrived. */
    record Seen(String method, String path, String query, Headers headers) {
        String header(String name) {
            return headers.getFirst(name);
        }
    }

    /** Answers one request. */
    interface Answer {
        void answer(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private volatile Answer answer;

    CannedServer(Answer answer) throws IOException {
        this.answer = answer;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders()));
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                this.answer.answer(exchange);
            }
        });
        server.start();
    }

    /** A canned Cairn error: {@code {"error": code, "message": message}} with that status. */
    static Answer error(int status, String code, String message) {
        return ex -> json(ex, status, "{\"error\": \"" + code + "\", \"message\": \"" + message + "\"}");
    }

    static Answer status(int status) {
        return ex -> ex.sendResponseHeaders(status, -1);
    }

    static void json(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    void answer(Answer a) {
        this.answer = a;
    }

    /** The URL of repository {@code org/db} on this server. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/org/db";
    }

    String hostPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    List<Seen> seen() {
        return seen;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
