package dev.cairn.remotes.git;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * Git's smart HTTP protocol for tests: {@code git http-backend} run as a CGI program behind
 * the JDK's HTTP server on a loopback port, with HTTP Basic authentication, so that the
 * {@code git+http} path (and its credentials) meets the same server code a Git host runs.
 */
final class GitHttpBackend implements AutoCloseable {
    private final HttpServer server;
    private final Path root;
    private final String expectedAuth;

    GitHttpBackend(Path root, String user, String password) throws IOException {
        this.root = root;
        this.expectedAuth = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!expectedAuth.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
                ex.sendResponseHeaders(401, -1);
                return;
            }
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            ProcessBuilder pb = new ProcessBuilder(GitDaemon.GIT.toString(), "http-backend");
            Map<String, String> env = pb.environment();
            env.put("GIT_PROJECT_ROOT", root.toString());
            env.put("GIT_HTTP_EXPORT_ALL", "1");
            env.put("REMOTE_USER", "tester");
            env.put("REMOTE_ADDR", "127.0.0.1");
            env.put("REQUEST_METHOD", ex.getRequestMethod());
            env.put("PATH_INFO", ex.getRequestURI().getPath());
            env.put("QUERY_STRING", ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery());
            env.put("CONTENT_LENGTH", Integer.toString(body.length));
            putHeader(ex, env, "Content-Type", "CONTENT_TYPE");
            putHeader(ex, env, "Content-Encoding", "HTTP_CONTENT_ENCODING");
            putHeader(ex, env, "Git-Protocol", "GIT_PROTOCOL");
            Process p = pb.redirectError(ProcessBuilder.Redirect.DISCARD).start();
            Thread feeder = new Thread(() -> {
                try (OutputStream stdin = p.getOutputStream()) {
                    stdin.write(body);
                } catch (IOException ignored) {
                    // The backend stopped reading; its answer says why.
                }
            });
            feeder.start();
            byte[] out = p.getInputStream().readAllBytes();
            int split = indexOf(out, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            int sep = 4;
            if (split < 0) {
                split = indexOf(out, "\n\n".getBytes(StandardCharsets.US_ASCII));
                sep = 2;
            }
            int status = 200;
            for (String line : new String(out, 0, Math.max(split, 0), StandardCharsets.ISO_8859_1).split("\r?\n")) {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = line.substring(0, colon).trim();
                String value = line.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Status")) {
                    status = Integer.parseInt(value.split(" ")[0]);
                } else {
                    ex.getResponseHeaders().add(name, value);
                }
            }
            int from = split < 0 ? out.length : split + sep;
            ex.sendResponseHeaders(status, out.length - from == 0 ? -1 : out.length - from);
            ex.getResponseBody().write(out, from, out.length - from);
            feeder.join();
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void putHeader(HttpExchange ex, Map<String, String> env, String header, String variable) {
        String v = ex.getRequestHeaders().getFirst(header);
        if (v != null) {
            env.put(variable, v);
        }
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
